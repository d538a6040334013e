// Runs examples/tenant-fleet.ts on the real clusters, so it cannot rot: each promise it prints is
// checked inside the example itself.
import { runExamples } from '../support/run-example';
import { dropFleetKeyspaces, tenantFleet } from '../tenant-fleet';

it('provisions a tenant fleet, routes each request strictly, refuses a misroute', async () => {
  const output: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void output.push(args.join(' ')));
  try {
    const code = await runExamples([tenantFleet], dropFleetKeyspaces);
    expect(output.filter((line) => line.includes('✗'))).toEqual([]);
    expect(output.filter((line) => /^ {4}✓ /.test(line))).toHaveLength(4);
    expect(code).toBe(0);
  } finally {
    log.mockRestore();
  }
}, 300_000);
