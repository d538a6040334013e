// The Murmur3 token ring of a table's keyspace, read from the driver's metadata, cut into the
// ranges a scan reads: each ring range (one per vnode) unwrapped into `(start, end]` spans of
// (-2^63, 2^63 - 1], then split evenly (by BigInt arithmetic) until there are about `splits`.
// Every span keeps a token of its ring range, whose replicas are the span's replicas.
import { QueryBuildError } from '@cassia/core';

/** Murmur3's smallest token: no key has it (Cassandra maps that hash to the largest), so every span starts above it. */
export const MIN_TOKEN = -(2n ** 63n);
/** Murmur3's largest token. */
export const MAX_TOKEN = 2n ** 63n - 1n;

/** What a scan needs of a driver Token (its value is a Long under Murmur3). */
export interface DriverToken {
  getValue(): { toString(): string };
}

/** What a scan needs of the driver client's metadata and replica lookup. */
export interface RingClient {
  readonly metadata: {
    readonly partitioner?: string;
    getTokenRanges(): Set<{ readonly start: DriverToken; readonly end: DriverToken }> | undefined;
  };
  readonly hosts: { length: number };
  getReplicas(keyspace: string, token: Buffer | DriverToken): readonly { readonly address: string }[] | null;
}

/** A span of tokens `(start, end]` and a token of the ring range it lies in (for its replicas). */
export interface TokenSpan {
  readonly start: bigint;
  readonly end: bigint;
  readonly ringToken: DriverToken | undefined;
}

/** The ring's spans, each unwrapped, in token order; QueryBuildError on another partitioner. */
export function ringSpans(client: RingClient): TokenSpan[] {
  const partitioner = client.metadata.partitioner;
  if (partitioner !== undefined && !partitioner.endsWith('Murmur3Partitioner')) {
    throw new QueryBuildError(`scan() splits a Murmur3 token ring; this cluster uses ${partitioner}.`);
  }
  const ranges = [...(client.metadata.getTokenRanges() ?? [])];
  // Without metadata (or with one token), the whole ring is one span.
  if (ranges.length <= 1) return [{ start: MIN_TOKEN, end: MAX_TOKEN, ringToken: ranges[0]?.end }];
  const spans: TokenSpan[] = [];
  for (const range of ranges) {
    const start = tokenValue(range.start);
    const end = tokenValue(range.end);
    // The range that wraps around the ring's end (or ends at its minimum) reads in two spans.
    if (end === MIN_TOKEN) spans.push({ start, end: MAX_TOKEN, ringToken: range.end });
    else if (start >= end) {
      if (start < MAX_TOKEN) spans.push({ start, end: MAX_TOKEN, ringToken: range.end });
      spans.push({ start: MIN_TOKEN, end, ringToken: range.end });
    } else spans.push({ start, end, ringToken: range.end });
  }
  return spans.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/** `spans` cut into about `splits` spans in all, each in proportion to its share of the ring. */
export function splitSpans(spans: readonly TokenSpan[], splits: number): TokenSpan[] {
  if (splits <= spans.length) return [...spans];
  const ring = MAX_TOKEN - MIN_TOKEN;
  const out: TokenSpan[] = [];
  for (const span of spans) {
    const width = span.end - span.start;
    const pieces = Number((width * BigInt(splits) + ring / 2n) / ring);
    const count = BigInt(Math.max(1, Math.min(pieces, Number(width))));
    let start = span.start;
    for (let i = 1n; i <= count; i++) {
      const end = i === count ? span.end : span.start + (width * i) / count;
      out.push({ start, end, ringToken: span.ringToken });
      start = end;
    }
  }
  return out;
}

function tokenValue(token: DriverToken): bigint {
  return BigInt(token.getValue().toString());
}
