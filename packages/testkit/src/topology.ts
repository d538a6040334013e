// The local clusters testkit knows how to run: who binds where, and under which cluster name.

export interface NodeSpec {
  /** Node folder name inside its cluster, e.g. `node1`. */
  name: string;
  /** Loopback address the node binds to (all of 127.0.0.0/8 answers on Linux). */
  address: string;
  /** Local JMX port; must differ per node on one machine. */
  jmxPort: number;
}

export interface ClusterSpec {
  name: string;
  nodes: NodeSpec[];
  /** Native protocol port every node of the cluster listens on. */
  nativePort: number;
  /** Turns on PasswordAuthenticator (user `cassandra` / `cassandra`). */
  authentication?: boolean;
}

function node(index: number): NodeSpec {
  return { name: `node${index}`, address: `127.0.0.${index}`, jmxPort: 7199 + index };
}

/** Two independent single-node clusters for routing tests, a three-node one and `faulty` for fault tests. */
export const CLUSTERS: Record<string, ClusterSpec> = {
  cluster1: { name: 'cluster1', nodes: [node(1)], nativePort: 9042 },
  cluster2: { name: 'cluster2', nodes: [node(2)], nativePort: 9042 },
  cluster3: { name: 'cluster3', nodes: [node(3), node(4), node(5)], nativePort: 9042 },
  secure: { name: 'secure', nodes: [node(6)], nativePort: 9042, authentication: true },
  // A single node the reliability suite stops and restarts; cluster1/cluster2 are never touched.
  faulty: { name: 'faulty', nodes: [node(7)], nativePort: 9042 },
};

/** The clusters `cassandra:up` and the integration tests start by default. */
export const DEFAULT_CLUSTERS = ['cluster1', 'cluster2'];

export function clusterSpec(name: string): ClusterSpec {
  const spec = CLUSTERS[name];
  if (!spec) throw new Error(`Unknown local cluster '${name}'; known: ${Object.keys(CLUSTERS).join(', ')}`);
  return spec;
}
