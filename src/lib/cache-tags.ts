/**
 * The cache tag of a tag page. Tags are free text, often Chinese, but header values must
 * be bytes (Node's Headers rejects anything past U+00FF and Cloudflare's purge-by-tag wants
 * ASCII), so the name is percent-encoded the same way on the page and in the purge.
 */
export function tagPageCacheTag(tag: string): string {
  return `tag:${encodeURIComponent(tag)}`;
}
