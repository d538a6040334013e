// Changes Cassandra is known to refuse, found at plan time so a plan that would fail halfway is
// refused whole, before its first statement, with a SchemaMismatchError that says why and what to do:
// re-adding a dropped column with another type or kind, and adding a field to a user type that a
// partition key uses (directly or inside another type).
import { SchemaMismatchError } from '@cassia/core';
import { describeValue } from '@cassia/core/internal';
import { referencedTypeNames, sameCqlType } from './cql-type-normalization';
import type { PlanTarget } from './plan-target';
import type { ColumnKind, PartitionKeyColumnDescription, TableDescription, TypeDescription } from './schema-description';

/** Throws when the column was dropped from the table with another type or kind (the server refuses to re-add it). */
export function checkColumnReAdd(
  where: PlanTarget & { table: string },
  table: TableDescription,
  column: { name: string; type: string; kind: ColumnKind },
): void {
  const dropped = table.droppedColumns?.find((entry) => entry.name === column.name);
  if (dropped === undefined) return;
  const sameKind = (dropped.kind === 'static') === (column.kind === 'static');
  if (sameKind && sameCqlType(dropped.type, column.type)) return;
  const was = `${dropped.type}${dropped.kind === 'static' ? ' static' : ''}`;
  const wanted = `${column.type}${column.kind === 'static' ? ' static' : ''}`;
  throw new SchemaMismatchError(
    { ...where, column: column.name, expected: wanted, actual: `${was} (dropped)` },
    {
      reason:
        `Column ${describeValue(column.name)} of ${where.keyspace}.${where.table} on connection ${describeValue(where.connection)} ` +
        `cannot be added as ${wanted}: a column of that name was dropped as ${was}, and Cassandra refuses to re-add a ` +
        `dropped column with another type or kind (user-type columns are recorded as tuples, so they can never be ` +
        `re-added). Give the column another database name (dbName) or its old type.`,
    },
  );
}

/** Throws when a field would be added to a user type that a partition key of the keyspace uses. */
export function checkFieldAdd(
  where: PlanTarget,
  typeName: string,
  field: { name: string; type: string },
  types: ReadonlyMap<string, TypeDescription>,
  partitionKeyColumns: readonly PartitionKeyColumnDescription[],
): void {
  const users = typesUsing(typeName, types);
  const keys = partitionKeyColumns.filter((column) => [...referencedTypeNames(column.type)].some((name) => users.has(name)));
  if (keys.length === 0) return;
  const tables = [...new Set(keys.map((key) => `${where.keyspace}.${key.table}`))].join(', ');
  throw new SchemaMismatchError(
    { ...where, table: typeName, column: field.name, expected: field.type, actual: `absent (type used in the partition key of ${tables})` },
    {
      reason:
        `Field ${describeValue(field.name)} cannot be added to user type ${where.keyspace}.${typeName} on connection ` +
        `${describeValue(where.connection)}: the type is used in the partition key of ${tables}, and Cassandra refuses ` +
        `to change a type that partition keys are hashed from. Define a new type (another name) for the new shape, or ` +
        `leave the field out.`,
    },
  );
}

/** The type and every type of the keyspace that contains it, however deeply. */
function typesUsing(typeName: string, types: ReadonlyMap<string, TypeDescription>): Set<string> {
  const users = new Set([typeName]);
  for (let grown = true; grown; ) {
    grown = false;
    for (const type of types.values()) {
      if (users.has(type.name)) continue;
      if (type.fields.some((field) => [...referencedTypeNames(field.type)].some((name) => users.has(name)))) {
        users.add(type.name);
        grown = true;
      }
    }
  }
  return users;
}
