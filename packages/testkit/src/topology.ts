// The local clusters testkit knows how to run: who binds where, and under which cluster name.

export interface NodeSpec {
  /** Node folder name inside its cluster, e.g. `node1`. */
  name: string;
  /** Loopback address the node binds to (all of 127.0.0.0/8 answers on Linux). */
  address: string;
  /** Local JMX port; must differ per node on one machine. */
  jmxPort: number;
  /** Datacenter (rack `rack1`) named in the node's cassandra-rackdc.properties; set on every node or none (then `datacenter1`, SimpleSnitch). */
  dataCenter?: string;
}

export interface ClusterSpec {
  name: string;
  nodes: NodeSpec[];
  /** Native protocol port every node of the cluster listens on. */
  nativePort: number;
  /** Turns on PasswordAuthenticator (user `cassandra` / `cassandra`). */
  authentication?: boolean;
  /** Requires client-to-node TLS with testkit's generated certificates (`tlsMaterial()`). */
  tls?: boolean;
  /** JVM heap of each node (`-Xms`/`-Xmx`, e.g. `'4G'`); default `'768M'`. `CASSIA_NODE_HEAP` overrides it for every cluster. */
  heap?: string;
  /** The node's `prepared_statements_cache_size` (e.g. `'64MiB'`); default Cassandra's (the larger of 10 MiB and 1/256 of the heap). */
  preparedStatementsCacheSize?: string;
  /**
   * The node's `memtable_allocation_type`; default Cassandra's `heap_buffers`, which gives every
   * memtable written since its last flush a 1 MiB slab on the heap (thousands of written tables:
   * GiBs). `unslabbed_heap_buffers` allocates each value alone.
   */
  memtableAllocationType?: 'heap_buffers' | 'unslabbed_heap_buffers' | 'offheap_buffers' | 'offheap_objects';
  /** Keeps each node's data when it stops and starts again (the others start empty every time). */
  keepData?: boolean;
}

function node(index: number): NodeSpec {
  return { name: `node${index}`, address: `127.0.0.${index}`, jmxPort: 7199 + index };
}

/**
 * Two independent single-node clusters for routing tests, a three-node one and `faulty` for fault
 * tests, `secure` (passwords), `tls` (client-to-node encryption), `multidc` (two datacenters) and
 * `fleet` (one node with a 4 GiB heap, for the tenant-fleet bench).
 */
export const CLUSTERS: Record<string, ClusterSpec> = {
  cluster1: { name: 'cluster1', nodes: [node(1)], nativePort: 9042 },
  cluster2: { name: 'cluster2', nodes: [node(2)], nativePort: 9042 },
  cluster3: { name: 'cluster3', nodes: [node(3), node(4), node(5)], nativePort: 9042 },
  secure: { name: 'secure', nodes: [node(6)], nativePort: 9042, authentication: true },
  // A single node the reliability suite stops and restarts; cluster1/cluster2 are never touched.
  faulty: { name: 'faulty', nodes: [node(7)], nativePort: 9042 },
  // One node that accepts only TLS clients (certificates from tlsMaterial(), under <cassia home>/tls).
  tls: { name: 'tls', nodes: [node(8)], nativePort: 9042, tls: true },
  // One cluster, two datacenters of one node each (GossipingPropertyFileSnitch).
  multidc: { name: 'multidc', nodes: [{ ...node(9), dataCenter: 'dc1' }, { ...node(10), dataCenter: 'dc2' }], nativePort: 9042 },
  // The tenant-fleet bench's node: a 5.0 node holds ~0.19 MiB of heap per keyspace and ~0.38 MiB
  // per table, so 1,000 keyspaces and 2,900 tables need GiBs, and with slabs (1 MiB per written
  // table) they ran 4 GiB out of memory; a server cache for every statement of the fleet; its
  // schema kept across restarts, since creating it takes many minutes.
  fleet: {
    name: 'fleet',
    nodes: [node(11)],
    nativePort: 9042,
    heap: '4G',
    preparedStatementsCacheSize: '64MiB',
    memtableAllocationType: 'unslabbed_heap_buffers',
    keepData: true,
  },
};

/** The datacenter a node reports: its own, or Cassandra's default under SimpleSnitch. */
export function dataCenterOf(node: NodeSpec): string {
  return node.dataCenter ?? 'datacenter1';
}

/** The clusters `cassandra:up` and the integration tests start by default. */
export const DEFAULT_CLUSTERS = ['cluster1', 'cluster2'];

export function clusterSpec(name: string): ClusterSpec {
  const spec = CLUSTERS[name];
  if (!spec) throw new Error(`Unknown local cluster '${name}'; known: ${Object.keys(CLUSTERS).join(', ')}`);
  return spec;
}
