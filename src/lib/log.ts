/**
 * The Worker's log: one JSON line per event on stderr (Workers Logs / `wrangler tail`
 * show it). Everything logs through here, so a test that provokes a fault on purpose can
 * take the lines into a buffer and assert on them instead of printing them.
 */
export type LogFields = Record<string, unknown>;

type Sink = (line: string) => void;

const toConsole: Sink = (line) => console.error(line);
let sink: Sink = toConsole;

/** Something went wrong that the client does not see (or sees only as a generic error). */
export function logError(event: string, fields: LogFields = {}): void {
  sink(JSON.stringify({ event, ...fields }));
}

export type CapturedLogs = {
  /** Every line logged since capture began, parsed. */
  readonly events: LogFields[];
  /** The logged events with this name. */
  named(event: string): LogFields[];
  /** Back to the console. */
  release(): void;
};

/** Test hook: log lines go to a buffer until release(). Captures do not nest. */
export function captureLogs(): CapturedLogs {
  const events: LogFields[] = [];
  sink = (line) => events.push(JSON.parse(line) as LogFields);
  return {
    events,
    named: (event) => events.filter((e) => e.event === event),
    release: () => {
      sink = toConsole;
    },
  };
}
