// Progress lines on stderr, so stdout keeps only the report table.

/** Where the bench reports progress; the smoke test passes a silent or collecting one. */
export type Progress = (line: string) => void;

const started = Date.now();

/** Writes `[  12.3s] line` to stderr. */
export const stderrProgress: Progress = (line) => {
  const elapsed = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[${elapsed}s] ${line}\n`);
};
