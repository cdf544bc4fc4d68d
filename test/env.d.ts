import type { D1Migration } from "@cloudflare/vitest-pool-workers";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      ADMIN_TOKEN: string;
      ADMIN_TOKEN_NEXT: string;
      /** The mock image host's counters (test/support/image-host.ts), per run. */
      IMAGE_HOST: Fetcher;
    }
  }
}
