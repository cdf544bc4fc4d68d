import { afterEach, beforeEach } from "vitest";
import { captureLogs, type CapturedLogs } from "../../src/lib/log";

/**
 * For files whose tests provoke faults on purpose: each test's log lines go to a buffer
 * (read it with the returned function) instead of the console, and are dropped after it.
 */
export function logsOfEachTest(): () => CapturedLogs {
  let current: CapturedLogs | undefined;
  beforeEach(() => {
    current = captureLogs();
  });
  afterEach(() => {
    current?.release();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error("logsOfEachTest(): read the logs inside a test");
    return current;
  };
}
