/**
 * What a request field broke, in words a partner can act on: the field, the rule and the
 * fix ("tags: at most 20 items are allowed (got 10000); send fewer"). zod/mini ships no
 * messages (every issue says "Invalid input" unless a locale is loaded), and its English
 * locale names the rule in the schema's terms ("Too big: expected array to have <=20
 * items") without the fix; so the issue's own data is turned into a sentence here, once,
 * for every schema of the API. A message a schema wrote itself ("must be lower-case
 * letters, …") is kept as it is.
 */

/** The parts of a zod issue this reads (zod's and zod/mini's issues both fit). */
export type IssueLike = {
  readonly code?: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly input?: unknown;
  readonly expected?: string;
  readonly origin?: string;
  readonly maximum?: number | bigint;
  readonly minimum?: number | bigint;
  readonly keys?: readonly string[];
  readonly values?: readonly unknown[];
  readonly format?: string;
  readonly errors?: readonly (readonly IssueLike[])[];
};

export type FieldError = { field: string; message: string };

/** zod/mini's message when the schema gave none. */
const DEFAULT_MESSAGE = "Invalid input";

const TYPE_WORDS: Record<string, string> = {
  string: "text (a JSON string)",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list (a JSON array)",
  object: "an object",
  record: "an object",
  null: "null",
};

function kindOf(input: unknown): string {
  if (input === undefined) return "nothing";
  if (input === null) return "null";
  if (Array.isArray(input)) return "a list";
  if (typeof input === "object") return "an object";
  if (typeof input === "string") return "text";
  return `a ${typeof input}`;
}

function sizeOf(input: unknown): number | null {
  if (typeof input === "string" || Array.isArray(input)) return input.length;
  return null;
}

const UNITS: Record<string, [one: string, many: string]> = {
  string: ["character", "characters"],
  array: ["item", "items"],
  set: ["item", "items"],
  map: ["entry", "entries"],
};

function counted(n: number | bigint, origin: string | undefined): string {
  const unit = origin ? UNITS[origin] : undefined;
  if (!unit) return String(n);
  return `${String(n)} ${Number(n) === 1 ? unit[0] : unit[1]}`;
}

function quoted(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(", ");
}

/** The union branch that got furthest into the value: its issues explain the failure best. */
function bestBranch(errors: readonly (readonly IssueLike[])[]): readonly IssueLike[] {
  let best: readonly IssueLike[] = [];
  let depth = -1;
  for (const branch of errors) {
    // A branch that failed on the value's very type (a string where an object was wanted) says least.
    const typeMiss = branch.length === 1 && branch[0]?.code === "invalid_type" && branch[0].path.length === 0;
    const d = typeMiss ? 0 : Math.max(1, ...branch.map((i) => i.path.length + 1));
    if (d > depth) [best, depth] = [branch, d];
  }
  return best;
}

function describe(issue: IssueLike): string {
  if (issue.message !== DEFAULT_MESSAGE && issue.message !== "") return issue.message;
  const size = sizeOf(issue.input);
  switch (issue.code) {
    case "invalid_type": {
      const want = TYPE_WORDS[issue.expected ?? ""] ?? issue.expected ?? "another type";
      if (issue.input === undefined && "input" in issue) return `is required: add it as ${want}`;
      return `must be ${want}${"input" in issue ? ` (got ${kindOf(issue.input)})` : ""}; send it as ${want}`;
    }
    case "too_big": {
      const got = size === null ? "" : ` (got ${counted(size, issue.origin)})`;
      const max = issue.maximum ?? 0;
      const fix = issue.origin === "array" ? "send fewer" : issue.origin === "string" ? "shorten it" : "use a smaller value";
      return `at most ${counted(max, issue.origin)} ${issue.origin === "string" || issue.origin === "array" ? "are" : "is"} allowed${got}; ${fix}`;
    }
    case "too_small": {
      const min = issue.minimum ?? 0;
      if (Number(min) === 1 && (issue.origin === "string" || issue.origin === "array")) return "must not be empty";
      return `at least ${counted(min, issue.origin)} ${issue.origin === "string" || issue.origin === "array" ? "are" : "is"} needed${size === null ? "" : ` (got ${counted(size, issue.origin)})`}`;
    }
    case "invalid_value": {
      const allowed = issue.values ?? [];
      const got = typeof issue.input === "string" || typeof issue.input === "number" ? ` (got ${JSON.stringify(String(issue.input).slice(0, 40))})` : "";
      return allowed.length === 1 ? `must be ${quoted(allowed)}${got}` : `must be one of ${quoted(allowed)}${got}`;
    }
    case "unrecognized_keys": {
      const keys = issue.keys ?? [];
      return `${keys.length === 1 ? "is not a known field" : `${quoted(keys)} are not known fields`}; remove ${keys.length === 1 ? "it" : "them"} (field names are case-sensitive)`;
    }
    case "invalid_format":
      return issue.format === "url" ? "must be an absolute http(s) URL" : `is not in the expected format (${issue.format ?? "pattern"})`;
    default:
      return "is not valid here; check the field against the API's documentation (/partners, /api/v1/openapi.json)";
  }
}

function fieldOf(path: readonly PropertyKey[], where: string): string {
  return path.length === 0 ? `(${where})` : path.map(String).join(".");
}

/** Every issue as {field, message}: union failures explained by their closest branch, unknown keys by name. */
export function fieldErrors(issues: readonly IssueLike[], where: string, prefix: readonly PropertyKey[] = []): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors && issue.errors.length > 0 && issue.message === DEFAULT_MESSAGE) {
      out.push(...fieldErrors(bestBranch(issue.errors), where, path));
    } else if (issue.code === "unrecognized_keys" && issue.keys && issue.keys.length > 0) {
      // Each unknown key is its own field: the client sees exactly what to remove.
      for (const key of issue.keys) out.push({ field: fieldOf([...path, key], where), message: describe({ ...issue, keys: [key] }) });
    } else {
      out.push({ field: fieldOf(path, where), message: describe(issue) });
    }
  }
  return out;
}
