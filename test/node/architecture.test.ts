/**
 * The folders of src/ form layers: a request flows route → data → render → cache, and
 * no folder may reach back into one that depends on it. This reads every import in src/
 * (type-only imports included: they tie the folders just as much) and fails on a cycle
 * between folders, naming the files on it, and on a router importing another router
 * (code routers share lives in src/routes/_shared/). The files at the top are outside the
 * layers: app.ts and index.ts put everything together, env.ts is types only.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../../src");

type Edge = { from: string; to: string; names?: string[] };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry) && !entry.endsWith(".d.ts") ? [full] : [];
  });
}

/** Relative imports and re-exports of every file, resolved to src-relative paths without extension. */
function importEdges(): Edge[] {
  const edges: Edge[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/^\s*(?:import|export)\b([^;]*?)\bfrom\s+["'](\.{1,2}\/[^"']+)["']/gm)) {
      const target = path.resolve(path.dirname(file), m[2] ?? "");
      const names = [.../\{([^}]*)\}/.exec(m[1] ?? "")?.[1]?.matchAll(/(?:type\s+)?(\w+)(?:\s+as\s+\w+)?/g) ?? []].map((n) => n[1] ?? "");
      edges.push({ from: path.relative(SRC, file).replace(/\.tsx?$/, ""), to: path.relative(SRC, target).replace(/\.tsx?$/, ""), names });
    }
  }
  return edges;
}

/** A file's folder under src/; null for the files at the top (app, env, index). */
const folderOf = (file: string): string | null => (file.includes("/") ? (file.split("/")[0] ?? null) : null);

/** Folder cycles as "a → b → a" with the imports that make each step. */
export function folderCycles(edges: Edge[]): string[] {
  const graph = new Map<string, Map<string, string[]>>();
  for (const { from, to } of edges) {
    const [a, b] = [folderOf(from), folderOf(to)];
    // app.ts and index.ts compose everything; env.ts holds types only (checked below).
    if (a === null || b === null || a === b) continue;
    const out = graph.get(a) ?? new Map<string, string[]>();
    graph.set(a, out);
    out.set(b, [...(out.get(b) ?? []), `${from} → ${to}`]);
  }
  // Tarjan's strongly connected components: every component larger than one folder is a cycle.
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[] = [];
  const visit = (v: string): void => {
    indexOf.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (stack.includes(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, indexOf.get(w) ?? 0));
      }
    }
    if (low.get(v) !== indexOf.get(v)) return;
    const component: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop();
      if (w !== undefined) component.push(w);
    } while (w !== undefined && w !== v);
    if (component.length < 2) return;
    const members = new Set(component);
    const steps = component.flatMap((a) =>
      [...(graph.get(a) ?? [])].filter(([b]) => members.has(b)).map(([b, files]) => `${a} → ${b} (${files.join(", ")})`),
    );
    cycles.push(`${component.sort().join(" ↔ ")}: ${steps.join("; ")}`);
  };
  for (const v of graph.keys()) if (!indexOf.has(v)) visit(v);
  return cycles;
}

/** A router is a file in routes/ that makes a Hono app; shared tables and helpers (the public route table, _shared/) are not. */
const ROUTERS = new Set(
  sourceFiles(path.join(SRC, "routes"))
    .filter((file) => /new Hono\b/.test(readFileSync(file, "utf8")))
    .map((file) => path.relative(SRC, file).replace(/\.tsx?$/, "")),
);

/**
 * Imports from one router of another. Mounting a sub-router (`admin.route("/stats",
 * adminStats)`) is composition, not a tie: importing only routers the file mounts is allowed.
 */
function routerTies(edges: Edge[]): string[] {
  const mounts = (file: string, name: string) =>
    new RegExp(`\\.route\\([^)]*\\b${name}\\)`).test(readFileSync(path.join(SRC, `${file}.ts`), "utf8"));
  return edges
    .filter((e) => ROUTERS.has(e.from) && ROUTERS.has(e.to) && e.from !== e.to && !(e.names ?? []).every((name) => mounts(e.from, name)))
    .map((e) => `${e.from} → ${e.to}`);
}

describe("src/ layering", () => {
  const edges = importEdges();

  it("reads the imports it checks", () => {
    expect(edges).toContainEqual(expect.objectContaining({ from: "app", to: "routes/home" }));
  });

  it("has no cycle between folders", () => {
    expect(folderCycles(edges)).toEqual([]);
  });

  it("finds a cycle when there is one", () => {
    const cyclic = [...edges, { from: "lib/errors", to: "routes/home" }];
    expect(folderCycles(cyclic).join("\n")).toContain("lib/errors → routes/home");
  });

  it("keeps src/env.ts to types, so every folder can import it without a cycle", () => {
    const text = readFileSync(path.join(SRC, "env.ts"), "utf8");
    const imports = [...text.matchAll(/^\s*import\b[^;]*;/gm)].map((m) => m[0]);
    expect(imports.filter((line) => !/^\s*import type\b/.test(line))).toEqual([]);
  });

  it("has no router importing another router", () => {
    expect(routerTies(edges)).toEqual([]);
  });

  it("finds a router taking a constant from another router", () => {
    const tied = [...edges, { from: "routes/listings", to: "routes/home", names: ["PAGE_SIZE"] }];
    expect(routerTies(tied)).toEqual(["routes/listings → routes/home"]);
  });
});
