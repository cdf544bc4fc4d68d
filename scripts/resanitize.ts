/**
 * npm run resanitize -- [--url <base> --token <token>]
 *
 * After a sanitizer change (SANITIZER_VERSION bumped), re-runs the current parser and
 * sanitizer over the stored source text of every article written by an older version,
 * through POST /api/v1/admin/resanitize, batch after batch until none is left.
 */
import { parseArgs } from "node:util";
import { chooseAdminTarget, UsageError } from "./lib/admin-target";

const USAGE = "usage: npm run resanitize -- [--url <base URL> --token <admin token>]";

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: "string" }, token: { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const target = await chooseAdminTarget(values.url, values.token);
  let updated = 0;
  let version = 0;
  let siteImports = 0;
  try {
    for (let round = 0; round < 10_000; round++) {
      const res = await target.post("/api/v1/admin/resanitize?limit=200");
      const text = await res.text();
      if (!res.ok) throw new Error(`${target.label} answered ${res.status}: ${text}`);
      const body = JSON.parse(text) as { sanitizerVersion: number; summary: { updated: number; rejected: number }; remaining: number; siteImports?: number };
      version = body.sanitizerVersion;
      siteImports = body.siteImports ?? 0;
      updated += body.summary.updated;
      if (body.remaining === 0) break;
      if (body.summary.updated === 0) throw new Error(`${body.remaining} article(s) could not be re-sanitized (their source no longer parses).`);
    }
  } finally {
    await target.close();
  }
  console.log(`resanitize: ${updated} article(s) re-sanitized to version ${version} in ${target.label}`);
  if (siteImports > 0) {
    console.log(`resanitize: ${siteImports} article(s) came from a Jekyll site import; run \`npm run import -- <site>\` again to update them`);
  }
}

main().catch((err: unknown) => {
  console.error(`resanitize: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
