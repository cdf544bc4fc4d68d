/**
 * The admin commands wait out a 429 or a bodiless 503 as the server asks (Retry-After) and
 * send the same request again (scripts/lib/admin-target.ts). The server here is a stand-in
 * function that answers from a script: only the retry rule is under test.
 */
import { describe, expect, it, vi } from "vitest";
import { honouringRetryAfter } from "../../scripts/lib/admin-target";

function scripted(answers: (() => Response)[]) {
  const calls: string[] = [];
  const send = async (method: string, route: string, body?: string): Promise<Response> => {
    calls.push(`${method} ${route} ${body ?? ""}`);
    const next = answers.shift();
    if (!next) throw new Error("no more answers");
    return next();
  };
  return { send, calls };
}

describe("honouringRetryAfter", () => {
  it("sends the same request again after a 429, once its Retry-After has passed", async () => {
    const { send, calls } = scripted([
      () => new Response('{"code":"rate_limited"}', { status: 429, headers: { "Retry-After": "1" } }),
      () => new Response('{"results":[]}', { status: 200 }),
    ]);
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const started = Date.now();
    const res = await honouringRetryAfter("test", send)("POST", "/api/v1/admin/import", '{"posts":["x"]}');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(calls).toEqual(['POST /api/v1/admin/import {"posts":["x"]}', 'POST /api/v1/admin/import {"posts":["x"]}']);
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/answered 429 \(request limit\); sending POST \/api\/v1\/admin\/import again in 1 s/));
    errors.mockRestore();
  });

  it("hands back a 503 that carries per-post results, and anything without Retry-After, at once", async () => {
    const partial = '{"summary":{"failed":1},"results":[{"outcome":"failed"}]}';
    const { send, calls } = scripted([
      () => new Response(partial, { status: 503, headers: { "Retry-After": "5" } }),
      () => new Response("{}", { status: 500 }),
    ]);
    const retrying = honouringRetryAfter("test", send);
    const first = await retrying("POST", "/api/v1/admin/import", "{}");
    expect([first.status, await first.text()]).toEqual([503, partial]);
    expect((await retrying("DELETE", "/api/v1/admin/articles/NW202112080000000001")).status).toBe(500);
    expect(calls).toHaveLength(2);
  });
});
