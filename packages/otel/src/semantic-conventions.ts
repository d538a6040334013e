// The attribute and metric names this package records: the stable database semantic conventions
// (OpenTelemetry semconv, "Database client spans" and "Database client metrics"), the
// Cassandra-specific ones, and Cassia's own under `cassia.*`.

/** `db.system.name` of every span and metric point. */
export const DB_SYSTEM_CASSANDRA = 'cassandra';

export const ATTR_DB_SYSTEM_NAME = 'db.system.name';
export const ATTR_DB_NAMESPACE = 'db.namespace';
export const ATTR_DB_COLLECTION_NAME = 'db.collection.name';
export const ATTR_DB_OPERATION_NAME = 'db.operation.name';
export const ATTR_DB_OPERATION_BATCH_SIZE = 'db.operation.batch.size';
export const ATTR_DB_QUERY_SUMMARY = 'db.query.summary';
export const ATTR_DB_QUERY_TEXT = 'db.query.text';
export const ATTR_DB_RESPONSE_STATUS_CODE = 'db.response.status_code';
export const ATTR_DB_RESPONSE_RETURNED_ROWS = 'db.response.returned_rows';
export const ATTR_SERVER_ADDRESS = 'server.address';
export const ATTR_SERVER_PORT = 'server.port';
export const ATTR_ERROR_TYPE = 'error.type';

export const ATTR_CASSANDRA_CONSISTENCY_LEVEL = 'cassandra.consistency.level';
export const ATTR_CASSANDRA_PAGE_SIZE = 'cassandra.page.size';
export const ATTR_CASSANDRA_QUERY_IDEMPOTENT = 'cassandra.query.idempotent';
export const ATTR_CASSANDRA_SPECULATIVE_EXECUTION_COUNT = 'cassandra.speculative_execution.count';

export const ATTR_CASSIA_CONNECTION = 'cassia.connection';
export const ATTR_CASSIA_MODEL = 'cassia.model';
export const ATTR_CASSIA_LWT_APPLIED = 'cassia.lwt.applied';
export const ATTR_CASSIA_PAGE = 'cassia.page';
/** Hosts the driver tried beyond the first (retries on another node and speculative sends). */
export const ATTR_CASSIA_HOSTS_TRIED = 'cassia.hosts_tried';
export const ATTR_CASSIA_TRACE_ID = 'cassia.trace_id';

/** The stable duration histogram of database client operations, in seconds. */
export const METRIC_DB_CLIENT_OPERATION_DURATION = 'db.client.operation.duration';

/** The bucket boundaries the conventions give `db.client.operation.duration` (seconds). */
export const DURATION_BUCKETS_SECONDS: readonly number[] = Object.freeze([0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10]);

/** The `error.type` the conventions reserve for an error of no known class. */
export const ERROR_TYPE_OTHER = '_OTHER';

/** Cassandra's native protocol port: `server.port` is required only when another one is used, and always recorded here. */
export const DEFAULT_CASSANDRA_PORT = 9042;
