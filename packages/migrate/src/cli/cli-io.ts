// How the `cassia` command talks: results on stdout (text, or one JSON document with --json),
// progress lines on stderr, and exit codes: 0 done, 1 a target failed or drift/changes were found,
// 2 the command could not start (usage, configuration, a bad migrations folder or file).
import { CassiaError } from '@cassia/core';

/** Exit codes of the `cassia` command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Where the command writes. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** The process's own streams. */
export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** An error as JSON for --json output: its class, code and message. */
export function errorJson(error: unknown): { name: string; code: string | undefined; message: string } {
  if (error instanceof CassiaError) return { name: error.name, code: error.code, message: error.message };
  return { name: 'Error', code: undefined, message: error instanceof Error ? error.message : 'unknown error' };
}

/** JSON.stringify that writes bigint as text and errors by errorJson. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? item.toString() : item instanceof Error ? errorJson(item) : item), 2);
}
