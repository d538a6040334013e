// What bulk writes read their input from: an array, a (sync or async) iterable or a Node Readable
// in object mode, pulled one item at a time so that a slow consumer slows the producer down.
import { Readable } from 'node:stream';
import { QueryBuildError } from '@cassia/core';

/** Input of `writeMany`: an array, an iterable, an async iterable (a generator) or an object-mode Readable. */
export type RowSource<T> = readonly T[] | Iterable<T> | AsyncIterable<T> | Readable;

/** A pull-based reader of a RowSource; `next()` is sync for sync sources (no microtask per item), a thenable for async ones. */
export interface SourceReader<T> {
  next(): IteratorResult<T> | Promise<IteratorResult<T>>;
  /** Stops the source early (ends a generator, destroys a Readable). */
  close(): Promise<void>;
}

/** A reader of `source`; QueryBuildError when it is not a source (or a Readable not in object mode). */
export function readSource<T>(source: unknown, what: string): SourceReader<T> {
  if (source instanceof Readable && !source.readableObjectMode) {
    throw new QueryBuildError(`${what} reads rows from a Readable in object mode (a byte stream holds no rows).`);
  }
  if (typeof source === 'object' && source !== null && typeof (source as AsyncIterable<T>)[Symbol.asyncIterator] === 'function') {
    const iterator = (source as AsyncIterable<T>)[Symbol.asyncIterator]();
    return { next: () => iterator.next(), close: async () => void (await iterator.return?.()) };
  }
  if (typeof source === 'object' && source !== null && typeof (source as Iterable<T>)[Symbol.iterator] === 'function') {
    const iterator = (source as Iterable<T>)[Symbol.iterator]();
    return { next: () => iterator.next(), close: async () => void iterator.return?.() };
  }
  throw new QueryBuildError(`${what} takes an array, an iterable, an async iterable or an object-mode Readable of rows.`);
}
