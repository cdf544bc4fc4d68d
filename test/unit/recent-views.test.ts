import { describe, expect, it } from "vitest";
import { readerKey, RecentViews } from "../../src/analytics/recent-views";

describe("recent views", () => {
  it("counts a reader's first view of an article in the window, not the repeats", () => {
    const recent = new RecentViews(30 * 60_000, 100);
    expect(recent.firstIn("a", 0)).toBe(true);
    expect(recent.firstIn("a", 29 * 60_000)).toBe(false);
    expect(recent.firstIn("b", 29 * 60_000)).toBe(true);
    expect(recent.firstIn("a", 30 * 60_000)).toBe(true);
    expect(recent.firstIn("a", 30 * 60_000 + 1)).toBe(false);
  });

  it("counts again when the clock goes backwards rather than silencing a reader", () => {
    const recent = new RecentViews(60_000, 100);
    recent.firstIn("a", 10_000);
    expect(recent.firstIn("a", 5_000)).toBe(true);
  });

  it("forgets the oldest readers first when full", () => {
    const recent = new RecentViews(60_000, 3);
    for (const [i, key] of ["a", "b", "c", "d"].entries()) recent.firstIn(key, i);
    expect(recent.size).toBe(3);
    expect(recent.firstIn("a", 10)).toBe(true); // forgotten, so counted again
    expect(recent.firstIn("d", 10)).toBe(false);
  });

  it("keys a reader by a salted digest, never the address itself", async () => {
    const key = await readerKey("203.0.113.7", "NW202204282363815497");
    expect(key).not.toContain("203.0.113.7");
    expect(key).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(await readerKey("203.0.113.7", "NW202204282363815497")).toBe(key);
    expect(await readerKey("203.0.113.8", "NW202204282363815497")).not.toBe(key);
    expect(await readerKey("203.0.113.7", "NW202204282363815498")).not.toBe(key);
  });
});
