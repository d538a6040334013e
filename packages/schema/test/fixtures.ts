// Models and helpers shared by the schema tests.
import { ValidationError } from '@cassia/core';
import { defineModel, defineType, t } from '../src';

export const Address = defineType({
  name: 'address',
  fields: { street: t.text(), zip: t.int(), tags: t.set(t.text()) },
});

export const Person = defineType({
  name: 'person',
  fields: { name: t.text(), home: t.udt(Address) },
});

export const Car = defineModel({
  table: 'cars',
  keyspace: 'garage',
  columns: {
    make: t.text(),
    year: t.int(),
    model: t.text(),
    vin: t.uuid().dbName('vin_code'),
    price: t.decimal(),
    owners: t.list(t.udt(Person)),
    features: t.set(t.text()),
    ratings: t.map(t.text(), t.int()),
    dealer: t.text().static(),
    created: t.timestamp().withDefault(() => new Date(0)),
    location: t.tuple(t.double(), t.double()),
    embedding: t.vector(t.float(), 3),
    tags: t.frozen(t.list(t.text())),
  },
  partitionKey: ['make'],
  clusteringKey: [['year', 'desc'], 'model'],
  indexes: [{ column: 'vin' }, { column: 'embedding', using: 'sai' }, { column: 'ratings', target: 'keys', name: 'ratings_keys' }],
  options: { comment: "Cars' table", default_time_to_live: 3600, compaction: { class: 'SizeTieredCompactionStrategy', min_threshold: 4 } },
});

export const PageViews = defineModel({
  table: 'page_views',
  columns: { page: t.text(), day: t.date(), views: t.counter(), visitors: t.counter() },
  partitionKey: ['page', 'day'],
});

/** The ValidationError `fn` throws (the test fails when it throws something else or nothing). */
export function validationErrorOf(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}
