/**
 * Image URLs for pages. Only http(s) URLs leave the page; relative ones resolve on the site.
 * A thumbnail gets a `srcset` only when its host is an image service known to resize by
 * URL (Aliyun OSS, Tencent Cloud COS, Qiniu), so no width we ask for can 404; any other
 * host gets the one original URL.
 */

import { httpUrl as safeUrl } from "../syndication/share-image";

export { safeUrl };

/** How each known host spells "this image, `w` pixels wide". */
const RESIZERS: readonly [RegExp, (w: number) => string][] = [
  [/\.aliyuncs\.com$/, (w) => `x-oss-process=image/resize,w_${w}`],
  [/\.myqcloud\.com$/, (w) => `imageMogr2/thumbnail/${w}x`],
  [/\.(clouddn|qiniucdn|qnssl)\.com$/, (w) => `imageView2/2/w/${w}`],
];

/** Widths offered: a 120-160 px thumbnail at 1x and 2x, and a little more. */
const WIDTHS = [240, 480] as const;

export type Thumb = { src: string; srcset?: string };

export function thumbnail(imageUrl: string | null, base: string): Thumb | null {
  const src = safeUrl(imageUrl, base);
  if (src === null) return null;
  const url = new URL(src);
  const resize = url.search === "" ? RESIZERS.find(([host]) => host.test(url.hostname))?.[1] : undefined;
  if (!resize) return { src };
  return { src, srcset: WIDTHS.map((w) => `${src}?${resize(w)} ${w}w`).join(", ") };
}
