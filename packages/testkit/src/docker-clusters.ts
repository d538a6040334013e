// Where a Docker engine runs and no JDK is installed, testcontainers provides the two clusters.
import { spawnSync } from 'node:child_process';
import type { ProgressSink } from './progress';

export interface DockerClusters {
  contactPoints: { cluster1: string; cluster2: string };
  stop(): Promise<void>;
}

/** True when `docker info` reaches an engine (the client alone is not enough). */
export function dockerEngineAvailable(): boolean {
  const info = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 10_000 });
  return !info.error && info.status === 0 && info.stdout.trim().length > 0;
}

/** Starts cluster1 and cluster2 as containers; their mapped ports become the contact points. */
export async function startDockerClusters(progress: ProgressSink): Promise<DockerClusters> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const image = process.env.CASSIA_CASSANDRA_IMAGE ?? 'cassandra:5.0';
  const start = (clusterName: string) => {
    progress(`starting ${clusterName} in a ${image} container`);
    return new GenericContainer(image)
      .withEnvironment({ CASSANDRA_CLUSTER_NAME: clusterName, MAX_HEAP_SIZE: '768M', HEAP_NEWSIZE: '128M' })
      .withExposedPorts(9042)
      .withWaitStrategy(Wait.forLogMessage(/Starting listening for CQL clients/))
      .withStartupTimeout(240_000)
      .start();
  };
  const [one, two] = await Promise.all([start('cluster1'), start('cluster2')]);
  return {
    contactPoints: {
      cluster1: `${one.getHost()}:${one.getMappedPort(9042)}`,
      cluster2: `${two.getHost()}:${two.getMappedPort(9042)}`,
    },
    stop: async () => {
      await Promise.all([one.stop(), two.stop()]);
    },
  };
}
