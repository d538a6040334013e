// The error family: one base class, stable codes, causes kept, messages that say what to do.
import {
  BatchConnectionError,
  CassiaError,
  ConfigurationError,
  ConnectionError,
  ConnectionExistsError,
  ExecutionError,
  InvalidIdentifierError,
  LwtNotAppliedError,
  MultipleRowsError,
  NoDefaultConnectionError,
  NotFoundError,
  QueryBuildError,
  SchemaDefinitionError,
  SchemaMismatchError,
  UndefinedKeyspaceError,
  UnknownConnectionError,
  ValidationError,
  KeyspaceNotFoundError,
  ConnectionSupersededError,
  RegistryShutDownError,
  WriteOutcomeUnknownError,
  InvalidPageCursorError,
  SystemKeyspaceError,
} from '@cassia/core';

const cause = new Error('driver said no');
const all: [CassiaError, string][] = [
  [new ConfigurationError('bad option', { cause }), 'ERR_CASSIA_CONFIGURATION'],
  [new ConnectionError('down', { connection: 'c1', cause }), 'ERR_CASSIA_CONNECTION'],
  [new ConnectionExistsError('c1'), 'ERR_CASSIA_CONNECTION_EXISTS'],
  [new UnknownConnectionError('nope', ['a', 'b']), 'ERR_CASSIA_UNKNOWN_CONNECTION'],
  [new NoDefaultConnectionError(), 'ERR_CASSIA_NO_DEFAULT_CONNECTION'],
  [new UndefinedKeyspaceError('c1'), 'ERR_CASSIA_UNDEFINED_KEYSPACE'],
  [new ExecutionError('failed', { connection: 'c1', cql: 'SELECT 1', cause }), 'ERR_CASSIA_EXECUTION'],
  [new ValidationError('invalid', [{ path: ['a'], message: 'bad', code: 'custom' }]), 'ERR_CASSIA_VALIDATION'],
  [new SchemaDefinitionError('bad model'), 'ERR_CASSIA_SCHEMA_DEFINITION'],
  [new InvalidIdentifierError('1x', 'table'), 'ERR_CASSIA_INVALID_IDENTIFIER'],
  [new NotFoundError('none'), 'ERR_CASSIA_NOT_FOUND'],
  [new MultipleRowsError('many'), 'ERR_CASSIA_MULTIPLE_ROWS'],
  [new LwtNotAppliedError('not applied', { id: 1 }), 'ERR_CASSIA_LWT_NOT_APPLIED'],
  [new BatchConnectionError('mixed'), 'ERR_CASSIA_BATCH_CONNECTION'],
  [
    new SchemaMismatchError({ connection: 'c1', keyspace: 'ks', table: 't', column: 'c', expected: 'int', actual: 'text' }),
    'ERR_CASSIA_SCHEMA_MISMATCH',
  ],
  [new QueryBuildError('empty in'), 'ERR_CASSIA_QUERY_BUILD'],
  [new KeyspaceNotFoundError('c1', 'ks9'), 'ERR_CASSIA_KEYSPACE_NOT_FOUND'],
  [new ConnectionSupersededError('c1', 'registration'), 'ERR_CASSIA_CONNECTION_SUPERSEDED'],
  [new RegistryShutDownError('c1'), 'ERR_CASSIA_REGISTRY_SHUT_DOWN'],
  [
    new WriteOutcomeUnknownError('the write may or may not have been applied', { connection: 'c1', cql: 'UPDATE t', cause }),
    'ERR_CASSIA_WRITE_OUTCOME_UNKNOWN',
  ],
  [new InvalidPageCursorError('changed', 'forged'), 'ERR_CASSIA_INVALID_PAGE_CURSOR'],
  [new SystemKeyspaceError('c1', 'system_auth'), 'ERR_CASSIA_SYSTEM_KEYSPACE'],
];

