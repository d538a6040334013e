// Counters exist only as top-level columns of a counter table: the check defineModel and
// defineType share for a counter anywhere inside a collection, tuple, vector or user type.
import { containsNative, type CqlType } from './cql-type';
import { definitionError } from './identifiers';

/** Throws SchemaDefinitionError naming `where` when `type` is a composite type that holds a counter. */
export function checkNoNestedCounter(where: string, type: CqlType): void {
  if (type.kind !== 'native' && containsNative(type, 'counter')) {
    definitionError(
      where,
      'a counter cannot be inside a collection, tuple, vector or user type (Cassandra refuses it); make it a counter column of its own',
    );
  }
}
