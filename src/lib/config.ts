import type { Bindings } from "../env";

/** Site settings read from configuration only: never from request headers. */
export type SiteConfig = {
  /** Origin and optional base path, no trailing slash: "https://news.example.com". */
  url: string;
  name: string;
  lang: string;
  /** Footer links; each is shown only when configured (http(s) or root-relative). */
  aboutUrl?: string;
  contactUrl?: string;
  copyrightUrl?: string;
  /** Footer copyright line, e.g. "© 2026 某某报业"; defaults to "© {name}". */
  copyright?: string;
};

/** A configured footer link, or undefined when empty or not http(s)/root-relative. */
function linkSetting(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (v.startsWith("/") && !v.startsWith("//")) return v;
  return /^(https?:\/\/|mailto:)[^\s]+$/i.test(v) ? v : undefined;
}

export function siteConfig(env: Bindings): SiteConfig {
  return {
    url: env.SITE_URL.replace(/\/+$/, ""),
    name: env.SITE_NAME,
    lang: env.SITE_LANG || "zh-CN",
    aboutUrl: linkSetting(env.SITE_ABOUT_URL),
    contactUrl: linkSetting(env.SITE_CONTACT_URL),
    copyrightUrl: linkSetting(env.SITE_COPYRIGHT_URL),
    copyright: env.SITE_COPYRIGHT?.trim() || undefined,
  };
}

/** Absolute URL on the configured site for a path that starts with "/". */
export function absoluteUrl(site: SiteConfig, path: string): string {
  return `${site.url}${path}`;
}
