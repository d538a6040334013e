// The one place a statement's connection and keyspace are chosen (API.md "Resolution").
import type { ResolvedTarget } from '@cassia/core';
import type { AnyModel } from '@cassia/schema';
import type { QueryContext } from './query-context';

// The first explicit connection and keyspace: the batch's → using → bind/withContext → the model's.
function explicitConnection(model: AnyModel, context: QueryContext, batchConnection?: string): string | undefined {
  return batchConnection ?? context.using.connection ?? context.bound.connection ?? model.connection;
}

function explicitKeyspace(model: AnyModel, context: QueryContext): string | undefined {
  return context.using.keyspace ?? context.bound.keyspace ?? model.keyspace;
}

/**
 * Resolves where a statement of `model` runs. The registry applies, after the explicit values,
 * the withConnection scope, the default connection and the connection's keyspace, or throws
 * NoDefaultConnectionError / UndefinedKeyspaceError.
 */
export function resolveTarget(model: AnyModel, context: QueryContext, batchConnection?: string): ResolvedTarget {
  return context.registry.resolveNames(explicitConnection(model, context, batchConnection), explicitKeyspace(model, context));
}

/**
 * The keyspace a statement names, for compiling without executing: an explicit keyspace needs no
 * connection at all, so `toCQL()` works before any connection is registered. Explicit keyspaces
 * were validated where they were given (defineModel, bind/withContext/using).
 */
export function resolveKeyspace(model: AnyModel, context: QueryContext): string {
  return explicitKeyspace(model, context) ?? resolveTarget(model, context).keyspace;
}
