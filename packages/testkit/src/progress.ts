// Progress lines for long steps (jar resolution, node start), on stderr so stdout stays clean.

export type ProgressSink = (line: string) => void;

const started = Date.now();

/** The default sink: a timestamped line on stderr, silenced by CASSIA_QUIET=1. */
export const stderrProgress: ProgressSink = (line) => {
  if (process.env.CASSIA_QUIET === '1') return;
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[cassia-testkit ${seconds}s] ${line}\n`);
};
