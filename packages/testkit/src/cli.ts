#!/usr/bin/env node
// `cassia-testkit up|down|status [cluster...]`, behind the root scripts cassandra:up/down/status.
import { clusterStatus, startClusters, stopClusters } from './local-clusters';
import { CLUSTERS, DEFAULT_CLUSTERS } from './topology';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const clusters = rest.length > 0 ? rest : DEFAULT_CLUSTERS;
  switch (command) {
    case 'up': {
      const { started, reused } = await startClusters(clusters);
      console.log(started.length === 0 ? `all up already (${reused.length} node(s) reused)` : `started ${started.length} node(s), reused ${reused.length}`);
      return 0;
    }
    case 'down': {
      const stopped = await stopClusters(clusters);
      console.log(stopped.length === 0 ? 'nothing to stop' : `stopped ${stopped.length} node(s)`);
      return 0;
    }
    case 'status': {
      for (const s of await clusterStatus(clusters)) {
        const detail = s.state === 'running' ? `pid ${s.pid}` : s.state === 'port-taken' ? `answered by cluster '${s.answeredBy}'` : '';
        console.log(`${s.cluster.padEnd(9)} ${s.node.padEnd(6)} ${s.address.padEnd(10)} ${s.state} ${detail}`.trimEnd());
      }
      return 0;
    }
    default:
      console.error(`usage: cassia-testkit up|down|status [${Object.keys(CLUSTERS).join(' ')}]  (default: ${DEFAULT_CLUSTERS.join(' ')})`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`cassia-testkit: ${error.message}`);
    process.exit(1);
  },
);
