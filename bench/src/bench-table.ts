// The one table shape every implementation reads and writes: an int primary key and a few
// text/int columns, as a Cassia model, as CQL for the raw driver, and as generated rows.
import { defineModel, t } from '@cassia/schema';

/** The table's name in every keyspace the bench uses. */
export const BENCH_TABLE = 'bench_rows';

/** A row as every implementation writes it. */
export interface BenchRow {
  id: number;
  name: string;
  city: string;
  age: number;
  score: number;
}

/** The Cassia model of the bench table in `keyspace`, on the connection `connection`. */
export function benchRowModel(keyspace: string, connection: string) {
  return defineModel({
    table: BENCH_TABLE,
    keyspace,
    connection,
    columns: { id: t.int(), name: t.text(), city: t.text(), age: t.int(), score: t.int() },
    partitionKey: 'id',
  });
}

/** The Cassia model type of the bench table. */
export type BenchRowModel = ReturnType<typeof benchRowModel>;

/** CREATE TABLE for peers that do not create it themselves. */
export function createBenchTableCql(keyspace: string): string {
  return `CREATE TABLE IF NOT EXISTS "${keyspace}"."${BENCH_TABLE}" (id int PRIMARY KEY, name text, city text, age int, score int)`;
}

const CITIES = ['Lisbon', 'Oslo', 'Kyoto', 'Quito', 'Accra', 'Hobart', 'Tallinn', 'Recife'];

/** `count` rows made in advance, so generating values is never part of a measurement. */
export function benchRows(count: number): BenchRow[] {
  return Array.from({ length: count }, (_, id) => ({
    id,
    name: `user-${id.toString(36)}-${'x'.repeat(id % 17)}`,
    city: CITIES[id % CITIES.length],
    age: 18 + (id % 70),
    score: (id * 7919) % 100_000,
  }));
}
