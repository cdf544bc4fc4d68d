import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { makePost, seedPosts } from "../support/seed";

// DELETE needs an existing article whatever order the cases run in.
beforeAll(async () => {
  await seedPosts(makePost({ title: "待删除", infoCode: "NW202403010000000001" }));
});

const CURRENT = "test-admin-token-current";
const NEXT = "test-admin-token-next";

type Call = { name: string; method: string; path: string; contentType: string; body: () => string };

const CALLS: Call[] = [
  { name: "import", method: "POST", path: "/api/v1/admin/import", contentType: "text/markdown", body: () => makePost({ title: "安全测试", infoCode: "NW202403010000000001" }) },
  {
    name: "put article",
    method: "PUT",
    path: "/api/v1/admin/articles/NW202403010000000002",
    contentType: "application/json",
    body: () => JSON.stringify({ title: "安全", date: "2024-03-01 09:00:00 +0800", body: "<p>正文</p>", category: { slug: "caijing", name: "财经要闻" } }),
  },
  { name: "delete article", method: "DELETE", path: "/api/v1/admin/articles/NW202403010000000001", contentType: "application/json", body: () => "" },
  { name: "resanitize", method: "POST", path: "/api/v1/admin/resanitize", contentType: "application/json", body: () => "" },
];

function send(call: Call, authorization?: string): Promise<Response> {
  const headers: Record<string, string> = { "Content-Type": call.contentType };
  if (authorization !== undefined) headers.Authorization = authorization;
  const body = call.body();
  return SELF.fetch(`https://news.example.com${call.path}`, { method: call.method, headers, ...(body ? { body } : {}) });
}

describe.each(CALLS)("$method $path ($name)", (call) => {
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
    const body = await res.text();
    expect(body).not.toContain(CURRENT);
  });

  it.each([["current", CURRENT], ["rotated-in next", NEXT]])("accepts the %s token", async (_label, token) => {
    const res = await send(call, `Bearer ${token}`);
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});
