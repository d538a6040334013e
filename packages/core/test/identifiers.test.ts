// Identifier checks and quoting: the only way identifier text is made.
import fc from 'fast-check';
import { InvalidIdentifierError } from '@cassia/core';
import { assertIdentifier, isIdentifier, quoteIdentifier, quoteQualified } from '@cassia/core/internal';

describe('assertIdentifier', () => {
  it.each(['a', 'users', 'User_Table1', 'x'.repeat(48), 'select', 'A_1_b'])('accepts %p', (name) => {
    expect(() => assertIdentifier(name, 'table')).not.toThrow();
    expect(isIdentifier(name)).toBe(true);
  });

  it.each(['', '1abc', '_x', 'my-table', 'a b', 'ks.table', 'x'.repeat(49), 'name"', 'é', 'a;DROP'])(
    'rejects %p with InvalidIdentifierError naming what it was for',
    (name) => {
      expect(() => assertIdentifier(name, 'keyspace')).toThrow(InvalidIdentifierError);
      expect(() => assertIdentifier(name, 'keyspace')).toThrow(/keyspace/);
      expect(isIdentifier(name)).toBe(false);
    },
  );

  it.each([undefined, null, 42, {}])('rejects the non-string %p', (value) => {
    expect(() => assertIdentifier(value, 'column')).toThrow(InvalidIdentifierError);
  });

  it('accepts exactly the strings of the documented pattern', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (name) => {
        expect(isIdentifier(name)).toBe(/^[A-Za-z][A-Za-z0-9_]{0,47}$/.test(name));
      }),
    );
  });
});

describe('quoteIdentifier', () => {
  it('always double-quotes, keeping case', () => {
    expect(quoteIdentifier('users')).toBe('"users"');
    expect(quoteIdentifier('userId')).toBe('"userId"');
    expect(quoteIdentifier('select')).toBe('"select"');
  });

  it('doubles embedded quotes so a name can never end the identifier', () => {
    expect(quoteIdentifier('a"b')).toBe('"a""b"');
    expect(quoteIdentifier('"; DROP TABLE x; --')).toBe('"""; DROP TABLE x; --"');
  });

  it('round-trips any string', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        const quoted = quoteIdentifier(name);
        expect(quoted.startsWith('"') && quoted.endsWith('"')).toBe(true);
        const inner = quoted.slice(1, -1);
        // No lone quote inside: every quote is doubled.
        expect(inner.replace(/""/g, '')).not.toContain('"');
        expect(inner.replace(/""/g, '"')).toBe(name);
      }),
    );
  });

  it('quoteQualified names keyspace and table', () => {
    expect(quoteQualified('ks1', 'Cars')).toBe('"ks1"."Cars"');
  });
});
