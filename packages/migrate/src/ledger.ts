// The ledger of one target: table cassia_migrations in the target keyspace, one row per migration
// started there (version, name, checksum, applied_at, applied_by, statements_done, status). A row
// is written after every statement, so a run that was killed resumes at the statement after the
// last one recorded. Only the holder of the target's lease writes it (lease.ts).
import type { Connection } from '@cassia/core';
import { quoteQualified } from '@cassia/core/internal';
import { waitForSchemaAgreement } from '@cassia/management/internal';

/** The ledger table's name in each target keyspace. */
export const LEDGER_TABLE = 'cassia_migrations';
/** The lease table's name in each target keyspace (one row while a process applies migrations). */
export const LEASE_TABLE = 'cassia_migration_lease';

/** `running` until the migration's last statement (or its up()) finished, then `applied`. */
export type LedgerStatus = 'running' | 'applied';

/** One row of the ledger. */
export interface LedgerEntry {
  readonly version: number;
  readonly name: string;
  readonly checksum: string;
  /** When it finished (status applied), else when it started. */
  readonly appliedAt: Date;
  /** Which process applied it: host, pid and a random part. */
  readonly appliedBy: string;
  /** Statements (CQL) or steps (module) done so far. */
  readonly statementsDone: number;
  readonly status: LedgerStatus;
}

// Writes and reads of the ledger and lease go to a quorum, so a later holder of the lease sees them.
const LEDGER_OPTIONS = { consistency: 'quorum' } as const;
const SCHEMA_AGREEMENT_MS = 30_000;

/** Whether the ledger and lease tables both exist in the keyspace. */
export async function ledgerExists(connection: Connection, keyspace: string): Promise<boolean> {
  const result = await connection.execute('SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?', [keyspace]);
  const names = new Set(result.rows.map((row) => String(row.table_name)));
  return names.has(LEDGER_TABLE) && names.has(LEASE_TABLE);
}

/**
 * Creates the ledger and lease tables where missing (IF NOT EXISTS, so concurrent runs agree), then
 * waits until both can be used: a table another process is creating shows in system_schema a moment
 * before statements on it are accepted.
 */
export async function ensureLedger(connection: Connection, keyspace: string): Promise<void> {
  if (!(await ledgerExists(connection, keyspace))) await createLedger(connection, keyspace);
  await whileTablesSettle(async () => {
    await connection.execute(`SELECT name FROM ${quoteQualified(keyspace, LEASE_TABLE)} LIMIT 1`);
    await connection.execute(`SELECT version FROM ${quoteQualified(keyspace, LEDGER_TABLE)} LIMIT 1`);
  });
}

// Retries `work` for up to the schema agreement time while it fails (e.g. a table still being created).
async function whileTablesSettle<T>(work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + SCHEMA_AGREEMENT_MS;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

async function createLedger(connection: Connection, keyspace: string): Promise<void> {
  await connection.execute(
    `CREATE TABLE IF NOT EXISTS ${quoteQualified(keyspace, LEDGER_TABLE)} (version bigint PRIMARY KEY, name text, checksum text, ` +
      'applied_at timestamp, applied_by text, statements_done int, status text)',
  );
  await connection.execute(
    `CREATE TABLE IF NOT EXISTS ${quoteQualified(keyspace, LEASE_TABLE)} (name text PRIMARY KEY, owner text, acquired_at timestamp)`,
  );
  await waitForSchemaAgreement(connection, SCHEMA_AGREEMENT_MS);
}

/** Every ledger row, by version; empty when the ledger does not exist yet. */
export async function readLedger(connection: Connection, keyspace: string): Promise<LedgerEntry[]> {
  if (!(await ledgerExists(connection, keyspace))) return [];
  const result = await whileTablesSettle(() =>
    connection.execute(
      `SELECT version, name, checksum, applied_at, applied_by, statements_done, status FROM ${quoteQualified(keyspace, LEDGER_TABLE)}`,
      [],
      LEDGER_OPTIONS,
    ),
  );
  return result.rows
    .map(
      (row): LedgerEntry => ({
        version: Number(row.version),
        name: String(row.name),
        checksum: String(row.checksum),
        appliedAt: row.applied_at as Date,
        appliedBy: String(row.applied_by),
        statementsDone: Number(row.statements_done ?? 0),
        status: row.status === 'applied' ? 'applied' : 'running',
      }),
    )
    .sort((a, b) => a.version - b.version);
}

/** Writes (upserts) the ledger row of a migration. */
export async function recordLedgerEntry(connection: Connection, keyspace: string, entry: LedgerEntry): Promise<void> {
  await connection.execute(
    `INSERT INTO ${quoteQualified(keyspace, LEDGER_TABLE)} (version, name, checksum, applied_at, applied_by, statements_done, status) ` +
      'VALUES (?, ?, ?, ?, ?, ?, ?)',
    [BigInt(entry.version), entry.name, entry.checksum, entry.appliedAt, entry.appliedBy, entry.statementsDone, entry.status],
    LEDGER_OPTIONS,
  );
}
