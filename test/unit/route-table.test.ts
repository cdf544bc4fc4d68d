import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { PUBLIC_ROUTES, UNCACHED_GET_PATHS } from "../../src/routes/public-routes";

/** The app's GET routes as Hono registered them (middleware entries are method ALL). */
function appGetPaths(): string[] {
  return [...new Set(createApp().routes.filter((r) => r.method === "GET").map((r) => r.path))].sort();
}

describe("the route table and the cache policy", () => {
  it("gives every public GET route a cache policy, or names it as deliberately uncached", () => {
    const known = new Set([...PUBLIC_ROUTES.map((r) => r.path), ...UNCACHED_GET_PATHS]);
    expect(appGetPaths().filter((path) => !known.has(path))).toEqual([]);
  });

  it("has no policy for a path the app does not serve", () => {
    const served = new Set(appGetPaths());
    expect(PUBLIC_ROUTES.map((r) => r.path).filter((path) => !served.has(path))).toEqual([]);
    expect(UNCACHED_GET_PATHS.filter((path) => !served.has(path))).toEqual([]);
  });

  it("has one policy per path", () => {
    const paths = PUBLIC_ROUTES.map((r) => r.path);
    expect(new Set(paths).size).toBe(paths.length);
  });
});
