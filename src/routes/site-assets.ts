/**
 * The site's icons, web manifest and default share image: small constant files built into
 * the Worker (src/assets/images.ts, drawn by scripts/make-icons.ts), served from the route
 * table with the STATIC policy, so /favicon.ico is a cached 400-byte icon rather than a
 * 404 page on every visit.
 */
import { Hono } from "hono";
import { IMAGES } from "../assets/images";
import type { AppEnv } from "../env";
import { siteConfig } from "../lib/config";
import { ROUTES } from "./public-routes";

export const siteAssets = new Hono<AppEnv>();

/** The brand red of the icons. */
export const THEME_COLOR = "#b3261e";

const decoded = new Map<string, Uint8Array>();

/** Decoded once per isolate: plain bytes, never shared as a stream between requests. */
function bytesOf(path: keyof typeof IMAGES): Uint8Array {
  let bytes = decoded.get(path);
  if (!bytes) {
    bytes = Uint8Array.from(atob(IMAGES[path].base64), (ch) => ch.charCodeAt(0));
    decoded.set(path, bytes);
  }
  return bytes;
}

const IMAGE_ROUTES = [ROUTES.favicon, ROUTES.iconSvg, ROUTES.icon192, ROUTES.icon512, ROUTES.appleTouchIcon, ROUTES.shareDefault] as const;

for (const route of IMAGE_ROUTES) {
  siteAssets.get(route.path, (c) => {
    const path = route.path as keyof typeof IMAGES;
    return c.body(bytesOf(path).slice(), 200, { "Content-Type": IMAGES[path].type, "Cross-Origin-Resource-Policy": "cross-origin" });
  });
}

siteAssets.get(ROUTES.manifest.path, (c) => {
  const site = siteConfig(c.env);
  const icon = (path: "/icon-192.png" | "/icon-512.png") => ({ src: path, sizes: `${IMAGES[path].width}x${IMAGES[path].height}`, type: "image/png" });
  const manifest = {
    name: site.name,
    short_name: site.name,
    lang: site.lang,
    start_url: "/",
    scope: "/",
    display: "browser",
    background_color: "#ffffff",
    theme_color: THEME_COLOR,
    icons: [icon("/icon-192.png"), icon("/icon-512.png"), { src: "/icon.svg", sizes: "any", type: "image/svg+xml" }],
  };
  return c.body(JSON.stringify(manifest), 200, { "Content-Type": "application/manifest+json; charset=utf-8" });
});
