/**
 * One progress line on a terminal (stderr), rewritten in place: files done of the total,
 * posts a second, time left. Silent when stderr is not a terminal (cron, CI, pipes), so
 * logs keep only the per-file lines and the summary.
 */
export type Progress = {
  update: (done: number) => void;
  /** Clears the line, so other output starts on a clean line (update shows it again). */
  clear: () => void;
  done: () => void;
};

export function progressLine(total: number, label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || total === 0) return { update: () => undefined, clear: () => undefined, done: () => undefined };
  const started = performance.now();
  let shown = false;
  return {
    update: (done) => {
      const seconds = (performance.now() - started) / 1000;
      const rate = seconds > 0 ? done / seconds : 0;
      const eta = rate > 0 ? Math.round((total - done) / rate) : null;
      const line = `${label}: ${done}/${total} files, ${rate.toFixed(0)} posts/s, ETA ${eta === null ? "?" : `${Math.floor(eta / 60)}m${String(eta % 60).padStart(2, "0")}s`}`;
      stream.write(`\r\x1b[2K${line}`);
      shown = true;
    },
    clear: () => {
      if (shown) stream.write("\r\x1b[2K");
      shown = false;
    },
    done: () => {
      if (shown) stream.write("\r\x1b[2K");
      shown = false;
    },
  };
}
