import type { Bindings } from "../env";

/** Site settings read from configuration only: never from request headers. */
export type SiteConfig = {
  /** Origin and optional base path, no trailing slash: "https://news.example.com". */
  url: string;
  name: string;
  lang: string;
  /** The site's X/Twitter account ("@edgewire") for twitter:site; absent when not configured. */
  twitterSite?: string;
};

export function siteConfig(env: Bindings): SiteConfig {
  return {
    url: env.SITE_URL.replace(/\/+$/, ""),
    name: env.SITE_NAME,
    lang: env.SITE_LANG || "zh-CN",
    ...twitterHandle(env.TWITTER_SITE),
  };
}

/** Absolute URL on the configured site for a path that starts with "/". */
export function absoluteUrl(site: SiteConfig, path: string): string {
  return `${site.url}${path}`;
}

/** "@name" from "@name" or "name" (1–15 word characters, X's rule); anything else is ignored. */
function twitterHandle(raw: string | undefined): { twitterSite?: string } {
  const name = (raw ?? "").trim().replace(/^@/, "");
  return /^\w{1,15}$/.test(name) ? { twitterSite: `@${name}` } : {};
}
