/**
 * The site's icons, web manifest and default share image: drawn by the Worker
 * (src/assets/images.ts), served from the route table with the STATIC policy, so
 * /favicon.ico is a cached 400-byte icon rather than a 404 page on every visit.
 */
import { Hono } from "hono";
import { BRAND_RED, drawImage, IMAGES, type ImagePath } from "../assets/images";
import type { AppEnv } from "../env";
import { siteConfig } from "../lib/config";
import { ROUTES } from "./public-routes";

export const siteAssets = new Hono<AppEnv>();

/** The brand red of the icons. */
export const THEME_COLOR = BRAND_RED;

/** Drawn once per isolate and kept as plain bytes (never a promise shared between requests). */
const drawn = new Map<ImagePath, Uint8Array>();

async function bytesOf(path: ImagePath): Promise<Uint8Array> {
  let bytes = drawn.get(path);
  if (!bytes) {
    bytes = await drawImage(path);
    drawn.set(path, bytes);
  }
  return bytes;
}

const IMAGE_ROUTES = [ROUTES.favicon, ROUTES.iconSvg, ROUTES.icon192, ROUTES.icon512, ROUTES.appleTouchIcon, ROUTES.shareDefault] as const;

for (const route of IMAGE_ROUTES) {
  siteAssets.get(route.path, async (c) => {
    const path = route.path as ImagePath;
    return c.body((await bytesOf(path)).slice(), 200, { "Content-Type": IMAGES[path].type, "Cross-Origin-Resource-Policy": "cross-origin" });
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
