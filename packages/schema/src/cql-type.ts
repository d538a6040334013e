// The CQL type descriptor every column carries, and its two spellings: DDL text and the
// normalized text Cassandra reports in system_schema (which management compares against).
import { quoteIdentifier } from '@cassia/core/internal';
import type { UserType } from './user-type';

/** Names of the CQL types that have no type parameters. */
export type NativeTypeName =
  | 'ascii' | 'text' | 'varchar' | 'int' | 'bigint' | 'smallint' | 'tinyint' | 'varint'
  | 'float' | 'double' | 'decimal' | 'boolean' | 'uuid' | 'timeuuid' | 'timestamp' | 'date'
  | 'time' | 'duration' | 'blob' | 'inet' | 'counter';

/** A CQL type without parameters (`counter` included). */
export interface NativeCqlType {
  readonly kind: 'native';
  readonly name: NativeTypeName;
}
/** `list<element>`, frozen or not. */
export interface ListCqlType {
  readonly kind: 'list';
  readonly element: CqlType;
  readonly frozen: boolean;
}
/** `set<element>`, frozen or not. */
export interface SetCqlType {
  readonly kind: 'set';
  readonly element: CqlType;
  readonly frozen: boolean;
}
/** `map<key, value>`, frozen or not. */
export interface MapCqlType {
  readonly kind: 'map';
  readonly key: CqlType;
  readonly value: CqlType;
  readonly frozen: boolean;
}
/** `tuple<...>`; Cassandra always stores tuples frozen. */
export interface TupleCqlType {
  readonly kind: 'tuple';
  readonly elements: readonly CqlType[];
}
/** A user-defined type, frozen or not. */
export interface UdtCqlType {
  readonly kind: 'udt';
  readonly type: UserType;
  readonly frozen: boolean;
}
/** `vector<element, dimension>` (Cassandra 5). */
export interface VectorCqlType {
  readonly kind: 'vector';
  readonly element: CqlType;
  readonly dimension: number;
}

/** Every CQL type a column can have. */
export type CqlType =
  | NativeCqlType | ListCqlType | SetCqlType | MapCqlType | TupleCqlType | UdtCqlType | VectorCqlType;

/**
 * The descriptor kinds; `counter` and `duration` are told apart from other natives at the type
 * level (defineModel's type checks refuse them where Cassandra does).
 */
export type CqlKind = 'native' | 'counter' | 'duration' | CqlType['kind'];

/** True for list, set and map (frozen or not). */
export function isCollection(type: CqlType): type is ListCqlType | SetCqlType | MapCqlType {
  return type.kind === 'list' || type.kind === 'set' || type.kind === 'map';
}

/** True for a counter column type. */
export function isCounter(type: CqlType): boolean {
  return type.kind === 'native' && type.name === 'counter';
}

/** True when `type` is the native type `name` or holds it anywhere inside (elements, keys, values, fields). */
export function containsNative(type: CqlType, name: NativeTypeName): boolean {
  switch (type.kind) {
    case 'native':
      return type.name === name;
    case 'list':
    case 'set':
    case 'vector':
      return containsNative(type.element, name);
    case 'map':
      return containsNative(type.key, name) || containsNative(type.value, name);
    case 'tuple':
      return type.elements.some((element) => containsNative(element, name));
    case 'udt':
      return type.type.fieldList.some((field) => containsNative(field.cql, name));
  }
}

/** True when Cassandra stores the value as one frozen blob (tuples always are). */
export function isFrozen(type: CqlType): boolean {
  if (type.kind === 'tuple') return true;
  if (type.kind === 'native' || type.kind === 'vector') return false;
  return type.frozen;
}

/**
 * Marks a type frozen; natives and vectors are returned unchanged because freezing them
 * means nothing to Cassandra.
 */
export function freezeType(type: CqlType): CqlType {
  if (type.kind === 'list' || type.kind === 'set' || type.kind === 'map' || type.kind === 'udt') {
    return type.frozen ? type : Object.freeze({ ...type, frozen: true });
  }
  return type;
}

/** DDL spelling: UDT names quoted through quoteIdentifier, varchar kept as written. */
export function cqlTypeDdl(type: CqlType): string {
  return spell(type, (name) => quoteIdentifier(name), false);
}

/**
 * The type text as Cassandra reports it in `system_schema.columns.type`, e.g.
 * `frozen<map<text, int>>`, `list<frozen<address>>`, `frozen<tuple<int, text>>`, `vector<float, 3>`.
 */
export function cqlTypeTextOf(type: CqlType): string {
  return spell(type, reportedTypeName, true);
}

/**
 * A user type's name as Cassandra spells it in a type text (system_schema): a lowercase
 * identifier bare, any other name double-quoted.
 */
export function reportedTypeName(name: string): string {
  return /^[a-z][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** A native type's name as Cassandra reports it: `varchar` is an alias of `text`, stored as `text`. */
export function reportedNativeName(name: string): string {
  return name === 'varchar' ? 'text' : name;
}

function spell(type: CqlType, udtName: (name: string) => string, normalized: boolean): string {
  const inner = (t: CqlType): string => spell(t, udtName, normalized);
  const frozen = (text: string, isFrozenType: boolean): string => (isFrozenType ? `frozen<${text}>` : text);
  switch (type.kind) {
    case 'native':
      return normalized ? reportedNativeName(type.name) : type.name;
    case 'list':
      return frozen(`list<${inner(type.element)}>`, type.frozen);
    case 'set':
      return frozen(`set<${inner(type.element)}>`, type.frozen);
    case 'map':
      return frozen(`map<${inner(type.key)}, ${inner(type.value)}>`, type.frozen);
    case 'tuple': {
      const text = `tuple<${type.elements.map(inner).join(', ')}>`;
      // Tuples are frozen whether or not the DDL says so; system_schema spells it out.
      return normalized ? `frozen<${text}>` : text;
    }
    case 'udt':
      return frozen(udtName(type.type.name), type.frozen);
    case 'vector':
      return `vector<${inner(type.element)}, ${type.dimension}>`;
  }
}
