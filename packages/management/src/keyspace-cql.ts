// CQL text for keyspace and table DDL that @cassia/schema does not cover (it describes tables, not
// keyspaces); identifiers through quoteIdentifier, literals through cqlStringLiteral.
import { ConfigurationError } from '@cassia/core';
import { assertIdentifier, describeValue, isIntegerInRange, quoteIdentifier, quoteQualified } from '@cassia/core/internal';
import type { AnyModel } from '@cassia/schema';
import { cqlStringLiteral } from '@cassia/schema/internal';

/** A keyspace as a create call asks for it: the replication map (class and factors) and durable_writes. */
export interface WantedKeyspace {
  readonly replication: Readonly<Record<string, string | number>>;
  /** undefined: Cassandra's default (true). */
  readonly durableWrites: boolean | undefined;
}

/** The checked SimpleStrategy keyspace a createSimpleKeyspace call asks for. */
export function simpleKeyspace(name: string, replicationFactor: number, durableWrites?: boolean): WantedKeyspace {
  assertIdentifier(name, 'keyspace');
  checkFactor(replicationFactor, 'replicationFactor', 1);
  checkDurableWrites(durableWrites);
  return { replication: { class: 'SimpleStrategy', replication_factor: replicationFactor }, durableWrites };
}

/** The checked NetworkTopologyStrategy keyspace (a factor per data center) a createNetworkTopologyKeyspace call asks for. */
export function networkTopologyKeyspace(
  name: string,
  replication: Readonly<Record<string, number>>,
  durableWrites?: boolean,
): WantedKeyspace {
  assertIdentifier(name, 'keyspace');
  if (typeof replication !== 'object' || replication === null || Object.keys(replication).length === 0) {
    throw new ConfigurationError('replication must map at least one data center name to a replication factor.');
  }
  for (const [dc, factor] of Object.entries(replication)) {
    if (dc === '' || dc === 'class') throw new ConfigurationError(`Invalid data center name ${describeValue(dc)}.`);
    checkFactor(factor, `replication factor of data center ${describeValue(dc)}`, 0);
  }
  checkDurableWrites(durableWrites);
  return { replication: { class: 'NetworkTopologyStrategy', ...replication }, durableWrites };
}

/** `DROP KEYSPACE IF EXISTS`. */
export function dropKeyspaceCql(name: string): string {
  assertIdentifier(name, 'keyspace');
  return `DROP KEYSPACE IF EXISTS ${quoteIdentifier(name)}`;
}

/** `DROP TABLE IF EXISTS` for a model's table in a keyspace. */
export function dropTableCql(model: AnyModel, keyspace: string): string {
  assertIdentifier(keyspace, 'keyspace');
  return `DROP TABLE IF EXISTS ${quoteQualified(keyspace, model.table)}`;
}

/** `CREATE KEYSPACE IF NOT EXISTS` for a checked keyspace (from simpleKeyspace / networkTopologyKeyspace). */
export function createKeyspaceCql(name: string, keyspace: WantedKeyspace): string {
  assertIdentifier(name, 'keyspace');
  // Cassandra keeps replication values as text; quoting them all is what it accepts and stores.
  const entries = Object.entries(keyspace.replication).map(([key, value]) => `${cqlStringLiteral(key)}: ${cqlStringLiteral(String(value))}`);
  const durable = keyspace.durableWrites === undefined ? '' : ` AND durable_writes = ${keyspace.durableWrites}`;
  return `CREATE KEYSPACE IF NOT EXISTS ${quoteIdentifier(name)} WITH replication = {${entries.join(', ')}}${durable}`;
}

function checkDurableWrites(durableWrites: unknown): void {
  if (durableWrites !== undefined && typeof durableWrites !== 'boolean') {
    throw new ConfigurationError('durableWrites must be a boolean.');
  }
}

// No cluster keeps more copies of a row per data center than this; a larger factor is a typo or
// hostile input (Cassandra would accept it and then fail every write at most consistency levels).
const MAX_REPLICATION_FACTOR = 100;

function checkFactor(value: number, what: string, minimum: number): void {
  if (!isIntegerInRange(value, minimum, MAX_REPLICATION_FACTOR)) {
    throw new ConfigurationError(`Invalid ${what} ${describeValue(value)}: use an integer from ${minimum} to ${MAX_REPLICATION_FACTOR}.`);
  }
}
