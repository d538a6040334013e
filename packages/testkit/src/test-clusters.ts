// Where tests, the demo and benchmarks find the two routing clusters.

export interface TestClusters {
  cluster1: string;
  cluster2: string;
}

/** Contact points of cluster1 and cluster2: `CASSIA_CLUSTER1` / `CASSIA_CLUSTER2`, else the local nodes. */
export function testClusters(): TestClusters {
  return {
    cluster1: process.env.CASSIA_CLUSTER1 ?? '127.0.0.1:9042',
    cluster2: process.env.CASSIA_CLUSTER2 ?? '127.0.0.2:9042',
  };
}

/** True when the environment points at clusters someone else runs. */
export function externalClustersConfigured(): boolean {
  return Boolean(process.env.CASSIA_CLUSTER1 && process.env.CASSIA_CLUSTER2);
}
