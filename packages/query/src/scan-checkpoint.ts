// A scan's checkpoint: plain JSON saying which token ranges are still to read, and for a range
// read in part, the paging state of the page being delivered and how many of its rows were.
// It is bound to its scan's statement by a digest, and checked field by field when resumed.
// It holds Cassandra paging states: keep it on the server, as the program's own state.
import { createHash } from 'node:crypto';
import { QueryBuildError } from '@cassia/core';
import { writeBoundValue, writeText } from './bound-values-digest';
import { MAX_TOKEN, MIN_TOKEN } from './token-ring';

/** One range of a checkpoint: tokens `(start, end]` as decimal strings; where a partly read range resumes. */
export interface ScanRangeCheckpoint {
  readonly start: string;
  readonly end: string;
  /** Cassandra's paging state (hex) of the page being delivered; absent: from the range's start. */
  readonly pageState?: string;
  /** Rows of that page already delivered. */
  readonly skip?: number;
}

/** What `scan().checkpoint()` returns and `scan({ from })` takes (JSON.stringify it to keep it). */
export interface ScanCheckpoint {
  readonly version: 1;
  /** Digest of the scan's statement (table, keyspace, columns, where): a checkpoint resumes only its own scan. */
  readonly statement: string;
  /** Rows per page the scan read with (a partly read range resumes with the same). */
  readonly fetchSize: number;
  /** Ranges read to their end. */
  readonly rangesDone: number;
  /** Ranges left to read, in whole or in part; empty when the scan has finished. */
  readonly remaining: readonly ScanRangeCheckpoint[];
}

/** The digest binding a checkpoint to its statement (CQL text and bound values). */
export function statementDigest(cql: string, params: readonly unknown[]): string {
  const hash = createHash('sha256');
  writeText(hash, cql);
  writeText(hash, String(params.length));
  for (const value of params) writeBoundValue(hash, value);
  return hash.digest('hex').slice(0, 32);
}

/** A range as read from a checkpoint, tokens as BigInt. */
export interface ResumedRange {
  readonly start: bigint;
  readonly end: bigint;
  readonly pageState: string | undefined;
  readonly skip: number;
}

/** Checks a checkpoint (an object or its JSON text) against the scan resuming it; QueryBuildError when it is not its own. */
export function openCheckpoint(given: unknown, statement: string, fetchSize: number): { ranges: ResumedRange[]; rangesDone: number } {
  let checkpoint: unknown = given;
  if (typeof given === 'string') {
    try {
      checkpoint = JSON.parse(given);
    } catch {
      throw invalid('it is not JSON');
    }
  }
  if (typeof checkpoint !== 'object' || checkpoint === null) throw invalid('it is not an object');
  const { version, remaining, rangesDone } = checkpoint as Record<string, unknown>;
  if (version !== 1) throw invalid('its version is not 1');
  if ((checkpoint as Record<string, unknown>).statement !== statement) {
    throw new QueryBuildError(
      'scan({ from }): this checkpoint was made by another scan (its table, keyspace, columns or where differ); a checkpoint resumes only the scan that made it.',
    );
  }
  if ((checkpoint as Record<string, unknown>).fetchSize !== fetchSize) {
    throw new QueryBuildError(`scan({ from }): the checkpoint was read with fetchSize ${String((checkpoint as Record<string, unknown>).fetchSize)}; resume with the same fetchSize.`);
  }
  if (!Number.isSafeInteger(rangesDone) || (rangesDone as number) < 0) throw invalid('rangesDone is not a count');
  if (!Array.isArray(remaining)) throw invalid('remaining is not a list');
  const ranges = remaining.map((range: unknown): ResumedRange => {
    if (typeof range !== 'object' || range === null) throw invalid('a range is not an object');
    const { start, end, pageState, skip } = range as Record<string, unknown>;
    const from = tokenOf(start);
    const to = tokenOf(end);
    if (from >= to) throw invalid('a range ends before it starts');
    if (pageState !== undefined && (typeof pageState !== 'string' || !/^(?:[0-9a-f]{2})+$/.test(pageState))) throw invalid('a paging state is not hex');
    if (skip !== undefined && (!Number.isSafeInteger(skip) || (skip as number) < 0)) throw invalid('a skip is not a count');
    return { start: from, end: to, pageState: pageState as string | undefined, skip: (skip as number | undefined) ?? 0 };
  });
  return { ranges, rangesDone: rangesDone as number };
}

function tokenOf(value: unknown): bigint {
  if (typeof value !== 'string' || !/^-?\d{1,20}$/.test(value)) throw invalid('a token is not a decimal string');
  const token = BigInt(value);
  if (token < MIN_TOKEN || token > MAX_TOKEN) throw invalid('a token is outside the Murmur3 ring');
  return token;
}

function invalid(why: string): QueryBuildError {
  return new QueryBuildError(`scan({ from }) needs a checkpoint that scan().checkpoint() returned (or its JSON text); ${why}.`);
}
