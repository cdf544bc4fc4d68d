/**
 * How local commands find the dev server: the port `npm start` takes, and which server
 * they agree to send posts to (only one whose /healthz says it is edgewire).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { choosePort, portIsFree, probeLocalServer } from "../../scripts/lib/dev-server";

let server: Server | undefined;

async function serve(status: number, body: string): Promise<number> {
  server = createServer((_req, res) => res.writeHead(status, { "Content-Type": "application/json" }).end(body));
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

describe("npm start's port", () => {
  it.each([
    [[], {}, 8787],
    [[], { PORT: "9000" }, 9000],
    [["--port", "9001"], { PORT: "9000" }, 9001],
    [["--port=9002"], {}, 9002],
    [["--port", "http"], {}, null],
    [[], { PORT: "70000" }, null],
  ])("argv %j with env %j is %s", (argv, env, port) => {
    expect(choosePort(argv, env)).toBe(port);
  });

  it("knows a taken port from a free one", async () => {
    const port = await serve(200, "{}");
    expect(await portIsFree(port)).toBe(false);
  });
});

describe("which local server gets posts", () => {
  it("accepts a server whose /healthz names edgewire", async () => {
    const port = await serve(200, JSON.stringify({ service: "edgewire", status: "ok", database: "ok" }));
    expect(await probeLocalServer(port)).toEqual({ state: "edgewire" });
  });

  it("refuses another project's server that also answers /healthz", async () => {
    const port = await serve(200, JSON.stringify({ status: "ok" }));
    expect(await probeLocalServer(port)).toMatchObject({ state: "other" });
  });

  it("refuses a server that answers without JSON", async () => {
    const port = await serve(404, "not found");
    expect(await probeLocalServer(port)).toMatchObject({ state: "other" });
  });

  it("tells a server too busy to answer from one that is not there", async () => {
    // Accepts the connection, never answers: what a server pinned at 100% CPU looks like.
    server = createServer(() => undefined);
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    expect(await probeLocalServer(port, 200)).toEqual({ state: "slow" });
    server.closeAllConnections();
  });

  it("reports nothing when nothing listens", async () => {
    const port = await serve(200, "{}");
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
    expect(await probeLocalServer(port)).toEqual({ state: "none" });
  });
});
