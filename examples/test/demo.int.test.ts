// Runs the seed walkthrough (`npm run demo`), the tenant-routing, vector-search and OpenTelemetry examples on the real clusters,
// so the examples cannot rot: every step's result is checked inside the walkthrough itself.
import { seedWalkthrough } from '../demo';
import { dropSeedKeyspaces } from '../04-management';
import { runExamples } from '../support/run-example';
import { tenantRouting, dropTenantKeyspaces } from '../tenant-routing';
import { dropVectorKeyspace, vectorSearch } from '../vector-search';
import { dropOtelKeyspace, otelExample } from '../otel';

describe('examples', () => {
  let output: string[];
  let log: jest.SpyInstance;

  beforeEach(() => {
    output = [];
    log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void output.push(args.join(' ')));
  });
  afterEach(() => log.mockRestore());

  it('walks through every example of the seed with the results it promises', async () => {
    const code = await runExamples(seedWalkthrough, dropSeedKeyspaces);
    const checks = output.filter((line) => /^ {4}[✓✗] /.test(line));
    expect(checks.filter((line) => line.includes('✗'))).toEqual([]);
    expect(checks.length).toBeGreaterThanOrEqual(15);
    expect(code).toBe(0);
    // It prints where statements ran: both clusters appear.
    expect(output.some((line) => line.includes('[cluster1/'))).toBe(true);
    expect(output.some((line) => line.includes('[cluster2/'))).toBe(true);
  });

  it('routes concurrent tenant requests to their own clusters', async () => {
    const code = await runExamples([tenantRouting], dropTenantKeyspaces);
    expect(output.filter((line) => line.includes('✗'))).toEqual([]);
    expect(output.filter((line) => /^ {4}✓ /.test(line))).toHaveLength(2);
    expect(code).toBe(0);
  });

  it("finds a tenant's nearest documents by vector search", async () => {
    const code = await runExamples([vectorSearch], dropVectorKeyspace);
    expect(output.filter((line) => line.includes('✗'))).toEqual([]);
    expect(output.filter((line) => /^ {4}✓ /.test(line))).toHaveLength(2);
    expect(output.some((line) => line.includes('ANN OF ?'))).toBe(true);
    expect(code).toBe(0);
  });

  it('traces one request with OpenTelemetry: its statements as spans under it, the traced read with server events', async () => {
    const code = await runExamples([otelExample], dropOtelKeyspace);
    expect(output.filter((line) => line.includes('✗'))).toEqual([]);
    expect(output.filter((line) => /^ {4}✓ /.test(line))).toHaveLength(5);
    expect(output.some((line) => /^ {4}POST \/orders \[app\]$/.test(line))).toBe(true);
    expect(code).toBe(0);
  });
});
