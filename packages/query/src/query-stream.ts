// Rows as a Node Readable in object mode: the rows are pulled from their async iterable only
// while the stream's buffer is below its high-water mark, so a slow consumer stops the reading
// (no further page is fetched) instead of letting rows pile up. Destroying the stream ends the read.
import { Readable } from 'node:stream';
import { ConfigurationError } from '@cassia/core';
import { isIntegerInRange } from '@cassia/core/internal';
import { describeInput } from './describe-input';
import { isOptionBag, ownValue } from './own-properties';

/** Options of `stream()`. */
export interface StreamOptions {
  /** Rows the stream buffers before it stops reading (Node's object-mode highWaterMark); default 16. */
  highWaterMark?: number;
}

/** `rows` as an object-mode Readable that honours backpressure. */
export function streamOf<R>(rows: AsyncIterable<R>, options: StreamOptions | undefined, what: string): Readable {
  let highWaterMark = 16;
  if (options !== undefined) {
    if (!isOptionBag(options)) throw new ConfigurationError(`${what} takes an options object { highWaterMark? }, got ${describeInput(options)}.`);
    const unknown = Object.keys(options).filter((key) => key !== 'highWaterMark');
    if (unknown.length > 0) throw new ConfigurationError(`Unknown ${what} option(s) ${unknown.map(describeInput).join(', ')}: use highWaterMark.`);
    const given = ownValue(options, 'highWaterMark');
    if (given !== undefined) {
      if (!isIntegerInRange(given, 1, 1 << 20)) throw new ConfigurationError(`${what}: highWaterMark must be a whole number of rows from 1 to ${1 << 20}.`);
      highWaterMark = given;
    }
  }
  return Readable.from(rows, { objectMode: true, highWaterMark });
}
