// Page cursors: the opaque strings page() hands out instead of Cassandra's paging state. A raw
// state can be forged (it names the last partition key read and, under a LIMIT, how many rows
// remain), and any state is accepted by any statement of the table: a token-range query resumed
// with an unrestricted scan's state leaves its range, a limit(3) resumed with an unlimited
// query's state reads on. A cursor wraps the state with an HMAC-SHA256 under the registry's key
// (page-cursor-keys.ts) and two tags binding it to its target (connection name, keyspace) and to
// its statement (CQL, bound values, fetch size, limit), so only the statement that made it can
// continue it, where it started, and a changed or truncated cursor is refused before anything is sent.
//
// Layout (base64url): version (1 byte) | target tag (8) | statement tag (8) | paging state | MAC (32).
// Tags are keyed hashes, so a cursor shows neither the connection, the keyspace nor the values.
import { createHash, createHmac, randomBytes, timingSafeEqual, type Hash } from 'node:crypto';
import { InvalidPageCursorError, type Connection, type ResolvedTarget } from '@cassia/core';
import { writeBoundValue, writeText } from './bound-values-digest';
import type { PageCursorKeys } from './page-cursor-keys';

const VERSION = 1;
const TAG_BYTES = 8;
const MAC_BYTES = 32;
const HEADER_BYTES = 1 + 2 * TAG_BYTES;
// A paging state holds one partition and clustering key (at most 64 KiB each), so a real cursor
// stays far below this; anything longer is refused before it is decoded.
const MAX_CURSOR_CHARS = 262_144;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The statement a cursor continues (its target apart). */
export interface CursorStatement {
  readonly cql: string;
  readonly params: readonly unknown[];
  readonly fetchSize: number | undefined;
  readonly limit: number | undefined;
}

/** A cursor's target and statement as unkeyed digests, worked out once per page() call. */
export interface CursorBinding {
  readonly target: Buffer;
  readonly statement: Buffer;
}

/** A cursor whose MAC held: the key that verified it, its tags and the driver's paging state. */
export interface OpenedCursor {
  readonly key: Buffer;
  readonly targetTag: Buffer;
  readonly statementTag: Buffer;
  readonly pagingState: Buffer;
}

// Under a process's random key a cursor is also bound to the Connection object it ran on, so
// after a replace (the name now reaches another client, perhaps another cluster) it is refused.
// Application keys make cursors valid on other processes, whose Connection objects differ.
const incarnations = new WeakMap<Connection, Buffer>();

function incarnationOf(connection: Connection): Buffer {
  let id = incarnations.get(connection);
  if (id === undefined) {
    id = randomBytes(16);
    incarnations.set(connection, id);
  }
  return id;
}

/** The digests a cursor of `statement` on `target` is bound to. */
export function cursorBinding(target: ResolvedTarget, statement: CursorStatement, keys: PageCursorKeys): CursorBinding {
  const targetHash = createHash('sha256');
  writeText(targetHash, target.connection.name);
  writeText(targetHash, target.keyspace);
  if (keys.processLocal) targetHash.update(incarnationOf(target.connection));
  const statementHash = createHash('sha256');
  writeText(statementHash, statement.cql);
  writeOptionalCount(statementHash, statement.fetchSize);
  writeOptionalCount(statementHash, statement.limit);
  writeText(statementHash, String(statement.params.length));
  for (const value of statement.params) writeBoundValue(statementHash, value);
  return { target: targetHash.digest(), statement: statementHash.digest() };
}

function writeOptionalCount(hash: Hash, count: number | undefined): void {
  writeText(hash, count === undefined ? '' : String(count));
}

/** A cursor for continuing at `pagingState` (the driver's raw state), signed with the first key. */
export function signCursor(keys: PageCursorKeys, binding: CursorBinding, pagingState: Buffer): string {
  const key = keys.keys[0];
  const body = Buffer.concat([Buffer.of(VERSION), tag(key, 't', binding.target), tag(key, 's', binding.statement), pagingState]);
  return Buffer.concat([body, mac(key, body)]).toString('base64url');
}

/** Checks a cursor's form and MAC (InvalidPageCursorError `malformed` / `forged`) and opens it. */
export function openCursor(keys: PageCursorKeys, cursor: unknown): OpenedCursor {
  if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_CHARS || !BASE64URL.test(cursor)) throw malformed();
  const bytes = Buffer.from(cursor, 'base64url');
  // Decoding skips what it cannot read; only the exact text page() handed out is a cursor.
  if (bytes.length < HEADER_BYTES + 1 + MAC_BYTES || bytes.toString('base64url') !== cursor || bytes[0] !== VERSION) throw malformed();
  const body = bytes.subarray(0, bytes.length - MAC_BYTES);
  const given = bytes.subarray(bytes.length - MAC_BYTES);
  const key = keys.keys.find((candidate) => timingSafeEqual(mac(candidate, body), given));
  if (key === undefined) {
    throw new InvalidPageCursorError(
      'This page cursor was changed, or signed with a key this registry does not hold (another process\'s ' +
        'random key, or a retired key). Nothing was sent; start again from the first page.',
      'forged',
    );
  }
  return {
    key,
    targetTag: body.subarray(1, 1 + TAG_BYTES),
    statementTag: body.subarray(1 + TAG_BYTES, HEADER_BYTES),
    pagingState: Buffer.from(body.subarray(HEADER_BYTES)),
  };
}

/** Refuses an opened cursor made for another target (`target`) or statement (`statement`). */
export function checkCursor(opened: OpenedCursor, binding: CursorBinding): void {
  if (!timingSafeEqual(tag(opened.key, 't', binding.target), opened.targetTag)) {
    throw new InvalidPageCursorError(
      'This page cursor was made on another connection or keyspace (or before its connection was replaced), ' +
        'and a paged read continues only where its first page was read. Nothing was sent; start again from the first page.',
      'target',
    );
  }
  if (!timingSafeEqual(tag(opened.key, 's', binding.statement), opened.statementTag)) {
    throw new InvalidPageCursorError(
      'This page cursor belongs to another statement (its CQL, bound values, fetch size or limit differ); a ' +
        'cursor only continues the query that made it. Nothing was sent.',
      'statement',
    );
  }
}

function tag(key: Buffer, kind: 't' | 's', digest: Buffer): Buffer {
  return createHmac('sha256', key).update(kind).update(digest).digest().subarray(0, TAG_BYTES);
}

function mac(key: Buffer, body: Buffer): Buffer {
  return createHmac('sha256', key).update('m').update(body).digest();
}

function malformed(): InvalidPageCursorError {
  return new InvalidPageCursorError(
    'This page cursor is not one page() made, or it was cut short. Pass the pageState of the previous page ' +
      'exactly as it was returned, or leave it out to read the first page. Nothing was sent.',
    'malformed',
  );
}
