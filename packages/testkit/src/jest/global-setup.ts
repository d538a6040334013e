// Jest global setup for integration tests: bring cluster1 and cluster2 up, or reuse running ones.
import { ensureTestClusters } from '../ensure-clusters';

export default async function globalSetup(): Promise<void> {
  const handle = await ensureTestClusters();
  (globalThis as { __cassiaClusters?: typeof handle }).__cassiaClusters = handle;
}
