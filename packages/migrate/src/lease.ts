// The lease of one target: a row in cassia_migration_lease taken with INSERT … IF NOT EXISTS USING
// TTL, renewed with an LWT UPDATE … IF owner = me while the holder runs, and deleted (IF owner = me)
// at the end. A holder that dies stops renewing, and the row expires after its TTL, so another
// process can take over; a holder whose renewal fails stops before its next statement.
import type { Connection } from '@cassia/core';
import { quoteQualified } from '@cassia/core/internal';
import { MigrationLeaseError } from './errors/migration-lease-error';
import { LEASE_TABLE } from './ledger';

/** How a lease is held and waited for. */
export interface LeaseSettings {
  /** Seconds the lease row lives unless renewed (default 60); renewed every third of it. */
  readonly ttlSeconds: number;
  /** How long to wait for another holder before giving up on the target (default 10 minutes). */
  readonly waitMs: number;
  /** How often a waiting process tries again (default 1000 ms). */
  readonly pollMs: number;
}

export const DEFAULT_LEASE_SETTINGS: LeaseSettings = { ttlSeconds: 60, waitMs: 600_000, pollMs: 1000 };

// The one lease row of a keyspace.
const LEASE_NAME = 'migrations';
const LWT_OPTIONS = { consistency: 'quorum', serialConsistency: 'serial' } as const;

/** A lease this process holds on one target. */
export class MigrationLease {
  readonly #connection: Connection;
  readonly #keyspace: string;
  readonly #owner: string;
  readonly #settings: LeaseSettings;
  #timer: NodeJS.Timeout | undefined;
  #lost: string | undefined;
  #renewedAt = Date.now();
  #renewing: Promise<void> | undefined;

  private constructor(connection: Connection, keyspace: string, owner: string, settings: LeaseSettings) {
    this.#connection = connection;
    this.#keyspace = keyspace;
    this.#owner = owner;
    this.#settings = settings;
  }

  /**
   * Takes the lease of `keyspace`, polling while another process holds it; `onWait` hears who holds
   * it (once per holder). Throws MigrationLeaseError when the wait runs out.
   */
  static async acquire(
    connection: Connection,
    keyspace: string,
    owner: string,
    settings: LeaseSettings,
    onWait: (holder: string) => void,
  ): Promise<MigrationLease> {
    const deadline = Date.now() + settings.waitMs;
    let lastHolder: string | undefined;
    for (;;) {
      const result = await connection.execute(
        `INSERT INTO ${quoteQualified(keyspace, LEASE_TABLE)} (name, owner, acquired_at) VALUES (?, ?, ?) IF NOT EXISTS USING TTL ?`,
        [LEASE_NAME, owner, new Date(), settings.ttlSeconds],
        LWT_OPTIONS,
      );
      const row = result.rows[0];
      if (row?.['[applied]'] === true) {
        const lease = new MigrationLease(connection, keyspace, owner, settings);
        lease.#startRenewing();
        return lease;
      }
      const holder = String(row?.owner ?? 'another process');
      if (holder !== lastHolder) onWait(holder);
      lastHolder = holder;
      if (Date.now() + settings.pollMs > deadline) {
        throw new MigrationLeaseError(
          connection.name,
          keyspace,
          `held by ${holder} for longer than the ${settings.waitMs} ms this run waits; try again later (a lease nobody renews expires after ${settings.ttlSeconds} s).`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, settings.pollMs));
    }
  }

  /** Throws MigrationLeaseError when a renewal found the lease taken over (or could not renew it in time). */
  assertHeld(): void {
    if (this.#lost === undefined && Date.now() - this.#renewedAt > this.#settings.ttlSeconds * 1000) {
      this.#lost = `not renewed for ${this.#settings.ttlSeconds} s (its TTL), so another process may hold it; stopped before the next statement.`;
    }
    if (this.#lost !== undefined) throw new MigrationLeaseError(this.#connection.name, this.#keyspace, this.#lost);
  }

  /** Stops renewing and deletes the lease row if this process still holds it. */
  async release(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#renewing;
    if (this.#lost !== undefined) return;
    await this.#connection.execute(
      `DELETE FROM ${quoteQualified(this.#keyspace, LEASE_TABLE)} WHERE name = ? IF owner = ?`,
      [LEASE_NAME, this.#owner],
      LWT_OPTIONS,
    );
  }

  #startRenewing(): void {
    const every = Math.max(200, (this.#settings.ttlSeconds * 1000) / 3);
    this.#timer = setInterval(() => {
      if (this.#renewing !== undefined) return;
      this.#renewing = this.#renew().finally(() => {
        this.#renewing = undefined;
      });
    }, every);
    // A run that finished must not be kept alive by its renewal timer.
    this.#timer.unref();
  }

  async #renew(): Promise<void> {
    try {
      const result = await this.#connection.execute(
        `UPDATE ${quoteQualified(this.#keyspace, LEASE_TABLE)} USING TTL ? SET owner = ?, acquired_at = ? WHERE name = ? IF owner = ?`,
        [this.#settings.ttlSeconds, this.#owner, new Date(), LEASE_NAME, this.#owner],
        LWT_OPTIONS,
      );
      if (result.rows[0]?.['[applied]'] === true) {
        this.#renewedAt = Date.now();
      } else {
        this.#lost = `lost: it expired and ${String(result.rows[0]?.owner ?? 'nobody')} holds it now; stopped before the next statement.`;
        if (this.#timer !== undefined) clearInterval(this.#timer);
      }
    } catch (error) {
      // One failed renewal is not yet a lost lease: the TTL leaves two more tries.
      void error;
    }
  }
}
