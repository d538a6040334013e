// uuid() / timeuuid() generators, asUuid / asTimeUuid, and what a timeuuid column accepts.
import { validationErrorOf } from './fixtures';
import { types } from 'cassandra-driver';
import { asTimeUuid, asUuid, defineModel, t, timeuuid, uuid, validateInsert } from '../src';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const V1 = /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const Events = defineModel({
  table: 'events',
  columns: { id: t.uuid(), at: t.timeuuid(), stamped: t.timeuuid().branded(), note: t.text() },
  partitionKey: 'id',
  clusteringKey: ['at'],
});

describe('uuid() and timeuuid()', () => {
  it('uuid() makes distinct random (version 4) UUID strings in lowercase', () => {
    const a = uuid();
    const b = uuid();
    expect(a).toMatch(V4);
    expect(b).toMatch(V4);
    expect(a).not.toBe(b);
  });

  it('timeuuid() makes distinct time-based (version 1) UUID strings for now, or for a given date', () => {
    const before = Date.now();
    const a = timeuuid();
    const b = timeuuid();
    expect(a).toMatch(V1);
    expect(a).not.toBe(b);
    const at = types.TimeUuid.fromString(a).getDate().getTime();
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
    const date = new Date('2024-02-29T12:34:56.789Z');
    expect(types.TimeUuid.fromString(timeuuid(date)).getDate()).toEqual(date);
  });

  it('their values pass validation of uuid and timeuuid columns', () => {
    const values = { id: uuid(), at: timeuuid(), stamped: timeuuid() };
    expect(validateInsert(Events, values)).toEqual(values);
    // A timeuuid is also a UUID.
    expect(validateInsert(Events, { id: timeuuid(), at: timeuuid() }).id).toMatch(V1);
  });

  it('a version 4 UUID into a timeuuid column is refused, and the message says what to use', () => {
    const error = validationErrorOf(() => validateInsert(Events, { id: uuid(), at: uuid() as never }));
    expect(error.issues).toEqual([expect.objectContaining({ path: ['at'] })]);
    expect(error.message).toContain('version 1 (time-based) UUID');
    expect(error.message).toContain('timeuuid()');
    // The branded column accepts exactly the same values at run time.
    expect(validationErrorOf(() => validateInsert(Events, { id: uuid(), at: timeuuid(), stamped: uuid() as never })).issues[0].path).toEqual(['stamped']);
  });
});

describe('asUuid() and asTimeUuid()', () => {
  it('brand valid strings as they are', () => {
    const text = 'F47AC10B-58CC-4372-A567-0E02B2C3D479';
    expect(asUuid(text)).toBe(text);
    const time = timeuuid();
    expect(asTimeUuid(time)).toBe(time);
    expect(asUuid(time)).toBe(time);
  });

  it('refuse anything else with a ValidationError', () => {
    expect(validationErrorOf(() => asUuid('not-a-uuid')).message).toContain('Expected a UUID string');
    expect(validationErrorOf(() => asTimeUuid(uuid())).message).toContain('version 1');
    expect(validationErrorOf(() => asTimeUuid(42 as never)).code).toBe('ERR_CASSIA_VALIDATION');
  });
});

describe('branded columns', () => {
  it('are the same columns at run time', () => {
    const column = t.timeuuid();
    expect(column.branded()).toBe(column);
    expect(Events.columns.stamped.cql).toEqual({ kind: 'native', name: 'timeuuid' });
    expect(Object.keys(column)).not.toContain('branded');
  });
});
