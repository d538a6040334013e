// Waiting until every node of a connection's cluster has the same schema version after DDL.
import type { Connection } from '@cassia/core';

/** Default wait for schema agreement, matching the driver's maxSchemaAgreementWaitSeconds. */
export const DEFAULT_SCHEMA_AGREEMENT_TIMEOUT_MS = 10_000;

const POLL_INTERVAL_MS = 200;

// checkSchemaAgreement exists in cassandra-driver 4.x but is missing from its type declarations.
interface SchemaAgreementMetadata {
  checkSchemaAgreement?: () => Promise<boolean>;
}

/**
 * Polls the driver until all live nodes agree on the schema; false when the time ran out.
 * The driver already waits after each schema change, but only up to its own limit and without
 * telling the caller; this makes the outcome visible (a warning in the result).
 */
export async function waitForSchemaAgreement(connection: Connection, timeoutMs: number): Promise<boolean> {
  const client = await connection.getClient();
  const metadata = client.metadata as unknown as SchemaAgreementMetadata;
  if (typeof metadata.checkSchemaAgreement !== 'function') return true;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await metadata.checkSchemaAgreement()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}
