/**
 * The main Worker's bundle, built as `wrangler deploy` builds it: under the 200 KB (gzip)
 * budget, and without the post parser, which lives in the ingest Worker (INGEST binding).
 * The metafile names every module in the bundle, so an import that drags the parser back in
 * (a constant taken from parse-post.ts, say) fails here with the module named.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { dryRunBuild } from "../../scripts/lib/wrangler-build";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BUDGET_GZIP_BYTES = 200 * 1024;

/** Libraries only parsing needs, and the parser's own files. */
const PARSER_ONLY = /node_modules\/(parse5|yaml|markdown-it[^/]*|liquidjs|entities|linkify-it)\/|src\/ingest\/(parse-post|sanitize|html-tree|front-matter|markdown|json-post|liquid-strip|boilerplate)\.ts$/;

type Metafile = { inputs: Record<string, unknown>; outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };

function build(config: string, out: string): { code: Buffer; modules: string[] } {
  dryRunBuild(out, ["-c", config, "--metafile", path.join(out, "meta.json")]);
  const meta = JSON.parse(readFileSync(path.join(out, "meta.json"), "utf8")) as Metafile;
  const [file, output] = Object.entries(meta.outputs).find(([name]) => name.endsWith(".js")) ?? [];
  if (!file || !output) throw new Error("no .js output in the metafile");
  const modules = Object.entries(output.inputs).filter(([, v]) => v.bytesInOutput > 0).map(([name]) => name);
  return { code: readFileSync(path.resolve(ROOT, file)), modules };
}

describe("bundles", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "edgewire-bundle-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps the main Worker under 200 KB gzipped and free of the parser", () => {
    const main = build("wrangler.toml", path.join(dir, "main"));
    expect(main.modules.filter((m) => PARSER_ONLY.test(m))).toEqual([]);
    expect(gzipSync(main.code).byteLength).toBeLessThan(BUDGET_GZIP_BYTES);
  });

  it("puts the parser in the ingest Worker", () => {
    const ingest = build("wrangler.ingest.toml", path.join(dir, "ingest"));
    // The check above can only pass because these really are elsewhere.
    for (const lib of ["parse5", "yaml", "markdown-it"]) expect(ingest.modules.some((m) => m.includes(`node_modules/${lib}/`))).toBe(true);
    expect(ingest.modules).toContain("src/ingest/parse-post.ts");
  });
});
