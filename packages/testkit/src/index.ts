/**
 * Real local Cassandra clusters for tests, the demo and benchmarks.
 *
 * @packageDocumentation
 * @module @cassia/testkit
 */
export { ensureTestClusters, type ClustersHandle } from './ensure-clusters';
export { clusterStatus, startClusters, stopClusters, localNode, type NodeStatus, type NodeState, type StartResult } from './local-clusters';
export { LocalNode } from './local-node';
export type { NodeLayout } from './node-config';
export { resolveClasspath, cassandraVersion, DEFAULT_CASSANDRA_VERSION } from './classpath';
export { testClusters, externalClustersConfigured, type TestClusters } from './test-clusters';
export { CLUSTERS, DEFAULT_CLUSTERS, clusterSpec, dataCenterOf, type ClusterSpec, type NodeSpec } from './topology';
export { tlsMaterial, tlsDir, TLS_NODE_ADDRESS, type TlsMaterial, type PemPair } from './tls-material';
export { TestkitError } from './testkit-error';
export { stderrProgress, type ProgressSink } from './progress';
export { holdLoadLock } from './process-lock';
