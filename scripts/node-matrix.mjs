// `npm run test:node-matrix`: the unit suite and the seed demo on each other Node version users run,
// with Node binaries from the npm registry's node-<platform>-<arch> package, kept under
// ~/.cache/cassia/node/<version>. Needs `npm run build` (the demo runs on the built packages) and
// brings the clusters up when none run, stopping only what it started.
// Options: `--versions 22.23.5,24.22.3` (default: NODE_VERSIONS), `--summary FILE` (JSON of every run).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

/** The Node releases tested besides the machine's own: the newest of each LTS line when last updated. */
const NODE_VERSIONS = ['22.23.5', '24.22.3'];

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { versions: { type: 'string' }, summary: { type: 'string' } } });
const versions = values.versions ? values.versions.split(',').map((v) => v.trim()) : NODE_VERSIONS;
const inexact = versions.find((version) => !/^\d+\.\d+\.\d+$/.test(version));
if (inexact !== undefined) {
  console.error(`--versions takes exact releases such as 22.23.5, not '${inexact}'`);
  process.exit(2);
}

/** Installs (once) the Node binary of `version` from the registry; resolves to its bin directory. */
function installNode(version) {
  const binDir = join(homedir(), '.cache', 'cassia', 'node', version, 'bin');
  const node = join(binDir, 'node');
  if (existsSync(node) && spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim() === `v${version}`) return binDir;
  const platform = { linux: 'linux', darwin: 'darwin' }[process.platform];
  if (!platform) throw new Error(`the registry's Node packages exist for Linux and macOS, not ${process.platform}`);
  const spec = `node-${platform}-${process.arch}@${version}`;
  const scratch = mkdtempSync(join(tmpdir(), 'cassia-node-'));
  try {
    console.log(`== installing ${spec} into ${dirname(binDir)}`);
    // npm pack checks the tarball against the registry's integrity hash; nothing of it is run.
    const pack = spawnSync('npm', ['pack', spec, '--pack-destination', scratch, '--loglevel=error'], { encoding: 'utf8' });
    if (pack.status !== 0) throw new Error(`npm pack ${spec} failed: ${pack.stderr.trim()}`);
    const tarball = join(scratch, pack.stdout.trim().split('\n').pop());
    const untar = spawnSync('tar', ['-xzf', tarball, '-C', scratch, 'package/bin/node'], { encoding: 'utf8' });
    if (untar.status !== 0) throw new Error(`unpacking ${tarball} failed: ${untar.stderr.trim()}`);
    mkdirSync(binDir, { recursive: true });
    renameSync(join(scratch, 'package', 'bin', 'node'), node);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return binDir;
}

/** Runs `args` with the Node of `binDir` first on PATH, so that every child process (jest's workers, tsx) uses it too. */
function runWith(binDir, args) {
  const env = { ...process.env, PATH: `${binDir}${delimiter}${process.env.PATH}` };
  return spawnSync(join(binDir, 'node'), args, { cwd: root, env, stdio: 'inherit' }).status;
}

function unitSuite(binDir, version) {
  const report = join(mkdtempSync(join(tmpdir(), 'cassia-unit-')), 'jest.json');
  const status = runWith(binDir, [join(root, 'node_modules/jest/bin/jest.js'), '--selectProjects', 'unit', '--json', `--outputFile=${report}`]);
  if (!existsSync(report)) return { node: version, run: 'unit suite', passed: 0, failed: 1 };
  const r = JSON.parse(readFileSync(report, 'utf8'));
  // A suite that failed before running a test (a compile error) counts as one failure, as in .ci/run.
  const brokenSuites = r.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0).length;
  const failed = r.numFailedTests + brokenSuites + (status !== 0 && r.numFailedTests + brokenSuites === 0 ? 1 : 0);
  return { node: version, run: 'unit suite', passed: r.numPassedTests, failed };
}

function demo(binDir, version) {
  const status = runWith(binDir, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'examples/demo.ts')]);
  return { node: version, run: 'seed demo', passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1 };
}

const runs = [];
const binDirs = new Map();
for (const version of versions) {
  try {
    binDirs.set(version, installNode(version));
  } catch (error) {
    console.error(`✗ Node ${version}: ${error.message}`);
    runs.push({ node: version, run: 'install', passed: 0, failed: 1 });
  }
}

const { ensureTestClusters } = createRequire(import.meta.url)(join(root, 'packages/testkit/dist'));
const clusters = await ensureTestClusters();
try {
  for (const [version, binDir] of binDirs) {
    console.log(`\n== Node ${version}: unit suite`);
    runs.push(unitSuite(binDir, version));
    console.log(`\n== Node ${version}: seed demo`);
    runs.push(demo(binDir, version));
  }
} finally {
  await clusters.release();
}

console.log('\n== Node version matrix');
for (const { node, run, passed, failed } of runs) console.log(`${failed === 0 ? '✓' : '✗'} Node ${node.padEnd(8)} ${run.padEnd(11)} passed ${passed}, failed ${failed}`);
if (values.summary) writeFileSync(values.summary, JSON.stringify({ runs }, null, 2));
if (runs.some((r) => r.failed > 0)) process.exitCode = 1;
