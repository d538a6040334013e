// defineType: a user-defined type (UDT), used in columns through `t.udt(Type)`.
import { z } from 'zod';
import { isColumn, type AnyColumn, type ColumnValueOf, type ElementColumn } from './column';
import { freezeType, isCounter, type CqlType } from './cql-type';
import { checkIdentifier, definitionError } from './identifiers';
import { checkNoNestedCounter } from './nested-counter';
import { ownProperties } from './own-properties';

/** The fields of a user-defined type: property name → column. */
export type FieldsShape = Readonly<Record<string, AnyColumn>>;

/** What `defineType` takes as fields: any column but a counter (Cassandra refuses counters in a UDT). */
export type UserTypeFieldsShape = Readonly<Record<string, ElementColumn>>;

/** The JS value of a UDT: a plain object; a missing field is stored (and read back) as null. */
export type UdtValue<F extends FieldsShape> = { -readonly [K in keyof F]?: ColumnValueOf<F[K]> | null };

/** One field of a UDT with its database name and (nested-frozen) CQL type. */
export interface UserTypeField {
  readonly property: string;
  readonly dbName: string;
  readonly cql: CqlType;
}

/** A user-defined type: a frozen plain object made by `defineType`. */
export interface UserType<F extends FieldsShape = FieldsShape> {
  readonly kind: 'user-type';
  readonly name: string;
  readonly keyspace: string | undefined;
  readonly fields: F;
  /** Fields in definition order with database names and CQL types. */
  readonly fieldList: readonly UserTypeField[];
  /** UDTs this type uses (directly or deeper), dependencies first, itself excluded. */
  readonly dependencies: readonly UserType[];
}

/** What `defineType` takes. */
export interface UserTypeDefinition<F extends FieldsShape> {
  name: string;
  keyspace?: string;
  fields: F;
}

/** Defines a user-defined type; throws SchemaDefinitionError for an invalid definition. */
export function defineType<const F extends UserTypeFieldsShape>(definition: UserTypeDefinition<F>): UserType<F> {
  const owner = `type ${JSON.stringify(definition.name)}`;
  checkIdentifier(owner, definition.name, 'type');
  if (definition.keyspace !== undefined) checkIdentifier(owner, definition.keyspace, 'keyspace');
  const entries = Object.entries(definition.fields ?? {});
  if (entries.length === 0) definitionError(owner, 'a type needs at least one field');
  const seen = new Set<string>();
  const fieldList = entries.map(([property, column]): UserTypeField => {
    const where = `${owner}, field "${property}"`;
    if (!isColumn(column)) definitionError(owner, `field "${property}" is not a t.* column`);
    checkIdentifier(where, property, 'field');
    const dbName = column.columnOptions.dbName ?? property;
    checkIdentifier(where, dbName, 'field');
    if (seen.has(dbName)) definitionError(where, `database name "${dbName}" is used twice`);
    seen.add(dbName);
    if (isCounter(column.cql)) definitionError(where, 'a counter cannot be a field of a user-defined type');
    checkNoNestedCounter(where, column.cql);
    if (column.columnOptions.static) definitionError(where, 'a field cannot be static');
    if (column.columnOptions.default !== undefined) definitionError(where, 'a field cannot have a default');
    if (column.columnOptions.required === true) definitionError(where, 'a field cannot be required (required is a column option)');
    return Object.freeze({ property, dbName, cql: freezeType(column.cql) });
  });
  const type: UserType<F> = {
    kind: 'user-type',
    name: definition.name,
    keyspace: definition.keyspace,
    fields: Object.freeze({ ...definition.fields }) as F,
    fieldList: Object.freeze(fieldList),
    dependencies: Object.freeze(collectUserTypes(fieldList.map((f) => f.cql))),
  };
  return Object.freeze(type);
}

/** UDTs used anywhere inside the given types, dependencies before dependents, each once. */
export function collectUserTypes(types: readonly CqlType[]): UserType[] {
  const out: UserType[] = [];
  const visit = (type: CqlType): void => {
    switch (type.kind) {
      case 'list':
      case 'set':
      case 'vector':
        return visit(type.element);
      case 'map':
        visit(type.key);
        return visit(type.value);
      case 'tuple':
        return type.elements.forEach(visit);
      case 'udt':
        for (const dependency of type.type.dependencies) add(dependency);
        return add(type.type);
      case 'native':
        return;
    }
  };
  const add = (userType: UserType): void => {
    if (!out.some((known) => known === userType || known.name === userType.name)) out.push(userType);
  };
  types.forEach(visit);
  return out;
}

/**
 * The zod schema of a UDT value: known fields only, each optional and nullable, read from the
 * value's own properties (zod reads `value[field]`, which for a field named `toString` that is
 * left out would be Object's method, and for any field an inherited value).
 */
export function udtSchema(type: UserType): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [property, column] of Object.entries(type.fields)) shape[property] = column.nullable().optional();
  return z.preprocess(ownProperties, z.object(shape).strict());
}
