// The packaging checks that `npm test` runs (scripts/check-packages.mjs, scripts/check-import-cycles.mjs),
// each run on fixture trees that hold the mistake it exists to catch, and on one that holds none.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const scripts = join(__dirname, '..');
const fixtures = join(__dirname, 'fixtures');

function run(script: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(scripts, script), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('check-import-cycles', () => {
  const check = (tree: string) => run('check-import-cycles.mjs', ['--cwd', join(fixtures, 'cycles', tree)]);

  it('fails on a cycle of value imports across packages, resolved through the @cassia/* paths', () => {
    const { status, output } = check('runtime');
    expect(status).toBe(1);
    expect(output).toContain('✗ import cycle: packages/a/src/index.ts → packages/b/src/index.ts → packages/a/src/index.ts');
  });

  it("fails on a cycle through a package's internal subpath (@cassia/<pkg>/internal → src/internal.ts)", () => {
    const { status, output } = check('internal');
    expect(status).toBe(1);
    expect(output).toContain('✗ import cycle: packages/a/src/index.ts → packages/b/src/internal.ts → packages/a/src/index.ts');
  });

  it('passes cycles that only types close (`import type`, and imports used only as types)', () => {
    const { status, output } = check('type-only');
    expect(output).toContain('✓ no import cycle among 3 modules');
    expect(status).toBe(0);
  });

  it('fails on an import that does not resolve, since a cycle could hide behind it', () => {
    const { status, output } = check('unresolved');
    expect(status).toBe(1);
    expect(output).toContain("✗ packages/a/src/index.ts imports './missing', which does not resolve");
  });
});

describe('check-packages', () => {
  it('names each package that would not publish cleanly and why, and passes the clean one', () => {
    const { status, output } = run('check-packages.mjs', ['--root', join(fixtures, 'manifests')]);
    expect(status).toBe(1);
    expect(output).toContain('✓ @fixture/good');
    expect(output).toContain('✗ @fixture/bad');
    expect(output).toContain('pkg.exports["."].default is ./lib/missing.js but the file does not exist');
    expect(output).toContain('pkg.sideEffects is missing');
    expect(output).toContain('pkg.engines.node is ">=18", but the Node versions tested');
  });
});
