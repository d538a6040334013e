// The model layout: made once by defineModel, read by validation, the row mapper and the query
// builders. Each column's facts, the INSERT name lists shared per set of columns, and a model
// that still is the plain frozen object it was.
import { SchemaDefinitionError, ValidationError } from '@cassia/core';
import { defineModel, defineType, t, validateColumnValue } from '../src';
import { isSharedNameList, layoutOf } from '../src/internal';

const Point = defineType({ name: 'layout_point', fields: { x: t.int(), y: t.int() } });

const Reading = defineModel({
  table: 'layout_reading',
  columns: {
    sensor: t.text(),
    day: t.date().dbName('Day'),
    at: t.timestamp(),
    site: t.text().static(),
    value: t.double(),
    tags: t.set(t.text()),
    where: t.udt(Point),
    id: t.uuid(),
  },
  partitionKey: ['sensor', 'day'],
  clusteringKey: [['at', 'desc']],
});

const Hits = defineModel({ table: 'layout_hits', columns: { page: t.text(), hits: t.counter() }, partitionKey: 'page' });

describe('model layout', () => {
  const layout = layoutOf(Reading);

  it('lists every column in model order with its position, names, type and role', () => {
    expect(layout.columns.map((c) => [c.index, c.property, c.dbName, c.quotedName, c.role, c.isKey, c.isCounter])).toEqual([
      [0, 'sensor', 'sensor', '"sensor"', 'partitionKey', true, false],
      [1, 'day', 'Day', '"Day"', 'partitionKey', true, false],
      [2, 'at', 'at', '"at"', 'clusteringKey', true, false],
      [3, 'site', 'site', '"site"', 'static', false, false],
      [4, 'value', 'value', '"value"', 'regular', false, false],
      [5, 'tags', 'tags', '"tags"', 'regular', false, false],
      [6, 'where', 'where', '"where"', 'regular', false, false],
      [7, 'id', 'id', '"id"', 'regular', false, false],
    ]);
    for (const column of layout.columns) {
      expect(column.cql).toBe(Reading.columns[column.property as keyof typeof Reading.columns].cql);
      expect(layout.byProperty.get(column.property)).toBe(column);
    }
    expect(layoutOf(Hits).columns.map((c) => c.role)).toEqual(['partitionKey', 'counter']);
  });

  it('has an encoder and a decoder exactly where values do not pass as they are', () => {
    const codec = (property: string) => {
      const column = layout.byProperty.get(property)!;
      return [column.encode !== undefined, column.decode !== undefined];
    };
    expect(codec('sensor')).toEqual([false, false]);
    expect(codec('value')).toEqual([false, true]);
    expect(codec('at')).toEqual([false, true]);
    expect(codec('day')).toEqual([true, true]);
    expect(codec('id')).toEqual([true, true]);
    expect(codec('tags')).toEqual([true, true]);
    expect(codec('where')).toEqual([true, true]);
    const tags = layout.byProperty.get('tags')!;
    expect(tags.decode!(null)).toEqual(new Set());
    expect(layout.byProperty.get('value')!.decode!(null)).toBeNull();
  });

  it('validates like validateColumnValue, keys held to their limits', () => {
    const value = layout.byProperty.get('value')!;
    expect(value.validate(1.5)).toBe(1.5);
    expect(value.validate(null)).toBeNull();
    expect(() => value.validate('1.5')).toThrow(ValidationError);
    const sensor = layout.byProperty.get('sensor')!;
    expect(() => sensor.validate(null)).toThrow(ValidationError);
    expect(() => sensor.validate('x'.repeat(70_000))).toThrow(ValidationError);
    expect(() => validateColumnValue(Reading, 'sensor', 'x'.repeat(70_000))).toThrow(ValidationError);
    expect(sensor.maxKeyBytes).toBe(65_532);
    expect(layoutOf(Hits).byProperty.get('page')!.isSolePartitionKey).toBe(true);
  });

  it('shares one frozen INSERT name list per set of columns, in model order', () => {
    const names = layout.insertNames(0b1001_0011);
    expect(names).toEqual(['sensor', 'Day', 'value', 'id']);
    expect(layout.insertNames(0b1001_0011)).toBe(names);
    expect(Object.isFrozen(names)).toBe(true);
    expect(isSharedNameList(names)).toBe(true);
    expect(isSharedNameList(['sensor', 'Day', 'value', 'id'])).toBe(false);
  });

  it('knows which columns an INSERT writes and whether any value needs encoding', () => {
    expect(layout.insertable).toHaveLength(8);
    expect(layout.insertNeedsNoEncoder).toBe(false);
    expect(layoutOf(Hits).insertable.map((c) => c.property)).toEqual(['page']);
    expect(layoutOf(Hits).insertNeedsNoEncoder).toBe(false);
    const Plain = defineModel({ table: 'layout_plain', columns: { id: t.int(), name: t.text(), at: t.timestamp() }, partitionKey: 'id' });
    expect(layoutOf(Plain).insertNeedsNoEncoder).toBe(true);
  });

  it('makes the row mapper once', () => {
    expect(layout.rowMapper).toBe(layout.rowMapper);
    expect(layoutOf(Hits).rowMapper({ page: 'p', hits: 3n })).toEqual({ page: 'p', hits: 3n });
  });

  it('leaves the model a plain frozen object; a copy is not a model', () => {
    expect(Object.isFrozen(Reading)).toBe(true);
    expect(Object.keys(Reading)).not.toContain('layout');
    expect(Reflect.ownKeys(Reading).filter((key) => Object.prototype.propertyIsEnumerable.call(Reading, key))).toEqual(Object.keys(Reading));
    const copy = { ...Reading };
    expect(copy).toEqual(Reading);
    expect(() => layoutOf(copy)).toThrow(SchemaDefinitionError);
    expect(() => layoutOf(copy)).toThrow('model "layout_reading" is not a model made by defineModel');
    expect(layoutOf(Reading)).toBe(layout);
  });
});
