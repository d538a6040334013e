// The CQL splitter: `;` ends a statement only outside strings, quoted identifiers and comments,
// and an unterminated string or comment is a MigrationSyntaxError naming file and line.
import { MigrationSyntaxError, splitCqlStatements } from '@cassia/migrate';

describe('splitCqlStatements', () => {
  it('splits on ; and keeps the line each statement starts on', () => {
    const text = 'CREATE TABLE a (id int PRIMARY KEY);\n\nINSERT INTO a (id) VALUES (1);\nSELECT * FROM a';
    expect(splitCqlStatements(text, 'f.cql')).toEqual([
      { cql: 'CREATE TABLE a (id int PRIMARY KEY)', line: 1 },
      { cql: 'INSERT INTO a (id) VALUES (1)', line: 3 },
      { cql: 'SELECT * FROM a', line: 4 },
    ]);
  });

  it('does not split inside strings, quoted identifiers or $$ strings, and keeps doubled quotes', () => {
    const text = `INSERT INTO t (k, "we;ird""col") VALUES ('a;b''c', $$x;y$$);`;
    expect(splitCqlStatements(text, 'f.cql')).toEqual([{ cql: `INSERT INTO t (k, "we;ird""col") VALUES ('a;b''c', $$x;y$$)`, line: 1 }]);
  });

  it('drops --, // and /* */ comments, including a ; inside them', () => {
    const text = '-- first; not a statement\n// nor this;\n/* a;\n block */ CREATE TABLE b (id int PRIMARY KEY); -- trailing;\n';
    expect(splitCqlStatements(text, 'f.cql')).toEqual([{ cql: 'CREATE TABLE b (id int PRIMARY KEY)', line: 4 }]);
  });

  it('returns nothing for a file of comments and blank lines', () => {
    expect(splitCqlStatements('-- nothing\n\n/* here */\n;;\n', 'f.cql')).toEqual([]);
  });

  it.each([
    ["SELECT 1;\nINSERT INTO t (k) VALUES ('open);\n", 2, 'A string'],
    ['SELECT 1;\n\n/* never closed', 3, '/* comment'],
    ['CREATE TABLE "x (id int PRIMARY KEY);', 1, 'quoted identifier'],
    ['SELECT $$ forever', 1, '$$ string'],
  ])('refuses an unterminated string or comment, naming file and line (%#)', (text, line, what) => {
    let caught: unknown;
    try {
      splitCqlStatements(text, '/m/0001_x.cql');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MigrationSyntaxError);
    expect(caught).toMatchObject({ code: 'ERR_CASSIA_MIGRATION_SYNTAX', file: '/m/0001_x.cql', line });
    expect((caught as Error).message).toContain(`/m/0001_x.cql:${line}:`);
    expect((caught as Error).message).toContain(what);
  });
});