describe('the CassiaError family', () => {
  it.each(all.map(([error, code]) => [error.constructor.name, error, code] as const))(
    '%s is a CassiaError and an Error with a stable code and its own name',
    (name, error, code) => {
      expect(error).toBeInstanceOf(CassiaError);
      expect(error).toBeInstanceOf(Error);
      expect(error.code).toBe(code);
      expect(error.name).toBe(name);
      expect(error.message.length).toBeGreaterThan(0);
      expect(error.stack).toContain(name);
    },
  );

  it('has one distinct code per class', () => {
    const codes = all.map(([, code]) => code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('keeps the cause', () => {
    expect(new ConfigurationError('x', { cause }).cause).toBe(cause);
    expect(new ExecutionError('x', { connection: 'c', cause }).cause).toBe(cause);
    expect(new ConnectionError('x', { connection: 'c', cause }).cause).toBe(cause);
    expect(new NotFoundError('x').cause).toBeUndefined();
  });

  it('UnknownConnectionError lists the registered names and says what to do', () => {
    const error = new UnknownConnectionError('cluster9', ['cluster1', 'cluster2']);
    expect(error.message).toContain("'cluster9'");
    expect(error.message).toContain("'cluster1', 'cluster2'");
    expect(error.message).toContain('registerConnection');
    expect(error.registered).toEqual(['cluster1', 'cluster2']);
    expect(new UnknownConnectionError('x', []).message).toContain('registered: none');
  });

  it('NoDefaultConnectionError and UndefinedKeyspaceError say how to fix it', () => {
    expect(new NoDefaultConnectionError().message).toMatch(/setup|setDefaultConnection/);
    const keyspace = new UndefinedKeyspaceError('c1');
    expect(keyspace.connection).toBe('c1');
    expect(keyspace.message).toContain("'c1'");
    expect(keyspace.message).toContain('keyspace');
  });

  it('ConnectionExistsError points at replace', () => {
    const error = new ConnectionExistsError('c1');
    expect(error.connection).toBe('c1');
    expect(error.message).toContain('replace: true');
  });

  it('ExecutionError names its connection and CQL', () => {
    const error = new ExecutionError('failed', { connection: 'c1', cql: 'SELECT 1', serverCode: 0x2200, cause });
    expect(error.connection).toBe('c1');
    expect(error.cql).toBe('SELECT 1');
    expect(error.serverCode).toBe(0x2200);
  });

  it('ValidationError carries zod-style issues, frozen', () => {
    const issues = [{ path: ['address', 0, 'zip'], message: 'Expected string', code: 'invalid_type' }];
    const error = new ValidationError('Invalid row', issues);
    expect(error.issues).toEqual(issues);
    expect(Object.isFrozen(error.issues)).toBe(true);
    issues[0].path.push('changed');
    expect(error.issues[0].path).toEqual(['address', 0, 'zip']);
  });

  it('LwtNotAppliedError carries the existing values', () => {
    const existing = { id: 1, name: 'old' };
    const error = new LwtNotAppliedError('not applied', existing);
    expect(error.existing).toEqual({ id: 1, name: 'old' });
    expect(new LwtNotAppliedError('not applied', {}).existing).toEqual({});
  });

  it('LwtNotAppliedError<Row> types its existing values by the row and keeps the model written', () => {
    const model = { table: 'users' };
    const error = new LwtNotAppliedError<{ id: number; name: string | null }>('not applied', { name: 'old' }, { model, cause: 'c' });
    const name: string | null | undefined = error.existing.name;
    // @ts-expect-error a column the row does not have (it was `unknown` before the Row parameter)
    void error.existing.nope;
    expect(name).toBe('old');
    expect(error.model).toBe(model);
    expect(error.cause).toBe('c');
    expect(new LwtNotAppliedError('not applied', {}).model).toBeUndefined();
  });

  it('SchemaMismatchError names target, column and both types', () => {
    const error = new SchemaMismatchError({
      connection: 'cluster2',
      keyspace: 'ks1',
      table: 'cars',
      column: 'year',
      expected: 'int',
      actual: 'text',
    });
    expect(error).toMatchObject({ connection: 'cluster2', keyspace: 'ks1', table: 'cars', column: 'year', expected: 'int', actual: 'text' });
    for (const part of ['cluster2', 'ks1', 'cars', 'year', 'int', 'text']) expect(error.message).toContain(part);
  });

  it('SchemaMismatchError words another mismatch by its reason, keeps the fields, and says nothing was changed', () => {
    const mismatch = { connection: 'c1', keyspace: 'ks', table: 'point', column: 'z', expected: 'int', actual: 'absent' };
    const error = new SchemaMismatchError(mismatch, { reason: "Field 'z' cannot be added to user type ks.point." });
    expect(error.message).toBe("Field 'z' cannot be added to user type ks.point. Nothing was changed on this target.");
    expect(error).toMatchObject(mismatch);
    expect(error.stack).toContain("Field 'z' cannot be added");
    expect(new SchemaMismatchError(mismatch).message).toMatch(/^Column 'z' of ks\.point on connection 'c1' is absent in the database but int in the model\..* Nothing was changed on this target\.$/);
  });

  it('SchemaMismatchError escapes the names it echoes', () => {
    const error = new SchemaMismatchError({ connection: 'c\n1', keyspace: 'ks', table: 't', column: 'c', expected: 'int', actual: 'text' });
    expect(error.message).toContain("connection 'c\\n1'");
    expect(error.message).not.toContain('\n');
  });

  it('InvalidIdentifierError names what the identifier was for', () => {
    const error = new InvalidIdentifierError('my-table', 'table');
    expect(error.what).toBe('table');
    expect(error.identifier).toBe('my-table');
    expect(error.message).toContain('table');
    expect(error.message).toContain("'my-table'");
    expect(new InvalidIdentifierError(42, 'column').message).toContain('column name 42');
    expect(new InvalidIdentifierError(Object.create(null), 'column').message).toContain('an object without a prototype');
  });
});

describe('bounded errors for hostile input', () => {
  it('ValidationError keeps the first 100 issues, counts the rest and caps its message', () => {
    const issues = Array.from({ length: 250_000 }, (_, i) => ({ path: ['values', i], message: `Expected number, received string ${'x'.repeat(50)}`, code: 'invalid_type' }));
    const error = ValidationError.fromIssues('model "t": invalid values', issues);
    expect(error.issues).toHaveLength(ValidationError.MAX_ISSUES);
    expect(error.omittedIssues).toBe(250_000 - 100);
    expect(error.message.length).toBeLessThanOrEqual(ValidationError.MAX_MESSAGE_LENGTH + 40);
    expect(error.message).toMatch(/^model "t": invalid values: values\.0: Expected number/);
    expect(error.message).toMatch(/; and 2499\d\d more issue\(s\)$/);
    expect(error.issues[0]).toEqual(issues[0]);
  });

  it('ValidationError.fromIssues says how many issues it left out of a short message', () => {
    const issues = Array.from({ length: 3 }, (_, i) => ({ path: [`c${i}`], message: 'bad', code: 'custom' }));
    expect(ValidationError.fromIssues('m', issues).message).toBe('m: c0: bad; c1: bad; c2: bad');
    expect(ValidationError.fromIssues('m', issues, { omittedIssues: 7 }).message).toBe('m: c0: bad; c1: bad; c2: bad; and 7 more issue(s)');
    expect(ValidationError.fromIssues('m', issues, { omittedIssues: 7 }).omittedIssues).toBe(7);
    expect(ValidationError.fromIssues('m', [{ path: [], message: 'not an object', code: 'custom' }]).message).toBe('m: (values): not an object');
  });

  it('ValidationError cuts and escapes huge or hostile issue texts and path keys', () => {
    const key = `evil\n\u001b[2J${'k'.repeat(1 << 20)}`;
    const error = ValidationError.fromIssues('m', [{ path: [key], message: `Unknown column "${key}"`, code: 'unrecognized_keys' }]);
    expect(error.message.length).toBeLessThan(600);
    expect(error.message).not.toMatch(/[\n\u001b]/);
    expect(error.issues[0].message.length).toBeLessThan(400);
    expect(String(error.issues[0].path[0]).length).toBeLessThan(300);
    expect(new ValidationError('a\nb', []).message).toBe('a\\nb');
  });

  it('echoed names are cut and escaped: unknown, existing and invalid names', () => {
    const name = `tenant\n[INFO] forged line \u001b[31m${'n'.repeat(1 << 20)}`;
    for (const error of [
      new UnknownConnectionError(name, [name, 'c1']),
      new ConnectionExistsError(name),
      new InvalidIdentifierError(name, 'keyspace'),
      new UndefinedKeyspaceError(name),
      new KeyspaceNotFoundError(name, name),
    ]) {
      expect(error.message.length).toBeLessThan(1200);
      expect(error.message).not.toMatch(/[\n\u001b]/);
      expect(error.message).toContain('tenant\\n[INFO] forged line \\u001b[31m');
    }
    expect(new InvalidIdentifierError(name, 'keyspace').identifier.length).toBeLessThan(200);
  });

  it('UnknownConnectionError names at most 20 registered connections', () => {
    const registered = Array.from({ length: 2500 }, (_, i) => `tenant_${i}`);
    const error = new UnknownConnectionError('nope', registered);
    expect(error.message).toContain("'tenant_19', and 2480 more");
    expect(error.message).not.toContain('tenant_20');
    expect(error.registered).toHaveLength(2500);
  });

  it('errors built from non-string input never throw a TypeError', () => {
    const nullObject = Object.create(null) as never;
    expect(new UnknownConnectionError(nullObject, []).message).toContain('an object without a prototype');
    expect(new InvalidIdentifierError(nullObject, 'table').identifier).toBe('an object without a prototype');
    expect(new InvalidIdentifierError(Symbol('x'), 'table').message).toContain('a symbol');
  });
});
