import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { ADMIN_CALLS } from "../../support/admin-security";

describe("admin routes", () => {
  it("each has its token checks in this folder", () => {
    const routes = createApp()
      .routes.filter((r) => r.path.startsWith("/api/v1/admin/") && r.method !== "ALL")
      .map((r) => `${r.method} ${r.path}`);
    const covered = Object.values(ADMIN_CALLS).map((c) => `${c.method} ${c.route}`);
    expect(new Set(routes)).toEqual(new Set(covered));
  });
});
