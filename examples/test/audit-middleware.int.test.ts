// Runs examples/audit-middleware.ts on the real clusters, so it cannot rot: each promise it prints
// is checked inside the example itself.
import { auditMiddleware, dropAuditKeyspace } from '../audit-middleware';
import { runExamples } from '../support/run-example';

it('writes an audit row per write, in the same batch when the write is in one', async () => {
  const output: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void output.push(args.join(' ')));
  try {
    const code = await runExamples([auditMiddleware], dropAuditKeyspace);
    expect(output.filter((line) => line.includes('✗'))).toEqual([]);
    expect(output.filter((line) => /^ {4}✓ /.test(line))).toHaveLength(3);
    expect(code).toBe(0);
  } finally {
    log.mockRestore();
  }
}, 300_000);
