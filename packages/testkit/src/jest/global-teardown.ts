// Jest global teardown: stop only what the setup started; CASSIA_KEEP_CLUSTERS=1 keeps it running.
import type { ClustersHandle } from '../ensure-clusters';

export default async function globalTeardown(): Promise<void> {
  const handle = (globalThis as { __cassiaClusters?: ClustersHandle }).__cassiaClusters;
  if (!handle || process.env.CASSIA_KEEP_CLUSTERS === '1') return;
  await handle.release();
}
