/** npm run sync -- [--url <base> --token <token>] [--archive <folder>…] <git checkout of a Jekyll site> */
import { parseArgs } from "node:util";
import { UsageError } from "./lib/admin-target";
import { DEFAULT_ARCHIVE_DIRS, runSync } from "./lib/sync-run";

const USAGE =
  "usage: npm run sync -- [--url <base URL> --token <admin token>] [--archive <folder>]… [--no-archive] [--quiet] <git checkout of a Jekyll site>\n" +
  `  --archive: a top-level folder whose posts are the site's too, read as _posts (repeatable; default: ${DEFAULT_ARCHIVE_DIRS.join(", ")})`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      url: { type: "string" },
      token: { type: "string" },
      archive: { type: "string", multiple: true },
      "no-archive": { type: "boolean" },
      quiet: { type: "boolean", short: "q" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals.length !== 1 || !positionals[0]) throw new UsageError(`name one Git checkout.\n${USAGE}`);
  const archiveDirs = values["no-archive"] ? [] : (values.archive ?? DEFAULT_ARCHIVE_DIRS);
  const result = await runSync({ dir: positionals[0], url: values.url, token: values.token, archiveDirs, quiet: values.quiet });
  // Rejected posts are reported and the commit still recorded (they will not be sent again
  // until changed); the exit code tells the job something needs a look, as import's does.
  if (!result.recorded || result.tally.counts.rejected > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(`sync: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
