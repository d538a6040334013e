// The one place a statement's connection and keyspace are chosen (API.md "Resolution").
import type { ResolvedTarget } from '@cassia/core';
import type { AnyModel } from '@cassia/schema';
import type { QueryContext } from './query-context';
import { checkStrictRoute, strictScopes } from './strict-routing';
import { assertDataTarget } from './system-keyspaces';

// The first explicit connection and keyspace: the batch's → using → bind/withContext → the model's.
// Plain reads are safe: a context's parts inherit nothing (query-context.ts), and a
// model made by defineModel has connection and keyspace as own properties (undefined when absent).
function explicitConnection(model: AnyModel, context: QueryContext, batchConnection?: string): string | undefined {
  return batchConnection ?? context.using.connection ?? context.bound.connection ?? model.connection;
}

function explicitKeyspace(model: AnyModel, context: QueryContext): string | undefined {
  return context.using.keyspace ?? context.bound.keyspace ?? model.keyspace;
}

/**
 * Resolves where a statement of `model` runs. The registry applies, after the explicit values,
 * the withConnection scope, the default connection and the connection's keyspace, or throws
 * NoDefaultConnectionError / UndefinedKeyspaceError; a system keyspace is refused
 * (SystemKeyspaceError) unless the connection allows it, and inside a strict scope a target other
 * than the scope's is refused (MisroutedStatementError).
 */
export function resolveTarget(model: AnyModel, context: QueryContext, batchConnection?: string): ResolvedTarget {
  const target = assertDataTarget(context.registry.resolveNames(explicitConnection(model, context, batchConnection), explicitKeyspace(model, context)));
  // One branch while no strict scope runs anywhere.
  if (strictScopes.running !== 0) checkStrictRoute(model, context, target);
  return target;
}

/**
 * The keyspace a statement names, for compiling without executing: an explicit keyspace needs no
 * connection at all, so `toCQL()` works before any connection is registered. Explicit keyspaces
 * were validated where they were given (defineModel, bind/withContext/using).
 */
export function resolveKeyspace(model: AnyModel, context: QueryContext): string {
  return explicitKeyspace(model, context) ?? context.registry.resolveNames(explicitConnection(model, context), undefined).keyspace;
}
