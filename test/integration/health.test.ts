import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";

describe("GET /healthz", () => {
  it("names the service and reports the database as reachable", async () => {
    const res = await SELF.fetch("https://news.example.com/healthz");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ service: "edgewire", status: "ok", database: "ok" });
  });

  it("answers unknown paths with a problem document, not a stack trace", async () => {
    const res = await SELF.fetch("https://news.example.com/api/v1/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const body = (await res.json()) as { code: string; requestId: string };
    expect(body.code).toBe("not_found");
    expect(body.requestId).toBe(res.headers.get("x-request-id"));
  });
});
