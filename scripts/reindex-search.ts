/**
 * npm run search:reindex -- [--url <base> --token <token>] [--all]
 *
 * Builds the search index for articles that have none or an outdated one: after the
 * search migration on a database that already holds articles, or after a tokenizer
 * change (--all rebuilds every row). Tokenizing is JavaScript, so the work runs in the
 * Worker through POST /api/v1/admin/search/reindex, one batch per call, until done:
 * - with --url: the deployed (or any) instance;
 * - without: the local server `npm start` runs (if it is edgewire), else the Worker started
 *   in-process on the local D1 (.wrangler/state), as `npm run import` does.
 */
import { parseArgs } from "node:util";
import { chooseAdminTarget, UsageError } from "./lib/admin-target";

const USAGE = "usage: npm run search:reindex -- [--url <base URL> --token <admin token>] [--all]";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { url: { type: "string" }, token: { type: "string" }, all: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const target = await chooseAdminTarget(values.url, values.token);
  let after = 0;
  let total = 0;
  try {
    for (;;) {
      const res = await target.post(`/api/v1/admin/search/reindex?after=${after}${values.all ? "&all=1" : ""}`);
      const text = await res.text();
      if (!res.ok) throw new Error(`${target.label} answered ${res.status}: ${text}`);
      const body = JSON.parse(text) as { indexed: number; next: number | null };
      total += body.indexed;
      if (body.next === null) break;
      after = body.next;
    }
  } finally {
    await target.close();
  }
  console.log(`search:reindex: ${total} article(s) indexed in ${target.label}`);
}

main().catch((err: unknown) => {
  console.error(`search:reindex: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
