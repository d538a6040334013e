// cassandra.consistency.level values: the conventions' lower snake case, from names and protocol codes.
import { types } from 'cassandra-driver';
import { consistencyLevelName } from '../src/consistency-level';

describe('consistencyLevelName', () => {
  it('names every level the driver knows, by name and by code alike', () => {
    const expected: Record<string, string> = {
      any: 'any', one: 'one', two: 'two', three: 'three', quorum: 'quorum', all: 'all', localQuorum: 'local_quorum',
      eachQuorum: 'each_quorum', serial: 'serial', localSerial: 'local_serial', localOne: 'local_one',
    };
    for (const [name, code] of Object.entries(types.consistencies)) {
      expect([name, consistencyLevelName(name)]).toEqual([name, expected[name]]);
      expect([name, consistencyLevelName(code)]).toEqual([name, expected[name]]);
    }
  });

  it('names nothing else', () => {
    for (const level of [undefined, 'toString', '__proto__', 11, -1, 1.5, null]) expect(consistencyLevelName(level)).toBeUndefined();
  });
});
