// The compiler's cache key: statements whose keys are equal must compile to the same CQL text
// (else a cache hit would run the wrong statement), and a key never depends on bound values;
// plain INSERTs compiled from their parts give the text their node would.
import fc from 'fast-check';
import { clearCompiledShapes, compiledShapeCount, compilePlainInsert, compileStatement } from '../src/compiler';
import { shareNameList } from '../src/shared-name-list';
import { shapeOf } from '../src/statement-shape';
import { statementSafety } from '../src/statement-safety';
import type { AssignmentNode, ConditionNode, StatementNode, WriteConditionNode, WriteUsingNode } from '../src/statement-node';

// Statements over the given names; small name sets make different statements share keys often.
function statements(name: fc.Arbitrary<string>, table: fc.Arbitrary<{ keyspace: string; table: string }>): fc.Arbitrary<StatementNode> {
  const op = fc.constantFrom('=' as const, '<' as const, '<=' as const, '>' as const, '>=' as const);
  // IF conditions also compare with !=.
  const compareOp = fc.oneof(op, fc.constant('!=' as const));
  const value = fc.integer();
  const bound = fc.option(value.map((v) => ({ value: v })), { nil: undefined });

  const condition: fc.Arbitrary<ConditionNode> = fc.oneof(
    fc.record({ kind: fc.constant('compare' as const), column: name, op: compareOp, value }),
    fc.record({ kind: fc.constant('in' as const), column: name, value: fc.array(value, { minLength: 1, maxLength: 3 }) }),
    fc.record({ kind: fc.constant('contains' as const), column: name, value }),
    fc.record({ kind: fc.constant('containsKey' as const), column: name, value }),
    fc
      .record({ columns: fc.array(name, { minLength: 1, maxLength: 3 }), op })
      .chain(({ columns, op }) =>
        fc.array(value, { minLength: columns.length, maxLength: columns.length }).map((values) => ({ kind: 'token' as const, columns, op, value: values })),
      ),
  );
  const conditions = fc.array(condition, { maxLength: 3 });
  const writeCondition: fc.Arbitrary<WriteConditionNode> = fc.oneof(
    fc.constantFrom({ kind: 'none' as const }, { kind: 'ifExists' as const }, { kind: 'ifNotExists' as const }),
    fc.record({ kind: fc.constant('if' as const), conditions: fc.array(condition, { minLength: 1, maxLength: 2 }) }),
  );
  const using: fc.Arbitrary<WriteUsingNode> = fc.record({ ttl: bound, timestamp: bound });
  const assignment: fc.Arbitrary<AssignmentNode> = fc.oneof(
    fc.record({ kind: fc.constantFrom('set' as const, 'replaceList' as const, 'append' as const, 'merge' as const, 'prepend' as const, 'subtract' as const, 'discard' as const), column: name, value }),
    fc.record({ kind: fc.constant('setAt' as const), column: name, value: fc.tuple(value, value) }),
  );

  const node: fc.Arbitrary<StatementNode> = fc.oneof(
    fc.record({
      kind: fc.constant('select' as const),
      table,
      columns: fc.option(fc.array(name, { minLength: 1, maxLength: 3 }), { nil: undefined }),
      count: fc.boolean(),
      distinct: fc.boolean(),
      where: conditions,
      orderBy: fc.array(fc.record({ column: name, direction: fc.constantFrom('asc' as const, 'desc' as const) }), { maxLength: 2 }),
      perPartitionLimit: bound,
      limit: bound,
      allowFiltering: fc.boolean(),
    }),
    fc
      .record({ table, columns: fc.array(name, { minLength: 1, maxLength: 4 }), condition: writeCondition, using })
      .chain((insert) =>
        fc.array(value, { minLength: insert.columns.length, maxLength: insert.columns.length }).map((values) => ({ kind: 'insert' as const, ...insert, values, writesList: false })),
      ),
    fc.record({ kind: fc.constant('update' as const), table, assignments: fc.array(assignment, { minLength: 1, maxLength: 3 }), where: conditions, condition: writeCondition, using }),
    fc.record({ kind: fc.constant('delete' as const), table, columns: fc.array(name, { maxLength: 2 }), where: conditions, condition: writeCondition, timestamp: bound }),
  );
  return node;
}

const node = statements(
  fc.constantFrom('a', 'b', 'id', 'a_b', 'ab', 'b_a'),
  fc.record({ keyspace: fc.constantFrom('k', 'k_t', 'ks'), table: fc.constantFrom('t', 't_k', 'kt') }),
);
const nearbyNodes = fc.array(statements(fc.constantFrom('a', 'b'), fc.constant({ keyspace: 'k', table: 't' })), { minLength: 100, maxLength: 150 });

