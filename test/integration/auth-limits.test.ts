/**
 * Failed admin authentication is limited per client address before any other work, and
 * the Bearer scheme is case-insensitive (RFC 9110 section 11.1).
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";

const BASE = "https://news.example.com";

async function call(address: string, authorization: string, limit = "3"): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await createApp().fetch(
    new Request(`${BASE}/api/v1/admin/stats`, { headers: { Authorization: authorization, "CF-Connecting-IP": address } }),
    { ...env, ADMIN_AUTH_FAILURES_PER_MINUTE: limit },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

describe("failed admin authentication", () => {
  it("is answered 429 with Retry-After after a few failures a minute, even with the right token then", async () => {
    const address = "203.0.113.50";
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(address, `Bearer wrong-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const blocked = await call(address, "Bearer test-admin-token-current");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(blocked.headers.get("content-type")).toContain("application/problem+json");
  });

  it("is counted per address: another client is not blocked", async () => {
    for (let i = 0; i < 4; i++) await call("203.0.113.51", "Bearer wrong");
    expect((await call("203.0.113.52", "Bearer test-admin-token-current")).status).toBe(200);
  });

  it("accepts the scheme in any case", async () => {
    for (const scheme of ["bearer", "BEARER", "bEaReR"]) {
      expect((await call("203.0.113.53", `${scheme} test-admin-token-current`)).status, scheme).toBe(200);
    }
  });
});
