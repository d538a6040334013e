// Starts, finds and stops the local clusters as a whole, reusing nodes that already run.
import { spawnSync } from 'node:child_process';
import { cassandraVersion, resolveClasspath } from './classpath';
import { LocalNode } from './local-node';
import { withClustersLock } from './process-lock';
import { type ProgressSink, stderrProgress } from './progress';
import { TestkitError } from './testkit-error';
import { clusterSpec } from './topology';

export type NodeState = 'running' | 'running-external' | 'stopped' | 'port-taken';

export interface NodeStatus {
  cluster: string;
  node: string;
  address: string;
  state: NodeState;
  pid?: number;
  /** For `port-taken`: the cluster name that answered instead, if any. */
  answeredBy?: string;
}

function nodesOf(clusters: string[]): LocalNode[] {
  return clusters.flatMap((name) => {
    const spec = clusterSpec(name);
    return spec.nodes.map((node) => new LocalNode(spec, node));
  });
}

async function statusOf(node: LocalNode): Promise<NodeStatus> {
  const base = { cluster: node.cluster.name, node: node.spec.name, address: node.spec.address };
  const pid = node.runningPid();
  const answering = await node.answeringCluster();
  if (pid !== undefined) return { ...base, state: 'running', pid };
  if (answering === node.cluster.name) return { ...base, state: 'running-external' };
  if (answering !== undefined) return { ...base, state: 'port-taken', answeredBy: answering };
  return { ...base, state: 'stopped' };
}

/** What runs for each node of the given clusters. */
export function clusterStatus(clusters: string[]): Promise<NodeStatus[]> {
  return Promise.all(nodesOf(clusters).map(statusOf));
}

function assertJava(): void {
  const java = spawnSync(process.env.CASSIA_JAVA ?? 'java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) {
    throw new TestkitError('ERR_TESTKIT_NO_JAVA', 'No `java` found: install a JDK 17 (apt-get install openjdk-17-jdk-headless), or set CASSIA_CLUSTER1/CASSIA_CLUSTER2 to running clusters.');
  }
}

export interface StartResult {
  /** Labels of the nodes this call started (the ones a matching `stop` should stop). */
  started: string[];
  reused: string[];
}

/**
 * Brings the clusters up: nodes already answering with the right cluster name are reused,
 * the rest are started (a multi-node cluster one node after another, seed first).
 */
export async function startClusters(clusters: string[], progress: ProgressSink = stderrProgress): Promise<StartResult> {
  return withClustersLock(progress, async () => {
    const result: StartResult = { started: [], reused: [] };
    const nodes = nodesOf(clusters);
    const statuses = await Promise.all(nodes.map(statusOf));
    const toStart: LocalNode[] = [];
    nodes.forEach((node, i) => {
      const status = statuses[i];
      if (status.state === 'port-taken') {
        throw new TestkitError('ERR_TESTKIT_PORT_TAKEN', `${node.label} is taken by another Cassandra (cluster '${status.answeredBy}'); stop it or point CASSIA_CLUSTER1/CASSIA_CLUSTER2 elsewhere.`);
      }
      if (status.state === 'stopped') toStart.push(node);
      else result.reused.push(node.label);
    });
    for (const label of result.reused) progress(`reusing ${label}: already running`);
    if (toStart.length === 0) return result;

    assertJava();
    const lib = await resolveClasspath(cassandraVersion(), progress);
    const started = Date.now();
    // Independent clusters start side by side; nodes of one cluster join one after another.
    const byCluster = new Map<string, LocalNode[]>();
    for (const node of toStart) byCluster.set(node.cluster.name, [...(byCluster.get(node.cluster.name) ?? []), node]);
    await Promise.all(
      [...byCluster.values()].map(async (clusterNodes) => {
        for (const node of clusterNodes) {
          const pid = node.launch(lib, { keepData: node.cluster.keepData === true });
          result.started.push(node.label);
          progress(`starting ${node.label}, pid ${pid}, log ${node.layout.log}`);
          const nodeStarted = Date.now();
          await node.waitReady(progress);
          progress(`${node.label} answers CQL after ${((Date.now() - nodeStarted) / 1000).toFixed(1)}s`);
        }
      }),
    );
    progress(`clusters ${clusters.join(', ')} up in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    return result;
  });
}

/**
 * Stops the nodes testkit started for these clusters; nodes it did not start are left alone. Their
 * data goes unless `keepData` (default: the cluster's own `keepData`).
 */
export async function stopClusters(clusters: string[], progress: ProgressSink = stderrProgress, options: { keepData?: boolean } = {}): Promise<string[]> {
  return withClustersLock(progress, async () => {
    const stopped: string[] = [];
    await Promise.all(
      nodesOf(clusters).map(async (node) => {
        if (await node.stop({ keepData: options.keepData ?? node.cluster.keepData === true })) {
          stopped.push(node.label);
          progress(`stopped ${node.label}`);
        }
      }),
    );
    return stopped;
  });
}

/** Stops (keeping data) or restarts one node of a running cluster, for fault tests. */
export function localNode(cluster: string, nodeName: string): LocalNode {
  const spec = clusterSpec(cluster);
  const node = spec.nodes.find((n) => n.name === nodeName);
  if (!node) throw new Error(`Cluster '${cluster}' has no node '${nodeName}'`);
  return new LocalNode(spec, node);
}
