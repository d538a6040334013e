// A CQL migration file the statement splitter cannot read (an unterminated string or comment).
import { CassiaError } from '@cassia/core';

/** A CQL migration file has a syntax error the splitter found; names the file and the line. */
export class MigrationSyntaxError extends CassiaError {
  readonly code = 'ERR_CASSIA_MIGRATION_SYNTAX';
  readonly file: string;
  /** 1-based line where the problem starts. */
  readonly line: number;

  constructor(file: string, line: number, problem: string) {
    super(`${file}:${line}: ${problem}`);
    this.file = file;
    this.line = line;
  }
}
