// Where the fleet scenario runs: testkit's dedicated `fleet` node (started when it is not running,
// stopped afterwards when this run started it), or the node CASSIA_FLEET_CONTACT names. Never
// cluster1 or cluster2 unless CASSIA_FLEET_CONTACT says so: their 768 MiB heaps do not hold the
// fleet's schema, and other tests share them.
import { clusterSpec, startClusters, stopClusters } from '@cassia/testkit';
import type { Progress } from './progress';

/** The testkit cluster the fleet scenario runs on by default. */
export const FLEET_CLUSTER = 'fleet';

/** Where a fleet run goes, before anything is started. */
export type FleetTarget =
  | { readonly kind: 'environment'; readonly contactPoint: string }
  | { readonly kind: 'testkit'; readonly cluster: string; readonly contactPoint: string };

// host or host:port, as the driver takes a contact point.
const CONTACT_POINT = /^[A-Za-z0-9.\-_:[\]]+$/;

/** The fleet run's node: CASSIA_FLEET_CONTACT (host:port) if set, else testkit's `fleet` node. */
export function fleetTarget(env: NodeJS.ProcessEnv): FleetTarget {
  const given = env.CASSIA_FLEET_CONTACT;
  if (given !== undefined && given !== '') {
    if (!CONTACT_POINT.test(given)) throw new Error(`CASSIA_FLEET_CONTACT must be host or host:port, got ${JSON.stringify(given)}`);
    return { kind: 'environment', contactPoint: given };
  }
  const spec = clusterSpec(FLEET_CLUSTER);
  return { kind: 'testkit', cluster: spec.name, contactPoint: `${spec.nodes[0].address}:${spec.nativePort}` };
}

/** A fleet node ready for a run; `release` stops it when this run started it and was not asked to keep it. */
export interface FleetNode {
  readonly contactPoint: string;
  release(): Promise<void>;
}

/** Makes `target` reachable: a testkit node is started under testkit's lock (with its progress lines) when not running. */
export async function openFleetNode(target: FleetTarget, options: { keep: boolean }, progress: Progress): Promise<FleetNode> {
  if (target.kind === 'environment') {
    progress(`fleet: using the node at ${target.contactPoint} (CASSIA_FLEET_CONTACT); it is not started or stopped here`);
    return { contactPoint: target.contactPoint, release: async () => undefined };
  }
  const testkitProgress = (line: string) => progress(`fleet cluster: ${line}`);
  const { started } = await startClusters([target.cluster], testkitProgress);
  const stopAfter = started.length > 0 && !options.keep;
  progress(
    started.length === 0
      ? `fleet: the ${target.cluster} node at ${target.contactPoint} was running; it stays up`
      : `fleet: started the ${target.cluster} node at ${target.contactPoint}; ${stopAfter ? 'it stops after the run (--fleet-keep keeps it)' : 'it stays up (--fleet-keep)'}`,
  );
  return {
    contactPoint: target.contactPoint,
    release: async () => {
      if (stopAfter) await stopClusters([target.cluster], testkitProgress);
    },
  };
}
