/**
 * The admin API as a partner's ingest client calls it, through SELF (the whole Worker),
 * with the token the test pool's bindings accept.
 */
import { SELF } from "cloudflare:test";

export const BASE = "https://news.example.com";
export const ADMIN_AUTH = { Authorization: "Bearer test-admin-token-current" } as const;

/** PUT one article as JSON. */
export function putArticle(code: string, body: unknown): Promise<Response> {
  return SELF.fetch(`${BASE}/api/v1/admin/articles/${code}`, {
    method: "PUT",
    headers: { ...ADMIN_AUTH, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** POST a batch of Jekyll posts (their text) to the import endpoint. */
export function importPosts(posts: readonly string[]): Promise<Response> {
  return SELF.fetch(`${BASE}/api/v1/admin/import`, {
    method: "POST",
    headers: { ...ADMIN_AUTH, "Content-Type": "application/json" },
    body: JSON.stringify({ posts }),
  });
}
