// The bench's command-line flags: --only picks scenarios, the bulk sizes take whole row counts,
// and anything else is refused with the flag named.
import { overridesFromCli } from '../src/config';

describe('bench flags', () => {
  it('--only names the scenarios to run, and the bulk sizes their rows', () => {
    expect(overridesFromCli(['--only=vector,bulk', '--bulk-write-rows=2000', '--bulk-read-rows=100000', '--rounds=3'], {})).toEqual({
      only: ['vector', 'bulk'],
      bulkWriteRows: 2000,
      bulkReadRows: 100_000,
      rounds: 3,
    });
    expect(overridesFromCli(['--only=bulk'], {}).only).toEqual(['bulk']);
  });

  it('refuses an unknown scenario, an empty --only and a row count that is not a whole number of at least 100', () => {
    expect(() => overridesFromCli(['--only=vector,throughput'], {})).toThrow(/--only takes some of vector,bulk/);
    expect(() => overridesFromCli(['--only='], {})).toThrow(/--only/);
    expect(() => overridesFromCli(['--bulk-read-rows=50'], {})).toThrow(/--bulk-read-rows/);
    expect(() => overridesFromCli(['--bulk-write-rows=1e3x'], {})).toThrow(/--bulk-write-rows/);
  });
});
