import { readFileSync } from "node:fs";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";
import { buildCardsWorker, cardsWorkerOptions } from "./scripts/lib/cards-worker";
import { buildIngestWorker, ingestWorkerOptions } from "./scripts/lib/ingest-worker";
import { createImageHost } from "./test/support/image-host";

// Tests make no network calls: no telemetry, no update check, no Request.cf lookup.
process.env.WRANGLER_SEND_METRICS = "false";
process.env.WRANGLER_HIDE_BANNER = "true";
process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";
// wrangler reads .dev.vars for every test worker and says so at "log" level, dozens of times
// a run; warnings and errors still print. (The tests set their own tokens below.)
process.env.WRANGLER_LOG ??= "warn";

export default defineConfig({
  plugins: [
    cloudflareTest(async () => {
      const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
      // The cards Worker runs beside the app as an auxiliary worker (the CARDS service binding),
      // built as deployed. Its only outbound fetches are article images: answered by a mock of the
      // image host (test/support/image-host.ts: the fixture photo, and its failure modes).
      const cards = cardsWorkerOptions(buildCardsWorker(path.join(import.meta.dirname, ".wrangler/cards-test")));
      const imageHost = createImageHost(readFileSync(path.join(import.meta.dirname, "test/fixtures/cards/photo.png")));
      // The ingest Worker too (the INGEST binding, RPC): every admin write in the suites parses
      // its posts through it, as deployed.
      const ingest = ingestWorkerOptions(buildIngestWorker(path.join(import.meta.dirname, ".wrangler/ingest-test")));
      return {
        main: "./src/index.ts",
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          workers: [
            { ...cards, outboundService: imageHost.outbound },
            ingest,
          ],
          // Tests read what the mock image host saw (test/integration/cards-faults.test.ts).
          serviceBindings: { IMAGE_HOST: imageHost.statsBinding },
          bindings: {
            TEST_MIGRATIONS: migrations,
            SITE_URL: "https://news.example.com",
            ADMIN_TOKEN: "test-admin-token-current",
            ADMIN_TOKEN_NEXT: "test-admin-token-next",
            // Many suites send wrong tokens on purpose; test/integration/auth-limits.test.ts sets its own limit.
            ADMIN_AUTH_FAILURES_PER_MINUTE: "100000",
          },
        },
      };
    }),
  ],
  test: {
    projects: [
      {
        extends: true,
        test: { name: "workers", include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts"], setupFiles: ["./test/apply-migrations.ts"] },
      },
      // Commands run as users run them: child processes from Node, outside workerd.
      { test: { name: "node", include: ["test/node/**/*.test.ts"], environment: "node", testTimeout: 120_000 } },
      // Real third-party clients (unfurlers, metascraper, oEmbed, feed parsers, XSD) against the running Worker.
      { test: { name: "interop", include: ["test/interop/**/*.test.ts"], environment: "node", testTimeout: 120_000, hookTimeout: 180_000 } },
    ],
  },
});
