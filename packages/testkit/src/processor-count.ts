// How many processors a test node's JVM is told it has, and the write concurrency that follows.
// Cassandra 5.0's SAI vector index (jvector 1.0.2) adds each vector to its in-memory graph with
// objects from pools (PoolingSupport.newThreadBased) capped at Runtime.availableProcessors() + 1;
// one more at a time fails the write with "Number of outstanding pooled objects has gone beyond
// the limit of N". Mutations (client writes, hints, commit log replay) run on the mutation stage,
// concurrent_writes (default 32) at a time, so a node keeps concurrent_writes within that cap and
// pins the JVM's processor count to the one the cap is made from (a container's CPU quota could
// otherwise make the JVM see fewer processors than Node does).
import { availableParallelism } from 'node:os';

/** Cassandra's default concurrent_writes, the most a node is given. */
const DEFAULT_CONCURRENT_WRITES = 32;

/** The processor count a node's JVM runs with (`-XX:ActiveProcessorCount`). */
export function nodeProcessorCount(): number {
  return Math.max(1, availableParallelism());
}

/** concurrent_writes of a node: at most jvector's pool cap, processors + 1, so vector writes never exceed it. */
export function nodeConcurrentWrites(processors: number = nodeProcessorCount()): number {
  return Math.min(DEFAULT_CONCURRENT_WRITES, processors + 1);
}
