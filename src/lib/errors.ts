/**
 * One error type for everything the app throws on purpose. onError (src/app.ts) turns it
 * into an RFC 9457 problem+json (APIs) or an HTML page (pages); anything else becomes a
 * generic 500 with nothing internal in it.
 */
import { fieldErrors, type IssueLike } from "./validation-messages";
export type ErrorCode =
  | "not_found"
  | "gone"
  | "bad_request"
  | "validation_failed"
  | "unauthorized"
  | "forbidden"
  | "payload_too_large"
  | "unsupported_media_type"
  | "not_implemented"
  | "rate_limited"
  | "service_unavailable"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  not_found: 404,
  gone: 410,
  bad_request: 400,
  validation_failed: 422,
  unauthorized: 401,
  forbidden: 403,
  payload_too_large: 413,
  unsupported_media_type: 415,
  not_implemented: 501,
  rate_limited: 429,
  service_unavailable: 503,
  internal: 500,
};

const TITLE: Record<ErrorCode, string> = {
  not_found: "Not Found",
  gone: "Gone",
  bad_request: "Bad Request",
  validation_failed: "Validation Failed",
  unauthorized: "Unauthorized",
  forbidden: "Forbidden",
  payload_too_large: "Payload Too Large",
  unsupported_media_type: "Unsupported Media Type",
  not_implemented: "Not Implemented",
  rate_limited: "Too Many Requests",
  service_unavailable: "Service Unavailable",
  internal: "Internal Server Error",
};

export type ProblemExtras = Record<string, unknown>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly extras: ProblemExtras;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, detail: string, extras: ProblemExtras = {}, headers: Record<string, string> = {}, cause?: unknown) {
    // The cause (a D1 error, say) stays on the error for the log; clients never see it.
    super(detail, cause === undefined ? undefined : { cause });
    this.name = "AppError";
    this.code = code;
    this.status = STATUS[code];
    this.extras = extras;
    this.headers = headers;
  }

  get title(): string {
    return TITLE[this.code];
  }
}

export type Problem = {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  requestId: string;
} & ProblemExtras;

export function toProblem(err: AppError, requestId: string): Problem {
  return {
    ...err.extras,
    type: `https://edgewire.dev/problems/${err.code.replace(/_/g, "-")}`,
    title: err.title,
    status: err.status,
    code: err.code,
    detail: err.message,
    requestId,
  };
}

export function internalError(): AppError {
  return new AppError("internal", "Something went wrong on our side. Try again; if it persists, report the requestId.");
}

/** What a zod error carries, structurally (zod/mini's and zod's issues both fit). */
export type ValidationIssues = { issues: readonly IssueLike[] };

/**
 * The one way input that fails its schema becomes an error: every issue as
 * `errors: [{field, message}]` (field, rule and fix: src/lib/validation-messages.ts), the
 * first in the detail. A body is 422 validation_failed; query parameters are 400 bad_request.
 * Parse with `{ reportInput: true }` so messages can say what was sent (its kind and size, never its value).
 */
export function validationError(error: ValidationIssues, where: "body" | "query"): AppError {
  const errors = fieldErrors(error.issues, where);
  const first = errors[0];
  const detail = `Invalid ${where === "body" ? "request body" : "query"}: ${first?.field ?? `(${where})`}: ${first?.message ?? "invalid"}.`;
  return new AppError(where === "body" ? "validation_failed" : "bad_request", detail, { errors });
}
