// What the examples share: contact points of the two local clusters, raw driver clients that
// check where rows really landed (independently of Cassia), and step/check printing.
import { Client } from 'cassandra-driver';
import { onEvent } from '@cassia/core';
import { ensureTestClusters, testClusters, type ClustersHandle } from '@cassia/testkit';

export type ClusterName = 'cluster1' | 'cluster2';

export class Walkthrough {
  readonly hosts = testClusters();
  readonly failures: string[] = [];
  #raw = new Map<ClusterName, Client>();
  #clusters: ClustersHandle | undefined;
  #stopListening: (() => void) | undefined;

  /** Brings the local clusters up when none run, and prints every statement Cassia sends. */
  async start(): Promise<void> {
    this.#clusters = await ensureTestClusters();
    this.#stopListening = onEvent((event) => {
      if (event.type === 'query') {
        const where = `${event.connection}${event.keyspace ? `/${event.keyspace}` : ''}`;
        const status = event.errorCode ? ` ✗ ${event.errorCode}` : '';
        console.log(`    ↳ [${where}] ${event.cql.replace(/\s+/g, ' ')}${status}`);
      } else if (event.type === 'default-changed') {
        console.log(`    ↳ default connection: ${event.previous ?? '(none)'} → ${event.connection ?? '(none)'}`);
      }
    });
  }

  /** Prints a step heading. */
  step(title: string): void {
    console.log(`\n▶ ${title}`);
  }

  /** Prints a result line. */
  show(label: string, value: unknown): void {
    console.log(`    = ${label}: ${typeof value === 'string' ? value : JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
  }

  /** Records whether what came back is what the seed promises. */
  check(ok: boolean, promise: string): void {
    console.log(`    ${ok ? '✓' : '✗'} ${promise}`);
    if (!ok) this.failures.push(promise);
  }

  /** A driver client of our own on one cluster, for checking where data landed. */
  raw(cluster: ClusterName): Client {
    let client = this.#raw.get(cluster);
    if (!client) {
      client = new Client({ contactPoints: [this.hosts[cluster]], localDataCenter: 'datacenter1' });
      this.#raw.set(cluster, client);
    }
    return client;
  }

  /** Models of the automobile rows stored in keyspace `keyspace` on `cluster`, read without Cassia. */
  async modelsOn(cluster: ClusterName, keyspace: string, manufacturer: string): Promise<string[]> {
    const result = await this.raw(cluster).execute(`SELECT model FROM "${keyspace}"."automobile" WHERE manufacturer = ?`, [manufacturer], { prepare: true });
    return result.rows.map((row) => row.get('model') as string).sort();
  }

  /** The cluster name the server behind a statement reports. */
  async clusterNameVia(run: () => Promise<{ first(): { get(name: string): unknown } | null }>): Promise<unknown> {
    return (await run()).first()?.get('cluster_name');
  }

  /** Closes our clients and stops the clusters if `start` started them. */
  async finish(): Promise<void> {
    this.#stopListening?.();
    await Promise.all([...this.#raw.values()].map((client) => client.shutdown()));
    await this.#clusters?.release();
  }
}
