// Row mappers: the generated mapper must map every row exactly as the loop does (which the codec
// tests hold to fromDatabase), whatever the row holds, and reads must work where the runtime
// refuses to generate code.
import fc from 'fast-check';
import { types } from 'cassandra-driver';
import { defineModel, rowFromDatabase, t } from '../src';
import { layoutOf } from '../src/internal';
import { generatedRowMapper, loopRowMapper } from '../src/row-mapper';

const Mixed = defineModel({
  table: 'mixed',
  columns: {
    id: t.int(),
    name: t.text(),
    score: t.double(),
    big: t.bigint(),
    tags: t.set(t.text()),
    keys: t.text(),
    toString: t.text(),
    renamed: t.int().dbName('db_renamed'),
    at: t.timestamp(),
  },
  partitionKey: 'id',
});

const { Row } = types as unknown as { Row: new (columns: readonly { name: string }[]) => Record<string, unknown> };

// Driver values of many kinds for any column (decode must accept them, or both mappers throw alike).
const driverValue = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.string(),
  fc.constant(types.Long.fromNumber(7)),
  fc.constant(['a', 'b']),
  fc.constant(new Date(5)),
);

// A row holding any subset of the model's columns (by database name) plus unrelated ones, as a
// driver Row or a plain object.
const rows = fc
  .record({
    present: fc.subarray(Object.values(Mixed.dbNames)),
    values: fc.array(driverValue, { minLength: 9, maxLength: 9 }),
    extra: fc.boolean(),
    driverRow: fc.boolean(),
  })
  .map(({ present, values, extra, driverRow }) => {
    const row: Record<string, unknown> = driverRow ? new Row(present.map((name) => ({ name }))) : {};
    present.forEach((name, i) => (row[name] = values[i]));
    if (extra) row.unrelated = 1;
    return row;
  });

function outcome(map: () => unknown): unknown {
  try {
    return { row: map() };
  } catch (error) {
    return { threw: error instanceof Error ? error.constructor.name : String(error) };
  }
}

describe('row mappers', () => {
  const columns = layoutOf(Mixed).columns;
  const loop = loopRowMapper(columns);
  const generated = generatedRowMapper(columns, loop);

  it('generates a mapper where the runtime allows it', () => {
    expect(generated).toBeDefined();
  });

  it('property: the generated mapper maps every row exactly as the loop does', () => {
    fc.assert(
      fc.property(rows, (row) => {
        expect(outcome(() => generated!(row))).toStrictEqual(outcome(() => loop(row)));
      }),
      { numRuns: 2000 },
    );
  });

  it('maps a full driver row to properties, skipping decode only where it changes nothing', () => {
    const row = new Row(Object.values(Mixed.dbNames).map((name) => ({ name })));
    Object.assign(row, {
      id: 1, name: 'n', score: 1.5, big: types.Long.fromNumber(9), tags: null, keys: 'k', toString: 's', db_renamed: 3, at: new Date(2),
    });
    expect(rowFromDatabase(Mixed, row)).toStrictEqual({
      id: 1, name: 'n', score: 1.5, big: 9n, tags: new Set(), keys: 'k', toString: 's', renamed: 3, at: new Date(2),
    });
  });

  it('maps rows with the loop where code generation from strings is refused', () => {
    const Fresh = defineModel({ table: 'fresh', columns: { id: t.int(), note: t.text() }, partitionKey: 'id' });
    const original = globalThis.Function;
    globalThis.Function = function refused() {
      throw new EvalError('Code generation from strings disallowed for this context');
    } as unknown as FunctionConstructor;
    try {
      expect(generatedRowMapper(layoutOf(Fresh).columns, loop)).toBeUndefined();
      expect(rowFromDatabase(Fresh, { id: 1, note: null })).toStrictEqual({ id: 1, note: null });
    } finally {
      globalThis.Function = original;
    }
  });
});
