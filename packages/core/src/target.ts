// Where a statement runs: the names a caller gives (any may be missing) and what the registry
// resolves them to. Every package passes targets in these two shapes.
import type { Connection } from './connection';

/**
 * A connection and/or keyspace given explicitly: by a batch, `using()`, `bind`/`withContext`, a
 * model, a `withConnection` scope or a management call. Resolution fills in what is missing.
 */
export interface ExplicitTarget {
  connection?: string;
  keyspace?: string;
}

/** Where a statement runs (frozen: the registry hands out one per connection and keyspace). */
export interface ResolvedTarget {
  readonly connection: Connection;
  readonly keyspace: string;
}
