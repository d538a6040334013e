// scripts/check-guide-snippets.mjs (part of `npm test`): a guide whose ```ts blocks compile passes,
// and one with a type error fails, naming the guide's own line.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const script = join(__dirname, '..', 'check-guide-snippets.mjs');
const fixtures = join(__dirname, 'fixtures', 'guide');

function check(guide: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [script, '--guide', join(fixtures, guide)], { encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('check-guide-snippets', () => {
  it('passes a guide whose blocks compile, one module per block, a named block importable by the next', () => {
    const { status, output } = check('good.md');
    expect(output).toContain('2 TypeScript snippets compile');
    expect(status).toBe(0);
  });

  it('fails on a type error and reports it at its line in the guide', () => {
    const { status, output } = check('bad.md');
    expect(status).toBe(1);
    expect(output).toMatch(/bad\.md:10:7: error TS2322/);
    expect(output).toContain('its TypeScript snippets do not compile');
  });
});
