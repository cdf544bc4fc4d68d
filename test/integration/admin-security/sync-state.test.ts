import { SELF } from "cloudflare:test";
import { beforeAll } from "vitest";
import { ADMIN_CALLS, adminSecuritySuite } from "../../support/admin-security";

// The GET answers 404 until a commit is recorded: record one with the operator token first.
beforeAll(async () => {
  const put = ADMIN_CALLS.syncStatePut;
  await SELF.fetch(`https://news.example.com${put.path}`, {
    method: "PUT",
    headers: { Authorization: "Bearer test-admin-token-current", "Content-Type": put.contentType },
    body: put.body(),
  });
});

adminSecuritySuite(ADMIN_CALLS.syncStatePut);
adminSecuritySuite(ADMIN_CALLS.syncStateGet);