function freshText(statement: StatementNode): string {
  clearCompiledShapes();
  return compileStatement(statement).cql;
}

// Every bound value replaced, structure kept.
function withOtherValues(statement: StatementNode): StatementNode {
  return JSON.parse(JSON.stringify(statement), (key: string, v: unknown) => {
    if (key !== 'value' && key !== 'values') return v;
    if (Array.isArray(v)) return v.map((x) => (typeof x === 'number' ? x + 1 : x));
    return typeof v === 'number' ? v + 1 : v;
  }) as StatementNode;
}

describe('compiler shape keys', () => {
  it('property: equal keys mean equal CQL text and equal safety (what the cache keeps per shape)', () => {
    fc.assert(
      fc.property(nearbyNodes, (nodes) => {
        const texts = new Map<string, string>();
        const safeties = new Map<string, string>();
        for (const statement of nodes) {
          const key = shapeOf(statement);
          const text = freshText(statement);
          const safety = statementSafety(statement);
          expect({ key, text: texts.get(key) ?? text, safety: safeties.get(key) ?? safety }).toEqual({ key, text, safety });
          texts.set(key, text);
          safeties.set(key, safety);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('property: equal CQL text means equal keys (no needless cache misses), and values never change a key', () => {
    fc.assert(
      fc.property(node, (a) => {
        const b = withOtherValues(a);
        expect(shapeOf(b)).toBe(shapeOf(a));
        expect(freshText(b)).toBe(freshText(a));
      }),
      { numRuns: 1000 },
    );
  });

  it('property: a cached compile equals a fresh one for any statement', () => {
    fc.assert(
      fc.property(node, node, (warmup, statement) => {
        clearCompiledShapes();
        compileStatement(warmup);
        const cached = compileStatement(statement);
        clearCompiledShapes();
        expect(cached).toEqual(compileStatement(statement));
      }),
      { numRuns: 2000 },
    );
  });

  it('tells apart statements that differ only in an optional clause or an operator', () => {
    const select = (patch: object) =>
      shapeOf({
        kind: 'select', table: { keyspace: 'k', table: 't' }, columns: undefined, count: false, distinct: false, where: [],
        orderBy: [], perPartitionLimit: undefined, limit: undefined, allowFiltering: false, ...patch,
      } as StatementNode);
    const keys = [
      select({}),
      select({ limit: { value: 1 } }),
      select({ perPartitionLimit: { value: 1 } }),
      select({ allowFiltering: true }),
      select({ distinct: true }),
      select({ count: true }),
      select({ where: [{ kind: 'compare', column: 'a', op: '<', value: 1 }] }),
      select({ where: [{ kind: 'compare', column: 'a', op: '<=', value: 1 }] }),
      select({ where: [{ kind: 'in', column: 'a', value: [1] }] }),
      select({ where: [{ kind: 'token', columns: ['a'], op: '>', value: [1] }] }),
      select({ columns: ['a', 'b'] }),
      select({ columns: ['a_b'] }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('plain INSERTs', () => {
  const insertNode = (keyspace: string, table: string, columns: readonly string[], values: readonly unknown[]): StatementNode => ({
    kind: 'insert', table: { keyspace, table }, columns, values, writesList: false, condition: { kind: 'none' }, using: { ttl: undefined, timestamp: undefined },
  });

  it('compile to the text compileStatement gives, per keyspace and table, and bind the values handed over', () => {
    clearCompiledShapes();
    const shared = shareNameList(['a', 'b']);
    const perCall = ['a', 'b'];
    for (const columns of [shared, perCall]) {
      for (const [keyspace, table] of [['k1', 't'], ['k2', 't'], ['k1', 'u'], ['k1', 't']]) {
        const values = [1, 2];
        const compiled = compilePlainInsert(keyspace, table, columns, values, false);
        expect(compiled.cql).toBe(compileStatement(insertNode(keyspace, table, columns, values)).cql);
        expect(compiled.params).toBe(values);
      }
    }
    expect(compilePlainInsert('k1', 't', shared, [3, 4], false).cql).toBe('INSERT INTO "k1"."t" ("a", "b") VALUES (?, ?)');
  });

  it('start over with the shape cache', () => {
    const columns = shareNameList(['x']);
    compilePlainInsert('k', 't', columns, [1], false);
    clearCompiledShapes();
    compilePlainInsert('k', 't', columns, [1], false);
    // Compiled again (through the shape cache) rather than answered from a memo the clear missed.
    expect(compiledShapeCount()).toBe(1);
  });
});
