// validateColumnValue checks one column without walking the model (it runs for every where() and
// update() value); it must agree exactly with validating that column through validatePartial.
import fc from 'fast-check';
import { ValidationError } from '@cassia/core';
import { defineModel, t, validateColumnValue, validatePartial } from '../src';

const Model = defineModel({
  table: 'one_column',
  columns: {
    id: t.text(),
    bucket: t.int(),
    name: t.text(),
    score: t.double(),
    tags: t.set(t.text()),
    size: t.smallint(),
    hits: t.bigint(),
  },
  partitionKey: ['id'],
  clusteringKey: ['bucket'],
});

type Outcome = { value: unknown } | { error: string; issues: unknown };

function outcome(run: () => unknown): Outcome {
  try {
    return { value: run() };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { error: error.message, issues: error.issues };
  }
}

const anyValue = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.string(),
  fc.string({ minLength: 65_530, maxLength: 65_540 }),
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.boolean(),
  fc.array(fc.string(), { maxLength: 3 }).map((items) => new Set(items)),
);
const column = fc.constantFrom('id', 'bucket', 'name', 'score', 'tags', 'size', 'hits', 'missing');

describe('validateColumnValue', () => {
  it('property: agrees with validatePartial of that one column (value, or the same error and issues)', () => {
    fc.assert(
      fc.property(column, anyValue, (property, value) => {
        const single = outcome(() => validateColumnValue(Model, property as never, value as never));
        const partial = outcome(() => (validatePartial(Model, { [property]: value } as never) as Record<string, unknown>)[property]);
        expect(single).toEqual(partial);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a null key, an oversized key and a bad value; allows null elsewhere', () => {
    expect(() => validateColumnValue(Model, 'id', null)).toThrow(/cannot be null/);
    expect(() => validateColumnValue(Model, 'id', 'x'.repeat(65_536))).toThrow(/at most 65535 bytes/);
    expect(() => validateColumnValue(Model, 'bucket', 'one' as never)).toThrow(ValidationError);
    expect(validateColumnValue(Model, 'name', null)).toBeNull();
    expect(validateColumnValue(Model, 'bucket', 3)).toBe(3);
  });
});
