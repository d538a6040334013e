// What sync and plan report for one target (connection × keyspace).

/** What syncing did (or, for planSync, would do) to one target. */
export type SyncAction = 'created' | 'updated' | 'unchanged';

/** The outcome of syncTable / planSync / syncType on one (connection, keyspace) target. */
export interface SyncResult {
  /** The registered connection name. */
  readonly connection: string;
  readonly keyspace: string;
  /** The table name; for syncType, the user type's name. */
  readonly table: string;
  readonly action: SyncAction;
  /** The DDL run (syncTable, syncType) or that would run (planSync), in order. */
  readonly statements: readonly string[];
  /** Things left alone on purpose, e.g. a database column the model lacks. */
  readonly warnings: readonly string[];
}
