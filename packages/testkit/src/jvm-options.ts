// The java command line for a node: Cassandra 5.0's jvm-server.options and jvm17-server.options
// (apache/cassandra conf/), minus what only matters for production (AlwaysPreTouch, NUMA).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type NodeLayout, usesDataCenters } from './node-config';
import { nodeProcessorCount } from './processor-count';
import { TestkitError } from './testkit-error';
import type { ClusterSpec, NodeSpec } from './topology';

const JDK17_MODULE_FLAGS = [
  '--add-exports', 'java.base/jdk.internal.misc=ALL-UNNAMED',
  '--add-exports', 'java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED',
  '--add-exports', 'java.rmi/sun.rmi.registry=ALL-UNNAMED',
  '--add-exports', 'java.rmi/sun.rmi.server=ALL-UNNAMED',
  '--add-exports', 'java.sql/java.sql=ALL-UNNAMED',
  '--add-exports', 'java.base/java.lang.ref=ALL-UNNAMED',
  '--add-exports', 'jdk.unsupported/sun.misc=ALL-UNNAMED',
  '--add-exports', 'jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED',
  '--add-exports', 'jdk.attach/sun.tools.attach=ALL-UNNAMED',
  '--add-opens', 'java.base/java.lang.module=ALL-UNNAMED',
  '--add-opens', 'java.base/jdk.internal.loader=ALL-UNNAMED',
  '--add-opens', 'java.base/jdk.internal.ref=ALL-UNNAMED',
  '--add-opens', 'java.base/jdk.internal.reflect=ALL-UNNAMED',
  '--add-opens', 'java.base/jdk.internal.math=ALL-UNNAMED',
  '--add-opens', 'java.base/jdk.internal.module=ALL-UNNAMED',
  '--add-opens', 'java.base/jdk.internal.util.jar=ALL-UNNAMED',
  '--add-opens', 'jdk.management/com.sun.management.internal=ALL-UNNAMED',
  '--add-opens', 'java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens', 'java.base/java.io=ALL-UNNAMED',
  '--add-opens', 'java.base/java.lang.reflect=ALL-UNNAMED',
  '--add-opens', 'jdk.compiler/com.sun.tools.javac=ALL-UNNAMED',
  '--add-opens', 'java.base/java.lang=ALL-UNNAMED',
  '--add-opens', 'java.base/java.util=ALL-UNNAMED',
];

/** Heap of a node when its cluster names none. */
export const DEFAULT_NODE_HEAP = '768M';

// What -Xmx takes: a whole number with an optional k/m/g unit.
const HEAP_SIZE = /^[1-9]\d*[kKmMgG]?$/;

/** Heap of each node of `cluster`: `CASSIA_NODE_HEAP` (every cluster, e.g. `1G`), else the cluster's own, else 768M. */
export function nodeHeap(cluster: ClusterSpec): string {
  const fromEnvironment = process.env.CASSIA_NODE_HEAP;
  const heap = fromEnvironment !== undefined && fromEnvironment !== '' ? fromEnvironment : (cluster.heap ?? DEFAULT_NODE_HEAP);
  if (!HEAP_SIZE.test(heap)) {
    const source = heap === fromEnvironment ? 'CASSIA_NODE_HEAP' : `the heap of cluster '${cluster.name}'`;
    throw new TestkitError('ERR_TESTKIT_BAD_HEAP', `${source} must be a JVM size such as 768M or 4G, got '${heap}'.`);
  }
  return heap;
}

/** Arguments for `java` that run one CassandraDaemon in the foreground of its own process. */
export function javaArgs(lib: string, cluster: ClusterSpec, node: NodeSpec, layout: NodeLayout): string[] {
  const jamm = readdirSync(lib).find((file) => /^jamm-[\d.]+\.jar$/.test(file));
  const singleNode = cluster.nodes.length === 1;
  const heap = nodeHeap(cluster);
  return [
    `-Xms${heap}`, `-Xmx${heap}`, '-Xss256k',
    '-XX:+UseG1GC', '-XX:+ParallelRefProcEnabled', '-XX:MaxTenuringThreshold=1', '-XX:G1HeapRegionSize=16m',
    // The processor count concurrent_writes is made from (processor-count.ts).
    `-XX:ActiveProcessorCount=${nodeProcessorCount()}`,
    '-XX:MaxGCPauseMillis=300', '-XX:+ExitOnOutOfMemoryError', '-XX:+UseThreadPriorities', '-XX:+UseTLAB', '-XX:+ResizeTLAB', '-XX:+PerfDisableSharedMem',
    '-ea', '-da:net.openhft...',
    ...(jamm ? [`-javaagent:${join(lib, jamm)}`] : []),
    '-Djdk.attach.allowAttachSelf=true',
    ...JDK17_MODULE_FLAGS,
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Dio.netty.allocator.useCacheForAllThreads=true',
    '-Dio.netty.allocator.maxOrder=11',
    '-Djava.net.preferIPv4Stack=true',
    // Chronicle (audit/full query log) phones home unless told not to; the network is closed here.
    '-Dchronicle.analytics.disable=true',
    `-Dcassandra.config=file://${layout.yaml}`,
    '-Dcassandra-foreground=yes',
    `-Dcassandra.storagedir=${layout.data}`,
    `-Dcassandra.logdir=${layout.logs}`,
    `-Dlogback.configurationFile=${layout.logback}`,
    ...(usesDataCenters(cluster) ? [`-Dcassandra-rackdc.properties=file://${layout.rackdc}`] : []),
    `-Dcassandra.jmx.local.port=${node.jmxPort}`,
    '-Dcassandra.skip_wait_for_gossip_to_settle=0',
    '-Dcassandra.superuser_setup_delay_ms=0',
    // A lone node has no ring to wait for; multi-node clusters keep a short delay to converge.
    `-Dcassandra.ring_delay_ms=${singleNode ? 100 : 5000}`,
    '-cp', `${join(lib, '*')}`,
    'org.apache.cassandra.service.CassandraDaemon',
  ];
}
