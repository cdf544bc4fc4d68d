import { describe, expect, it } from "vitest";
import { siteDay } from "../../src/analytics/counter";
import { detectApp, mayCount } from "../../src/analytics/referrer";

const PAGE = "https://news.example.com/a/NW202204282363815497";
const UA = {
  wechat: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN",
  weibo: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 Weibo (iPhone15,2__weibo__13.11.1__iphone__os17.0)",
  telegram: "Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36 Telegram-Android/10.6.1",
  whatsapp: "WhatsApp/2.23.20.0 A",
  x: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 Twitter for iPhone/10.20",
  facebook: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 [FBAN/FBIOS;FBAV/441.0.0.37.107;FBBV/555]",
  safari: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1",
};

describe("detectApp", () => {
  it.each([
    ["WeChat's own browser", null, UA.wechat, "wechat"],
    ["Weibo's browser", null, UA.weibo, "weibo"],
    ["Telegram's browser", null, UA.telegram, "telegram"],
    ["WhatsApp", null, UA.whatsapp, "whatsapp"],
    ["X's browser", null, UA.x, "x"],
    ["Facebook's browser", null, UA.facebook, "facebook"],
    ["WeChat share params", `${PAGE}?from=singlemessage&isappinstalled=0`, UA.safari, "wechat"],
    ["WeChat Moments", `${PAGE}?from=timeline`, UA.safari, "wechat"],
    ["utm_source=weibo", `${PAGE}?utm_source=weibo&utm_medium=social`, UA.safari, "weibo"],
    ["utm_source=Telegram", `${PAGE}?utm_source=Telegram`, UA.safari, "telegram"],
    ["utm_source=whatsapp", `${PAGE}?utm_source=whatsapp`, UA.safari, "whatsapp"],
    ["utm_source=twitter", `${PAGE}?utm_source=twitter`, UA.safari, "x"],
    ["fbclid", `${PAGE}?fbclid=IwAR0abc`, UA.safari, "facebook"],
    ["the user agent wins over pasted params", `${PAGE}?utm_source=weibo`, UA.wechat, "wechat"],
    ["no params", PAGE, UA.safari, "direct"],
    ["no referer at all", null, null, "direct"],
    ["an unknown utm_source", `${PAGE}?utm_source=newsletter`, UA.safari, "direct"],
    ["a referer that is not a URL", "::not a url::", UA.safari, "direct"],
  ] as const)("%s → %s", (_label, referer, ua, app) => {
    expect(detectApp(referer, ua)).toBe(app);
  });
});

describe("mayCount", () => {
  it.each([
    ["a reader", { "User-Agent": UA.safari }, true],
    ["DNT: 1", { "User-Agent": UA.safari, DNT: "1" }, false],
    ["DNT: 0", { "User-Agent": UA.safari, DNT: "0" }, true],
    ["Sec-GPC: 1", { "User-Agent": UA.safari, "Sec-GPC": "1" }, false],
    ["a prefetch", { "User-Agent": UA.safari, "Sec-Purpose": "prefetch" }, false],
    ["Googlebot", { "User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" }, false],
    ["TelegramBot previews", { "User-Agent": "TelegramBot (like TwitterBot)" }, false],
    ["facebookexternalhit", { "User-Agent": "facebookexternalhit/1.1" }, false],
  ] as const)("%s → %s", (_label, headers, expected) => {
    expect(mayCount(new Headers(headers))).toBe(expected);
  });
});

describe("siteDay", () => {
  it("is the calendar day in UTC+8", () => {
    expect(siteDay(Date.UTC(2026, 10, 27, 15, 59))).toBe("2026-11-27");
    expect(siteDay(Date.UTC(2026, 10, 27, 16, 0))).toBe("2026-11-28");
  });
});
