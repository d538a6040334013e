// Identifier checks at definition time: core's assertIdentifier, rethrown as a
// SchemaDefinitionError that names the model or type being defined.
import { SchemaDefinitionError } from '@cassia/core';
import { assertIdentifier } from '@cassia/core/internal';

/** Throws SchemaDefinitionError (`owner: message`) when `name` is not a valid CQL identifier. */
export function checkIdentifier(owner: string, name: unknown, what: string): void {
  try {
    assertIdentifier(name, what);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SchemaDefinitionError(`${owner}: ${message}`, { cause: error });
  }
}

/** Throws SchemaDefinitionError with the owner named first. */
export function definitionError(owner: string, message: string): never {
  throw new SchemaDefinitionError(`${owner}: ${message}`);
}
