/** npm run import -- [--url <base> --token <token>] <files or folders…> */
import { parseArgs } from "node:util";
import { runImport, UsageError } from "./lib/import-run";

const USAGE = "usage: npm run import -- [--url <base URL> --token <admin token>] <files or folders…>";

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { url: { type: "string" }, token: { type: "string" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals.length === 0) throw new UsageError(`name at least one file or folder.\n${USAGE}`);
  const counts = await runImport({ paths: positionals, url: values.url, token: values.token });
  // Partial success still imports the good posts; the exit code tells scripts something was refused.
  if (counts.rejected > 0 || counts.failed > 0 || counts.missing > 0) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(`import: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(err instanceof UsageError ? 2 : 1);
});
