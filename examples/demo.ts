// `npm run demo`: the seed document (cqlengine's Connections page) walked through in order on the
// two local clusters, printing what ran where and checking every result against the seed.
import { registerConnections } from './01-register-connections';
import { changeDefaultConnection } from './02-default-connection';
import { unregisterConnections } from './03-unregister-connection';
import { dropSeedKeyspaces, manageSchema } from './04-management';
import { modelConnection } from './05-model-connection';
import { usingConnections } from './06-using';
import { contextQuery } from './07-context-query';
import { batchQuery } from './08-batch-query';
import { runExamples } from './support/run-example';

export const seedWalkthrough = [
  registerConnections,
  changeDefaultConnection,
  unregisterConnections,
  manageSchema,
  modelConnection,
  usingConnections,
  contextQuery,
  batchQuery,
];

if (require.main === module) {
  runExamples(seedWalkthrough, dropSeedKeyspaces).then((code) => process.exit(code));
}
