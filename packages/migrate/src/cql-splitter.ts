// Splits the text of a CQL migration file into statements: `;` ends a statement unless it is inside
// a string ('…', $$…$$), a quoted identifier ("…") or a comment (--, //, /* */). Comments are left
// out of the statements; a string or comment left open is a MigrationSyntaxError naming file and line.
import { MigrationSyntaxError } from './errors/migration-syntax-error';

/** One statement of a CQL file, without its `;` and comments, and the line it starts on. */
export interface CqlStatement {
  readonly cql: string;
  /** 1-based line of the statement's first character. */
  readonly line: number;
}

/** The statements of `text` in order; `file` names the file in errors. */
export function splitCqlStatements(text: string, file: string): CqlStatement[] {
  const statements: CqlStatement[] = [];
  let current = '';
  let startLine = 0;
  let line = 1;
  let i = 0;
  const push = (chunk: string): void => {
    if (startLine === 0 && chunk.trim() !== '') startLine = line;
    current += chunk;
  };
  // Copies a quoted run that ends at `close` (a doubled close is an escaped one for ' and ").
  const quoted = (open: string, close: string, what: string, doubledEscapes: boolean): void => {
    const openedAt = line;
    let j = i + open.length;
    for (;;) {
      const end = text.indexOf(close, j);
      if (end === -1) throw new MigrationSyntaxError(file, openedAt, `${what} opened here is never closed (missing ${close}).`);
      if (doubledEscapes && text.startsWith(close, end + close.length)) {
        j = end + 2 * close.length;
        continue;
      }
      const run = text.slice(i, end + close.length);
      push(run);
      line += countNewlines(run);
      i = end + close.length;
      return;
    }
  };
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "'") {
      quoted("'", "'", 'A string', true);
    } else if (c === '"') {
      quoted('"', '"', 'A quoted identifier', true);
    } else if (c === '$' && next === '$') {
      quoted('$$', '$$', 'A $$ string', false);
    } else if ((c === '-' && next === '-') || (c === '/' && next === '/')) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) throw new MigrationSyntaxError(file, line, 'A /* comment opened here is never closed (missing */).');
      const comment = text.slice(i, end + 2);
      line += countNewlines(comment);
      // A comment separates tokens, as whitespace does.
      current += ' ';
      i = end + 2;
    } else if (c === ';') {
      if (current.trim() !== '') statements.push({ cql: current.trim(), line: startLine });
      current = '';
      startLine = 0;
      i += 1;
    } else {
      push(c);
      if (c === '\n') line += 1;
      i += 1;
    }
  }
  if (current.trim() !== '') statements.push({ cql: current.trim(), line: startLine });
  return statements;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let k = text.indexOf('\n'); k !== -1; k = text.indexOf('\n', k + 1)) count += 1;
  return count;
}
