// The names of a target as the planners see it: plain data, no live connection.

/** A (connection name, keyspace) pair; planners use it to name the target in errors and warnings. */
export interface PlanTarget {
  readonly connection: string;
  readonly keyspace: string;
}
