/**
 * fetch for the local scripts' and browser tests' own setup calls to a local workerd. Node's
 * fetch keeps connections alive and reuses them; when workerd closes an idle one just as the
 * next request goes out on it, that request fails with "other side closed" (UND_ERR_SOCKET)
 * although the server is fine. That failed one browser run's setup in four on a loaded
 * machine. Every call made through this is idempotent (an import converges, a DELETE of a
 * deleted article changes nothing, a GET), so it is sent again, at most twice, on that error
 * only. Anything the server answers, errors included, is returned as it is.
 */
const RETRIED = new Set(["UND_ERR_SOCKET", "ECONNRESET", "EPIPE"]);

function socketCode(err: unknown): string | undefined {
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === "string" ? cause.code : undefined;
}

export async function loopbackFetch(url: string, init?: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (err) {
      const code = socketCode(err);
      if (attempt >= 3 || code === undefined || !RETRIED.has(code)) throw err;
    }
  }
}
