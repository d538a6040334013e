// The one place a statement's connection and keyspace are chosen (API.md "Resolution").
import type { ResolvedTarget } from '@cassia/core';
import type { AnyModel } from '@cassia/schema';
import type { QueryContext } from './query-context';

/**
 * Resolves where a statement of `model` runs. Connection: the batch's → using → bind/withContext
 * → the model's; keyspace: using → bind/withContext → the model's. The registry then applies the
 * withConnection scope, the default connection and the connection's keyspace, or throws
 * NoDefaultConnectionError / UndefinedKeyspaceError.
 */
export function resolveTarget(model: AnyModel, context: QueryContext, batchConnection?: string): ResolvedTarget {
  return context.registry.resolve({
    connection: batchConnection ?? context.using.connection ?? context.bound.connection ?? model.connection,
    keyspace: context.using.keyspace ?? context.bound.keyspace ?? model.keyspace,
  });
}
