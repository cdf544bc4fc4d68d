/**
 * The app's configuration in one place: every var and setting is read and parsed here
 * (never from request headers), and the site's zone. (Post size limits sit with the
 * parser: MAX_POST_BYTES in src/ingest/parse-post.ts.)
 */
import type { Bindings } from "../env";

/**
 * The site's zone: China Standard Time, +08:00 with no daylight saving. Partners are
 * Chinese newsrooms, so a post date without an offset is read in it (as Jekyll reads one
 * in the site's zone), and the view counters' day turns over in it, not at 16:00 local.
 */
export const SITE_OFFSET_MIN = 480;

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

/** Every setting, parsed: empty strings are "not set". */
export type AppConfig = {
  site: SiteConfig;
  /** WEBSUB_HUB: the hub feeds advertise and writes ping; null for none. */
  websubHub: string | null;
  /** EMBED_PARTNERS: the origins allowed to frame cards; empty allows any site. */
  embedPartners: string[];
  /** ADMIN_RATE_LIMIT: admin requests a minute per token for the per-isolate limiter; null for the default. */
  adminRequestsPerMinute: number | null;
};

const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i;

export function appConfig(env: Bindings): AppConfig {
  const perMinute = Number(env.ADMIN_RATE_LIMIT ?? "");
  return {
    site: siteConfig(env),
    websubHub: env.WEBSUB_HUB?.trim() || null,
    embedPartners: (env.EMBED_PARTNERS ?? "").split(/[\s,]+/).filter((o) => ORIGIN.test(o)),
    adminRequestsPerMinute: Number.isInteger(perMinute) && perMinute > 0 ? perMinute : null,
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
