import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import fixture from "../fixtures/2022-04-28-NW202204282363815497.md?raw";
import { seedPosts } from "../support/seed";

beforeAll(async () => {
  await seedPosts(fixture);
});

const PATHS = ["/a/NW202204282363815497", "/html_News/NewsShare.html?infoCode=NW202204282363815497", "/", "/a/NW000", "/healthz", "/api/v1/nope"];

describe.each(PATHS)("security headers on %s", (path) => {
  it("deny framing, sniffing and script, and pin https", async () => {
    const res = await SELF.fetch(`https://news.example.com${path}`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).not.toContain("nonce-");
    // Lighthouse reads /robots.txt with fetch from inside the page; the icons and manifest are the page's own.
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("manifest-src 'self'");
    expect(csp).toMatch(/img-src 'self'/);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
    expect(res.headers.get("set-cookie")).toBeNull();
  });
});
