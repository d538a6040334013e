// The text forms of inet, date and decimal values (issue 25, items 6, 7, 10, 11): parse and
// format are exact inverses, the canonical forms match independent references (WHATWG URL's
// IPv6 serializer, JS Date's ISO text), and the driver's values decode to them.
import fc from 'fast-check';
import { types } from 'cassandra-driver';
import { UnreadableValueError, ValidationError } from '@cassia/core';
import { decode, defineModel, t, toDatabase, validateInsert, type CqlType, type NativeTypeName } from '../src';
import { formatCqlDate, MAX_DAY, MIN_DAY, parseCqlDate } from '../src/cql-date';
import { formatDecimal, isDecimalText, parseDecimal } from '../src/decimal-text';
import { formatInet, parseInet } from '../src/inet-address';

const SEED = 25_007;
const native = (name: NativeTypeName): CqlType => ({ kind: 'native', name });

describe('inet', () => {
  it('parses IPv6 with an embedded IPv4 tail, and encodes it without a TypeError', () => {
    expect(parseInet('::1.2.3.4')).toEqual(Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]));
    expect(parseInet('64:ff9b::1.2.3.4')).toEqual(Buffer.from([0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]));
    expect(parseInet('::ffff:192.0.2.1')?.subarray(10)).toEqual(Buffer.from([0xff, 0xff, 192, 0, 2, 1]));
    expect(parseInet('1:2:3:4:5:6:1.2.3.4')).toHaveLength(16);
    const encoded = toDatabase(t.inet(), '64:ff9b::1.2.3.4') as types.InetAddress;
    expect(encoded).toBeInstanceOf(types.InetAddress);
    expect(formatInet(encoded.getBuffer())).toBe('64:ff9b::102:304');
  });

  it.each(['', 'host', '1.2.3', '1.2.3.256', '1.2.3.04', ':::', '1::2::3', '1:2:3:4:5:6:7:8:9', '::1.2.3.4:5', '1.2.3.4::', 'fe80::1%eth0', '12345::', '::g'])(
    'refuses %j (validation and parser alike)',
    (text) => {
      expect(parseInet(text)).toBeUndefined();
      expect(t.inet().safeParse(text).success).toBe(false);
    },
  );

  it.each([
    ['2001:0:0:1:0:1:0:0', '2001::1:0:1:0:0'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:0db8:0000:0000:0000:ff00:0042:8329', '2001:db8::ff00:42:8329'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['ABCD::EF', 'abcd::ef'],
    ['::ffff:1.2.3.4', '::ffff:1.2.3.4'],
    ['::ffff:102:304', '::ffff:1.2.3.4'],
    ['::1.2.3.4', '::102:304'],
    ['10.0.0.1', '10.0.0.1'],
  ])('%s reads back as %s (RFC 5952)', (text, canonical) => {
    expect(formatInet(parseInet(text)!)).toBe(canonical);
    expect(decode(native('inet'), new types.InetAddress(parseInet(text)!))).toBe(canonical);
  });

  it('property: any address bytes format to a text that parses back to them, as WHATWG URL spells IPv6', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ minLength: 4, maxLength: 4 }), fc.uint8Array({ minLength: 16, maxLength: 16 }), sparseIpv6), (raw) => {
        const bytes = Buffer.from(raw);
        const text = formatInet(bytes);
        expect(parseInet(text)).toEqual(bytes);
        expect(t.inet().safeParse(text).success).toBe(true);
        const mapped = bytes.length === 16 && bytes.subarray(0, 12).equals(Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]));
        if (bytes.length === 16 && !mapped) expect(`[${text}]`).toBe(new URL(`http://[${text}]/`).hostname);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it("property: every address fast-check writes parses to the bytes URL's parser finds", () => {
    fc.assert(
      fc.property(fc.ipV6(), (text) => {
        const bytes = parseInet(text);
        expect(bytes).toBeDefined();
        expect(`[${formatInet(bytes!)}]`).toBe(new URL(`http://[${text}]/`).hostname.replace(/^\[::ffff:([0-9a-f]+):([0-9a-f]+)\]$/, (_, hi: string, lo: string) => {
          const [a, b] = [parseInt(hi, 16), parseInt(lo, 16)];
          return `[::ffff:${a >> 8}.${a & 255}.${b >> 8}.${b & 255}]`;
        }));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

// Mostly zero groups, so runs of zeros (and their ties) are common.
const sparseIpv6 = fc
  .array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 })
  .map((groups) => {
    const bytes = new Uint8Array(16);
    groups.forEach((group, i) => {
      bytes[i * 2] = group >> 8;
      bytes[i * 2 + 1] = group & 255;
    });
    return bytes;
  });

describe('date', () => {
  it("reads Cassandra's whole range: the first and last day, and years beyond 0000–9999", () => {
    expect(formatCqlDate(MIN_DAY)).toBe('-5877641-06-23');
    expect(formatCqlDate(MAX_DAY)).toBe('+5881580-07-11');
    expect(formatCqlDate(0)).toBe('1970-01-01');
    expect(formatCqlDate(-719529)).toBe('-000001-12-31');
    expect(formatCqlDate(2932897)).toBe('+010000-01-01');
    expect(parseCqlDate('+10000-01-01')).toBe(2932897);
    // The driver keeps only the day count for dates JS Date cannot hold, and prints it bare.
    expect(decode(native('date'), new (types.LocalDate as unknown as new (days: number) => types.LocalDate)(MIN_DAY))).toBe('-5877641-06-23');
    expect(decode(native('date'), types.LocalDate.fromString('2024-02-29'))).toBe('2024-02-29');
  });

  it.each(['2023-02-29', '2024-13-01', '2024-00-10', '2024-01-32', '24-01-01', '-5877641-06-22', '+5881580-07-12', '2024-1-1', '+12345678-01-01'])(
    'refuses %j',
    (text) => {
      expect(parseCqlDate(text)).toBeUndefined();
      expect(t.date().safeParse(text).success).toBe(false);
    },
  );

  it('writes what it reads: the text of any day in range parses back to it, and the driver gets that day', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_DAY, max: MAX_DAY }), (days) => {
        const text = formatCqlDate(days);
        expect(parseCqlDate(text)).toBe(days);
        expect(t.date().safeParse(text).success).toBe(true);
        const sent = toDatabase(t.date(), text) as types.LocalDate;
        expect(types.LocalDate.fromBuffer(sent.toBuffer()).toBuffer()).toEqual(sent.toBuffer());
        expect(sent.toBuffer().readUInt32BE(0) - 2 ** 31).toBe(days);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('property: within JS Date range, the text is what Date.prototype.toISOString writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000_000, max: 100_000_000 }), (days) => {
        const iso = new Date(days * 86_400_000).toISOString();
        expect(formatCqlDate(days)).toBe(iso.slice(0, iso.indexOf('T')));
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});

describe('decimal', () => {
  it.each([
    [1n, -3, '1E+3'],
    [-15n, 1, '-1.5'],
    [5n, 3, '0.005'],
    [-5n, 3, '-0.005'],
    [150n, 2, '1.50'],
    [0n, 0, '0'],
    [0n, -2, '0E+2'],
    [123n, 1001, '123E-1001'],
    [-7n, -2147483648, '-7E+2147483648'],
  ])('%s with scale %s reads as %s', (unscaled, scale, text) => {
    expect(formatDecimal({ unscaled, scale })).toBe(text);
    expect(parseDecimal(text)).toEqual({ unscaled, scale });
    expect(isDecimalText(text)).toBe(true);
    const driverValue = new types.BigDecimal(types.Integer.fromString(unscaled.toString()) as unknown as number, scale);
    expect(decode(native('decimal'), driverValue)).toBe(text);
  });

  it('parses the forms a caller writes', () => {
    expect(parseDecimal('1e5')).toEqual({ unscaled: 1n, scale: -5 });
    expect(parseDecimal('-2.50E-3')).toEqual({ unscaled: -250n, scale: 5 });
    expect(parseDecimal('+12.3400')).toEqual({ unscaled: 123400n, scale: 4 });
    expect(parseDecimal('1E-0')).toEqual({ unscaled: 1n, scale: 0 });
  });

  it('refuses a scale beyond 32 bits', () => {
    expect(t.decimal().safeParse('1E+2147483648').success).toBe(true);
    expect(t.decimal().safeParse('1E+2147483649').success).toBe(false);
    expect(t.decimal().safeParse('1.5E-2147483646').success).toBe(true);
    expect(t.decimal().safeParse('1.5E-2147483647').success).toBe(false);
  });

  it('property: any unscaled value and 32-bit scale read as a text that writes the same value and scale', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 200n), max: 2n ** 200n }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (unscaled, scale) => {
        const text = formatDecimal({ unscaled, scale });
        expect(t.decimal().safeParse(text).success).toBe(true);
        expect(parseDecimal(text)).toEqual({ unscaled, scale });
        const sent = toDatabase(t.decimal(), text) as types.BigDecimal;
        const bytes = types.BigDecimal.toBuffer(sent);
        expect(bytes.readInt32BE(0)).toBe(scale);
        expect(decode(native('decimal'), sent)).toBe(text);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});

describe('float, timestamp and tuples', () => {
  const M = defineModel({ table: 'f', columns: { id: t.int(), f: t.float(), v: t.vector(t.float(), 2), pair: t.tuple(t.int(), t.text()) }, partitionKey: 'id' });

  it("refuses a float beyond float32's range (it would be stored as ±Infinity); the largest float32 is fine", () => {
    const largest = 3.4028234663852886e38;
    expect(validateInsert(M, { id: 1, f: largest })).toEqual({ id: 1, f: largest });
    expect(validateInsert(M, { id: 1, f: -largest })).toEqual({ id: 1, f: -largest });
    for (const bad of [3.5e38, -3.5e38, Number.MAX_VALUE, 3.4028235677973366e38]) {
      expect(() => validateInsert(M, { id: 1, f: bad })).toThrow(ValidationError);
      expect(() => validateInsert(M, { id: 1, v: [0, bad] })).toThrow(ValidationError);
    }
  });

  it('a timestamp beyond JS Date range read from the database is a typed error, never an Invalid Date', () => {
    expect(() => decode(native('timestamp'), new Date(Number.NaN))).toThrow(UnreadableValueError);
    expect(decode(native('timestamp'), new Date(8.64e15))).toEqual(new Date(8.64e15));
  });

  it('tuple elements may be null on write and read, as Cassandra stores them', () => {
    expect(validateInsert(M, { id: 1, pair: [null, 'x'] })).toEqual({ id: 1, pair: [null, 'x'] });
    expect(validateInsert(M, { id: 1, pair: [null, null] })).toEqual({ id: 1, pair: [null, null] });
    expect(() => validateInsert(M, { id: 1, pair: [1] as never })).toThrow(ValidationError);
    expect((toDatabase(M.columns.pair, [null, 'x']) as types.Tuple).values()).toEqual([null, 'x']);
    expect(decode(M.columns.pair.cql, new types.Tuple(null, null))).toEqual([null, null]);
  });
});
