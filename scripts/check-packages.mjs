// `npm run check:packages`: lints every package under packages/ as npm would publish it (publint,
// suggestions included) and checks the fields publint leaves optional; needs `npm run build` first.
// `--root DIR` checks another repository laid out the same way (for its tests).
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const { values } = parseArgs({ options: { root: { type: 'string', default: join(import.meta.dirname, '..') } } });
const root = resolve(values.root);
const packagesDir = join(root, 'packages');
const rootManifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

/** Problems publint does not report: every package says whether it has side effects and runs on the tested Node versions. */
function ownProblems(pkg) {
  const problems = [];
  if (!('sideEffects' in pkg)) problems.push('pkg.sideEffects is missing: say `false`, or list the files that have side effects when imported');
  if (pkg.engines?.node !== rootManifest.engines.node) {
    problems.push(`pkg.engines.node is ${JSON.stringify(pkg.engines?.node)}, but the Node versions tested (root package.json) are "${rootManifest.engines.node}"`);
  }
  return problems;
}

async function lint(dir) {
  const pkgDir = join(packagesDir, dir);
  const { messages, pkg } = await publint({ pkgDir, pack: 'npm', level: 'suggestion', strict: true });
  const problems = [...messages.map((message) => `${message.type}: ${formatMessage(message, pkg, { color: false })}`), ...ownProblems(pkg)];
  return { name: pkg.name ?? dir, problems };
}

const dirs = (await readdir(packagesDir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
const results = await Promise.all(dirs.map(lint));
let failed = 0;
for (const { name, problems } of results) {
  if (problems.length === 0) {
    console.log(`✓ ${name}`);
    continue;
  }
  failed += 1;
  console.log(`✗ ${name}`);
  for (const problem of problems) console.log(`    ${problem}`);
}
if (failed > 0) {
  console.error(`\n${failed} package(s) would not publish cleanly: fix their package.json`);
  process.exitCode = 1;
}
