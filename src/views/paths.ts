/**
 * Site paths for in-page links, in one place so every page links the same URL for the
 * same thing (cache keys and canonical URLs stay single). Root-relative: the absolute
 * form, where one is needed, is absoluteUrl(site, path).
 */
export function articlePath(infoCode: string): string {
  return `/a/${infoCode}`;
}

export function categoryPath(slug: string): string {
  return `/category/${slug}.html`;
}

/** Tags are free text, often Chinese: percent-encoded UTF-8 (SPEC section 2). */
export function tagPath(tag: string): string {
  return `/tag/${encodeURIComponent(tag)}.html`;
}

export function homePath(before?: string): string {
  return before === undefined ? "/" : `/?before=${encodeURIComponent(before)}`;
}
