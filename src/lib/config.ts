import type { Bindings } from "../env";

/** Site settings read from configuration only: never from request headers. */
export type SiteConfig = {
  /** Origin and optional base path, no trailing slash: "https://news.example.com". */
  url: string;
  name: string;
  lang: string;
};

export function siteConfig(env: Bindings): SiteConfig {
  return {
    url: env.SITE_URL.replace(/\/+$/, ""),
    name: env.SITE_NAME,
    lang: env.SITE_LANG || "zh-CN",
  };
}

/** Absolute URL on the configured site for a path that starts with "/". */
export function absoluteUrl(site: SiteConfig, path: string): string {
  return `${site.url}${path}`;
}
