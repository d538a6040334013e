// One entry point for tests, the demo and benchmarks: make cluster1 and cluster2 reachable,
// and remember what was started so that only that is stopped afterwards.
import { spawnSync } from 'node:child_process';
import { dockerEngineAvailable, startDockerClusters } from './docker-clusters';
import { startClusters, stopClusters } from './local-clusters';
import { type ProgressSink, stderrProgress } from './progress';
import { externalClustersConfigured } from './test-clusters';
import { DEFAULT_CLUSTERS } from './topology';

export interface ClustersHandle {
  /** How the clusters were provided. */
  source: 'environment' | 'local' | 'docker';
  /** Labels of nodes started by this call. */
  started: string[];
  /** Stops what this call started (nothing when it reused running clusters). */
  release(): Promise<void>;
}

function javaAvailable(): boolean {
  const java = spawnSync(process.env.CASSIA_JAVA ?? 'java', ['-version'], { encoding: 'utf8' });
  return !java.error && java.status === 0;
}

/** Makes cluster1 and cluster2 reachable: from the environment, local JVM nodes, or Docker. */
export async function ensureTestClusters(progress: ProgressSink = stderrProgress, clusters = DEFAULT_CLUSTERS): Promise<ClustersHandle> {
  if (externalClustersConfigured()) {
    progress(`using clusters from the environment: ${process.env.CASSIA_CLUSTER1}, ${process.env.CASSIA_CLUSTER2}`);
    return { source: 'environment', started: [], release: async () => undefined };
  }
  if (!javaAvailable() && dockerEngineAvailable()) {
    const docker = await startDockerClusters(progress);
    process.env.CASSIA_CLUSTER1 = docker.contactPoints.cluster1;
    process.env.CASSIA_CLUSTER2 = docker.contactPoints.cluster2;
    return { source: 'docker', started: ['cluster1', 'cluster2'], release: () => docker.stop() };
  }
  const { started } = await startClusters(clusters, progress);
  const startedClusters = clusters.filter((name) => started.some((label) => label.startsWith(`${name}/`)));
  return {
    source: 'local',
    started,
    release: async () => {
      if (startedClusters.length > 0) await stopClusters(startedClusters, progress);
    },
  };
}
