// Plans the DDL that brings user types in a keyspace up to their definitions: CREATE TYPE where
// missing, ALTER TYPE ADD for missing fields, both IF NOT EXISTS so concurrent syncs converge; a field
// whose type differs, or a field added to a type a partition key uses, is a SchemaMismatchError.
import { SchemaMismatchError } from '@cassia/core';
import type { UserType, UserTypeField } from '@cassia/schema';
import { addFieldCql, createTypeCql, cqlTypeText, isFrozen } from '@cassia/schema/internal';
import { sameCqlType } from './cql-type-normalization';
import type { PlanTarget } from './plan-target';
import { checkFieldAdd } from './refused-changes';
import type { PartitionKeyColumnDescription, TypeDescription } from './schema-description';

/** DDL and warnings for a list of user types (dependencies first), and which of them are new. */
export interface TypesPlan {
  readonly statements: string[];
  readonly warnings: string[];
  /** Names of the types the statements create. */
  readonly created: string[];
}

/**
 * Plans every type in order; throws SchemaMismatchError before returning anything if one field differs
 * or a field would be added to a type used in one of `partitionKeyColumns` (the server refuses that).
 */
export function planUserTypes(
  types: readonly UserType[],
  target: PlanTarget,
  existing: ReadonlyMap<string, TypeDescription>,
  partitionKeyColumns: readonly PartitionKeyColumnDescription[] = [],
): TypesPlan {
  const plan: TypesPlan = { statements: [], warnings: [], created: [] };
  const seen = new Set<string>();
  for (const type of types) {
    if (seen.has(type.name)) continue;
    seen.add(type.name);
    const description = existing.get(type.name);
    if (description === undefined) {
      plan.statements.push(createTypeCql(type, target.keyspace, { ifNotExists: true }));
      plan.created.push(type.name);
      continue;
    }
    const fields = new Map(description.fields.map((field) => [field.name, field.type]));
    for (const field of type.fieldList) {
      const actual = fields.get(field.dbName);
      if (actual === undefined) {
        checkFieldAdd(target, type.name, { name: field.dbName, type: fieldTypeText(type, field) }, existing, partitionKeyColumns);
        plan.statements.push(addFieldCql(type, field.property, target.keyspace, { ifNotExists: true }));
      } else if (!sameCqlType(fieldTypeText(type, field), actual)) {
        throw new SchemaMismatchError({
          ...target,
          table: type.name,
          column: field.dbName,
          expected: fieldTypeText(type, field),
          actual,
        });
      }
    }
    const known = new Set(type.fieldList.map((field) => field.dbName));
    for (const field of description.fields) {
      if (!known.has(field.name)) {
        plan.warnings.push(
          `field "${field.name}" (${field.type}) of type ${type.name} is in the database but not in the definition; left in place`,
        );
      }
    }
  }
  return plan;
}

/** The type text of a field as system_schema.types reports it (fields are stored frozen). */
export function fieldTypeText(type: UserType, field: UserTypeField): string {
  const text = cqlTypeText(type.fields[field.property]);
  return isFrozen(field.cql) && !text.startsWith('frozen<') ? `frozen<${text}>` : text;
}
