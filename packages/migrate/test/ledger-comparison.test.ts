// What a target's ledger says of the folder's files: applied, pending (half done included), changed, missing.
import type { LedgerEntry, MigrationFile } from '@cassia/migrate';
import { compareWithLedger } from '../src/ledger-comparison';

const file = (version: number, checksum: string): MigrationFile => ({
  version, name: `000${version}_m.cql`, path: `/m/000${version}_m.cql`, kind: 'cql', checksum, statements: [],
});
const entry = (version: number, checksum: string, status: LedgerEntry['status'], statementsDone = 0): LedgerEntry => ({
  version, name: `000${version}_m.cql`, checksum, appliedAt: new Date(0), appliedBy: 'test', statementsDone, status,
});

describe('compareWithLedger', () => {
  it('splits files into applied, pending, changed, and names ledger rows without a file', () => {
    const files = [file(1, 'a'), file(2, 'b'), file(3, 'c'), file(4, 'd')];
    const ledger = [entry(1, 'a', 'applied'), entry(2, 'B', 'applied'), entry(3, 'c', 'running', 2), entry(9, 'z', 'applied')];
    const comparison = compareWithLedger(files, ledger);
    expect(comparison.applied.map((f) => f.version)).toEqual([1]);
    expect(comparison.changed.map((c) => [c.file.version, c.entry.checksum])).toEqual([[2, 'B']]);
    expect(comparison.pending.map((f) => f.version)).toEqual([3, 4]);
    expect(comparison.entries.get(3)?.statementsDone).toBe(2);
    expect(comparison.missing.map((e) => e.version)).toEqual([9]);
  });

  it('treats a half-done file whose checksum changed as changed, not pending', () => {
    const comparison = compareWithLedger([file(1, 'new')], [entry(1, 'old', 'running', 1)]);
    expect(comparison.pending).toEqual([]);
    expect(comparison.changed).toHaveLength(1);
  });
});
