// How an existing keyspace differs from what a create call asks for (replication, durable_writes),
// and replication factors above the number of nodes of a data center: warnings, never changes.
import type { WantedKeyspace } from './keyspace-cql';
import type { KeyspaceSettings } from './schema-description';

/** One warning per setting of the existing keyspace that differs from the call's; empty when they match. */
export function keyspaceDifferences(name: string, wanted: WantedKeyspace, actual: KeyspaceSettings): string[] {
  const warnings: string[] = [];
  if (!sameReplication(wanted.replication, actual.replication)) {
    warnings.push(
      `keyspace "${name}" exists with replication ${printReplication(actual.replication)}, not ${printReplication(wanted.replication)} ` +
        `as asked; left as it is (ALTER KEYSPACE, then a full repair, changes it)`,
    );
  }
  const durable = wanted.durableWrites ?? true;
  if (durable !== actual.durableWrites) {
    const asked = wanted.durableWrites === undefined ? `${durable} (the default)` : String(durable);
    warnings.push(`keyspace "${name}" exists with durable_writes = ${actual.durableWrites}, not ${asked} as asked; left as it is`);
  }
  return warnings;
}

/** One warning per replication factor above the nodes the cluster has (SimpleStrategy: all nodes; else per data center). */
export function factorsAboveNodes(name: string, wanted: WantedKeyspace, nodes: ReadonlyMap<string, number>): string[] {
  const warnings: string[] = [];
  const simple = shortClass(String(wanted.replication.class)) === 'SimpleStrategy';
  for (const [key, value] of Object.entries(wanted.replication)) {
    if (key === 'class') continue;
    const factor = Number.parseInt(String(value), 10);
    const available = simple ? [...nodes.values()].reduce((sum, count) => sum + count, 0) : nodes.get(key) ?? 0;
    if (factor > available) {
      const where = simple ? 'the cluster' : `data center '${key}'`;
      warnings.push(
        `replication factor ${factor} of keyspace "${name}" is above the ${available} node(s) of ${where}: reads and writes ` +
          `at consistency levels that need more replicas than there are nodes (QUORUM and ALL among them) will fail`,
      );
    }
  }
  return warnings;
}

function sameReplication(wanted: Readonly<Record<string, string | number>>, actual: Readonly<Record<string, string>>): boolean {
  if (shortClass(String(wanted.class)) !== shortClass(String(actual.class))) return false;
  const keys = new Set([...Object.keys(wanted), ...Object.keys(actual)]);
  keys.delete('class');
  // A data center left out has no replicas, as one given a factor of 0.
  return [...keys].every((key) => String(wanted[key] ?? '0') === String(actual[key] ?? '0'));
}

function printReplication(replication: Readonly<Record<string, string | number>>): string {
  const entries = Object.entries(replication).map(([key, value]) => `${key}: ${key === 'class' ? shortClass(String(value)) : String(value)}`);
  return `{${entries.join(', ')}}`;
}

function shortClass(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}
