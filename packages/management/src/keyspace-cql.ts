// CQL text for keyspace and table DDL that @cassia/schema does not cover (it describes tables, not
// keyspaces); identifiers through quoteIdentifier, literals through cqlStringLiteral.
import { assertIdentifier, ConfigurationError, quoteIdentifier, quoteQualified } from '@cassia/core';
import { cqlStringLiteral, type AnyModel } from '@cassia/schema';

/** `CREATE KEYSPACE IF NOT EXISTS` with SimpleStrategy. */
export function createSimpleKeyspaceCql(name: string, replicationFactor: number, durableWrites?: boolean): string {
  assertIdentifier(name, 'keyspace');
  checkFactor(replicationFactor, 'replicationFactor', 1);
  return createKeyspaceCql(name, { class: 'SimpleStrategy', replication_factor: replicationFactor }, durableWrites);
}

/** `CREATE KEYSPACE IF NOT EXISTS` with NetworkTopologyStrategy and a factor per data center. */
export function createNetworkTopologyKeyspaceCql(
  name: string,
  replication: Readonly<Record<string, number>>,
  durableWrites?: boolean,
): string {
  assertIdentifier(name, 'keyspace');
  if (typeof replication !== 'object' || replication === null || Object.keys(replication).length === 0) {
    throw new ConfigurationError('replication must map at least one data center name to a replication factor.');
  }
  for (const [dc, factor] of Object.entries(replication)) {
    if (dc === '' || dc === 'class') throw new ConfigurationError(`Invalid data center name ${JSON.stringify(dc)}.`);
    checkFactor(factor, `replication factor of data center '${dc}'`, 0);
  }
  return createKeyspaceCql(name, { class: 'NetworkTopologyStrategy', ...replication }, durableWrites);
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

function createKeyspaceCql(name: string, replication: Record<string, string | number>, durableWrites?: boolean): string {
  if (durableWrites !== undefined && typeof durableWrites !== 'boolean') {
    throw new ConfigurationError('durableWrites must be a boolean.');
  }
  // Cassandra keeps replication values as text; quoting them all is what it accepts and stores.
  const entries = Object.entries(replication).map(([key, value]) => `${cqlStringLiteral(key)}: ${cqlStringLiteral(String(value))}`);
  const durable = durableWrites === undefined ? '' : ` AND durable_writes = ${durableWrites}`;
  return `CREATE KEYSPACE IF NOT EXISTS ${quoteIdentifier(name)} WITH replication = {${entries.join(', ')}}${durable}`;
}

function checkFactor(value: number, what: string, minimum: number): void {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new ConfigurationError(`Invalid ${what} ${String(value)}: use an integer of at least ${minimum}.`);
  }
}
