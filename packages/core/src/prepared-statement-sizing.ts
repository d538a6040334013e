// The driver's prepared-statement cache size on connections Cassia creates (README "Running many
// tenants"). cassandra-driver keeps `maxPrepared` statements (default 500) and, when full, drops the
// oldest prepared, not the least used: past it a round robin over keyspaces prepares again before
// nearly every statement. Cassia binds every value, so its texts number statement shapes ×
// keyspaces, never grow with data, and the cap only bounds what a fleet really uses; an entry is
// paid for only once its statement exists. A caller's clientOptions.maxPrepared wins.

/** `maxPrepared` of the driver clients Cassia creates, unless clientOptions sets one. */
export const DEFAULT_MAX_PREPARED = 5_000;
