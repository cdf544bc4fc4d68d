/**
 * The token checks every admin route must pass, written once and run by one file per route
 * (test/integration/admin-security/). admin-routes.test.ts there fails when the app gains
 * an admin route that has no entry here.
 */
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { makePost, seedPosts } from "./seed";

const CURRENT = "test-admin-token-current";
const NEXT = "test-admin-token-next";
/** An article every call can rely on, whatever ran before in the file. */
const EXISTING = "NW202403010000000001";

export type AdminCall = { method: string; route: string; path: string; contentType?: string; body?: () => string };

export const ADMIN_CALLS = {
  import: { method: "POST", route: "/api/v1/admin/import", path: "/api/v1/admin/import", contentType: "text/markdown", body: () => makePost({ title: "安全测试", infoCode: EXISTING }) },
  putArticle: {
    method: "PUT",
    route: "/api/v1/admin/articles/:infoCode",
    path: "/api/v1/admin/articles/NW202403010000000002",
    contentType: "application/json",
    body: () => JSON.stringify({ title: "安全", date: "2024-03-01 09:00:00 +0800", body: "<p>正文</p>", category: { slug: "caijing", name: "财经要闻" } }),
  },
  deleteArticle: { method: "DELETE", route: "/api/v1/admin/articles/:infoCode", path: `/api/v1/admin/articles/${EXISTING}` },
  resanitize: { method: "POST", route: "/api/v1/admin/resanitize", path: "/api/v1/admin/resanitize", contentType: "application/json" },
  searchReindex: { method: "POST", route: "/api/v1/admin/search/reindex", path: "/api/v1/admin/search/reindex?limit=1" },
  syncStateGet: { method: "GET", route: "/api/v1/admin/sync-state", path: "/api/v1/admin/sync-state?site=https%3A%2F%2Fsecurity.example" },
  syncStatePut: {
    method: "PUT",
    route: "/api/v1/admin/sync-state",
    path: "/api/v1/admin/sync-state",
    contentType: "application/json",
    body: () => JSON.stringify({ site: "https://security.example", commit: "0123456789abcdef0123456789abcdef01234567" }),
  },
  stats: { method: "GET", route: "/api/v1/admin/stats", path: "/api/v1/admin/stats" },
  articleStats: { method: "GET", route: "/api/v1/admin/stats/:infoCode", path: `/api/v1/admin/stats/${EXISTING}` },
} satisfies Record<string, AdminCall>;

function send(call: AdminCall, authorization?: string): Promise<Response> {
  const headers: Record<string, string> = call.contentType ? { "Content-Type": call.contentType } : {};
  if (authorization !== undefined) headers.Authorization = authorization;
  const body = call.body?.();
  return SELF.fetch(`https://news.example.com${call.path}`, { method: call.method, headers, ...(body ? { body } : {}) });
}

export function adminSecuritySuite(call: AdminCall): void {
  describe(`${call.method} ${call.route}`, () => {
    it("refuses a request without a token, with a Bearer challenge", async () => {
      const res = await send(call);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm="edgewire-admin"/);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
    });

    it.each([["Basic dXNlcjpwYXNz"], ["Bearer"], ["Bearer two tokens"], [`bearer${CURRENT}`], [`Token ${CURRENT}`]])(
      "refuses a malformed header %s",
      async (header) => {
        const res = await send(call, header);
        expect(res.status).toBe(401);
        expect(res.headers.get("www-authenticate")).toContain('error="invalid_request"');
      },
    );

    it.each([["wrong-token"], [`${CURRENT}x`], [CURRENT.slice(0, -1)]])("refuses a wrong token %s", async (token) => {
      const res = await send(call, `Bearer ${token}`);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
      expect(await res.text()).not.toContain(CURRENT);
    });

    it.each([["current", CURRENT], ["rotated-in next", NEXT]])("accepts the %s token", async (_label, token) => {
      // Seeded again for each: the DELETE case needs the article, the other token may have unpublished it.
      await seedPosts(makePost({ title: "待删除", infoCode: EXISTING }));
      const res = await send(call, `Bearer ${token}`);
      expect(res.status).toBeLessThan(300);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
    });
  });
}
