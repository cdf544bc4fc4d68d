/**
 * The ingest Worker: parses and sanitizes posts (front matter and YAML, Markdown, Liquid
 * stripping, the HTML sanitizer on parse5) for the main Worker, which reaches it only
 * through the INGEST service binding (RPC; workers_dev = false, no public route). It holds no
 * bindings and writes nothing: the main Worker keeps authentication, limits, the D1 write
 * and the purges, so the parser's ~400 KB (raw) never count against the main bundle.
 *
 * Every method validates what it is sent (contract.ts): the binding is a boundary between
 * two deployments, and a caller of another version must get an error, not a wrong article.
 */
import { WorkerEntrypoint } from "cloudflare:workers";
import {
  parseArticleRequestSchema,
  parsePostsRequestSchema,
  type IngestApi,
  type ParseArticleRequest,
  type ParseOutcome,
  type ParsePostsRequest,
  type WireOutcome,
} from "./contract";
import { jsonToPost } from "./json-post";
import { parseBatch, parseOne } from "./parse-batch";
import { SANITIZER_VERSION } from "./sanitize";

/** Thrown back to the caller for a request that does not fit the contract (a version mismatch, a bug). */
class ContractError extends Error {
  constructor(what: string, issues: number) {
    super(`ingest: ${what} does not match the contract (${issues} issue(s))`);
    this.name = "ContractError";
  }
}

export default class IngestWorker extends WorkerEntrypoint implements IngestApi {
  async parsePosts(request: ParsePostsRequest): Promise<WireOutcome[]> {
    const parsed = parsePostsRequestSchema.safeParse(request);
    if (!parsed.success) throw new ContractError("parsePosts request", parsed.error.issues.length);
    const { inputs, site } = parsed.data;
    return parseBatch(inputs, site);
  }

  async parseArticle(request: ParseArticleRequest): Promise<ParseOutcome> {
    const parsed = parseArticleRequestSchema.safeParse(request);
    if (!parsed.success) throw new ContractError("parseArticle request", parsed.error.issues.length);
    return parseOne(jsonToPost(parsed.data.infoCode, parsed.data.article), 0);
  }

  version(): { sanitizerVersion: number } {
    return { sanitizerVersion: SANITIZER_VERSION };
  }

  /** No HTTP interface: only the main Worker's binding calls this Worker, by RPC. */
  override async fetch(): Promise<Response> {
    return Response.json({ error: "the ingest Worker is reached by RPC through the main Worker's INGEST binding" }, { status: 404 });
  }
}
