import { describe, expect, it } from "vitest";
import { readerHeaders } from "../../src/cache/entry";
import { browserCacheControl, IMMUTABLE, PAGE } from "../../src/cache/policy";
import { workersCacheControl } from "../../src/cache/workers-cache";

describe("the IMMUTABLE policy (share card images)", () => {
  it("lets browsers keep a 200 for a year, marked immutable, and a 404 only briefly", () => {
    expect(browserCacheControl(200, IMMUTABLE)).toBe("public, max-age=31536000, immutable");
    expect(browserCacheControl(404, IMMUTABLE)).toBe("public, max-age=30");
    expect(browserCacheControl(200, PAGE)).toBe("public, max-age=60");
    expect(workersCacheControl(200, IMMUTABLE, true)).toMatch(/^public, max-age=31536000, immutable, s-maxage=2592000,/);
    expect(workersCacheControl(200, IMMUTABLE, false)).toBe("no-store");
  });

  it("keeps a route's no-store for the reader (an incomplete card) instead of the policy's lifetime", () => {
    expect(readerHeaders({ "Cache-Control": "no-store" }, '"e"', 200, "MISS", IMMUTABLE).get("Cache-Control")).toBe("no-store");
    expect(readerHeaders({}, '"e"', 200, "MISS", IMMUTABLE).get("Cache-Control")).toBe("public, max-age=31536000, immutable");
  });
});
