/**
 * Which app a share-page view came from, read from the beacon request alone. The page
 * itself is cached and identical for everyone, but the browser sends the page's full URL
 * (tracking parameters included) as the pixel's Referer: same-origin requests keep the
 * full URL under Referrer-Policy strict-origin-when-cross-origin. Nothing is stored but
 * the resulting app name: no IP, no user agent, no URL.
 */
import type { App } from "../db/types";

/**
 * The in-app browser's user agent first: it says where the reader is now, while tracking
 * parameters survive being pasted from one app into another.
 */
const USER_AGENTS: readonly [RegExp, App][] = [
  [/MicroMessenger/i, "wechat"],
  [/Weibo/i, "weibo"],
  [/Telegram/i, "telegram"],
  [/WhatsApp/i, "whatsapp"],
  [/Twitter/i, "x"],
  [/FBAN|FBAV|FB_IAB|FBIOS/, "facebook"],
];

const UTM_SOURCES: Record<string, App> = {
  wechat: "wechat",
  weixin: "wechat",
  wx: "wechat",
  weibo: "weibo",
  sinaweibo: "weibo",
  telegram: "telegram",
  tg: "telegram",
  whatsapp: "whatsapp",
  wa: "whatsapp",
  twitter: "x",
  x: "x",
  "t.co": "x",
  facebook: "facebook",
  fb: "facebook",
};

/** WeChat appends these to every link it shares (chat, group, Moments). */
const WECHAT_FROM = new Set(["singlemessage", "groupmessage", "timeline"]);

function appFromUrl(referer: string): App | null {
  let params: URLSearchParams;
  try {
    params = new URL(referer).searchParams;
  } catch {
    return null;
  }
  const source = (params.get("utm_source") ?? "").trim().toLowerCase().replace(/[\s_-]/g, "");
  const fromSource = UTM_SOURCES[source];
  if (fromSource) return fromSource;
  if (WECHAT_FROM.has(params.get("from") ?? "") || params.has("isappinstalled")) return "wechat";
  if (params.has("fbclid")) return "facebook";
  if (params.has("twclid")) return "x";
  return null;
}

export function detectApp(referer: string | null, userAgent: string | null): App {
  for (const [pattern, app] of USER_AGENTS) if (userAgent && pattern.test(userAgent)) return app;
  return (referer ? appFromUrl(referer) : null) ?? "direct";
}

// Crawlers and link-preview fetchers (TelegramBot, Twitterbot, facebookexternalhit) are not readers.
const BOT = /bot\b|bot\/|crawler|spider|slurp|facebookexternalhit|headless|preview/i;

/**
 * Whether this request may be counted: not when the reader asks not to be tracked
 * (DNT: 1, Sec-GPC: 1), not for bots, not for speculative prefetches.
 */
export function mayCount(headers: Headers): boolean {
  if (headers.get("DNT")?.trim() === "1" || headers.get("Sec-GPC")?.trim() === "1") return false;
  const purpose = `${headers.get("Sec-Purpose") ?? ""} ${headers.get("Purpose") ?? ""}`;
  if (/prefetch|prerender/i.test(purpose)) return false;
  return !BOT.test(headers.get("User-Agent") ?? "");
}
