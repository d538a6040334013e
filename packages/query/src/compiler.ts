// The compiler: statement node → { cql, params }. CQL text depends only on a node's shape, so it
// is cached by shape (gocqlx builds a table's statements once); a cache hit only collects values.
// Identifiers go through quoteIdentifier; values are always `?` markers, never CQL text.
import { QueryBuildError, quoteIdentifier, quoteQualified } from '@cassia/core';
import {
  NO_USING, NO_WRITE_CONDITION, type AssignmentNode, type ConditionNode, type DeleteNode, type InsertNode, type SelectNode,
  type StatementNode, type UpdateNode, type WriteConditionNode, type WriteUsingNode,
} from './statement-node';

/** CQL with `?` markers and the values bound to them, in order. */
export interface CompiledStatement {
  readonly cql: string;
  readonly params: readonly unknown[];
}

// Where the render walk writes: text is skipped on a cache hit, values are always collected, so
// text and values can never disagree on order. `textual` is false on a hit: renderers then skip
// building the text parts at all (quoting and joining were most of a hit's cost in the profile).
class Sink {
  params: unknown[] = [];
  readonly #parts: string[] | undefined;
  #bound = 0;

  constructor(readonly textual: boolean) {
    this.#parts = textual ? [] : undefined;
  }

  /** Starts collecting the values of a statement that binds `size` of them (a cached shape knows how many). */
  collect(size: number): void {
    // Sized up front: a growing array starts with room for 17 values, most of a hit's garbage.
    this.params = new Array<unknown>(size);
    this.#bound = 0;
  }

  text(part: string): void {
    this.#parts?.push(part);
  }

  bind(value: unknown): void {
    this.params[this.#bound++] = value;
  }

  joined(): string {
    return this.#parts === undefined ? '' : this.#parts.join('');
  }
}

/** One token of a node's shape: an identifier, an operator or keyword, a count or flag set, or a shared name list. */
type ShapeToken = string | number | readonly string[];

// Name lists that stand for their contents by identity (frozen, made once and reused, e.g. one
// per set of a model's INSERT columns): the list is then one token instead of its length and
// every name, a lookup per column fewer on every statement that uses it. Lists made per call
// (a select()'s columns) are never registered, or each would add its own branch to the cache.
const sharedNameLists = new WeakSet<readonly string[]>();

/** Freezes `names` and lets the compiler key shapes by the list itself (see sharedNameLists). */
export function shareNameList(names: readonly string[]): readonly string[] {
  sharedNameLists.add(Object.freeze(names));
  return names;
}

/** Receives a node's shape, token by token (see walkShape). */
interface ShapeVisitor {
  token(token: ShapeToken): void;
}

// The cache is a trie over shape tokens: a lookup steps through Maps keyed by strings the model
// already holds (column names, operators), so a hit builds no key string at all. Serialising the
// shape into a string key per statement was a fifth of a compile's cost in the bench's profile.
// Most branches have one child (a program has few shapes, and they share long prefixes), so the
// first child is kept beside the Map: following it is a comparison, not a hash lookup.
class ShapeBranch {
  firstToken: ShapeToken | undefined = undefined;
  first: ShapeBranch | undefined = undefined;
  /** Children after the first. */
  others: Map<ShapeToken, ShapeBranch> | undefined = undefined;
  cql: string | undefined = undefined;
  /** How many values a statement of this shape binds (the shape fixes it). */
  bound = 0;
}

class TrieCursor implements ShapeVisitor {
  at: ShapeBranch;

  constructor(root: ShapeBranch) {
    this.at = root;
  }

  token(token: ShapeToken): void {
    const at = this.at;
    if (at.first !== undefined && at.firstToken === token) {
      this.at = at.first;
      return;
    }
    if (at.first === undefined) {
      at.firstToken = token;
      this.at = at.first = new ShapeBranch();
      return;
    }
    const others = (at.others ??= new Map());
    let next = others.get(token);
    if (next === undefined) {
      next = new ShapeBranch();
      others.set(token, next);
    }
    this.at = next;
  }
}

const MAX_CACHED_SHAPES = 2_000;
let root = new ShapeBranch();
let cachedShapes = 0;
// Compiling is synchronous, so one cursor serves every lookup and one sink every cache hit.
const cursor = new TrieCursor(root);
const hits = new Sink(false);
// What the hit sink holds between compiles (it must not keep the last statement's values alive).
const NO_PARAMS: unknown[] = [];

/** Compiles a statement node, reusing the CQL text of an earlier node of the same shape. */
export function compileStatement(node: StatementNode): CompiledStatement {
  cursor.at = root;
  walkShape(node, cursor);
  const leaf = cursor.at;
  if (leaf.cql !== undefined) {
    hits.collect(leaf.bound);
    render(node, hits);
    const params = hits.params;
    hits.params = NO_PARAMS;
    return { cql: leaf.cql, params };
  }
  const out = new Sink(true);
  render(node, out);
  const cql = out.joined();
  // Shapes are few in real programs; the bound keeps a program that builds shapes from input in
  // check. Past it the cache starts over (simpler than an LRU, and not reached by fixed shapes).
  if (cachedShapes >= MAX_CACHED_SHAPES) {
    clearCompiledShapes();
    cursor.at = root;
    walkShape(node, cursor);
  }
  cursor.at.cql = cql;
  cursor.at.bound = out.params.length;
  cachedShapes++;
  return { cql, params: out.params };
}

/**
 * Visits the tokens of a node's shape: everything its CQL text depends on (statement kind, table,
 * column names, operators, which optional clauses are present) and none of its bound values.
 * Every list is preceded by its length (a shared list is one token), so the token sequence reads
 * one way only. Kinds, flags and operators are packed into small numbers: every token is a step
 * through the cache on every statement.
 */
export function walkShape(node: StatementNode, visit: ShapeVisitor): void {
  switch (node.kind) {
    case 'select':
      // kind 0 | flags << 2 | no column list << 7
      visit.token(
        (node.count ? 4 : 0) | (node.distinct ? 8 : 0) | (node.allowFiltering ? 16 : 0) | (node.perPartitionLimit === undefined ? 0 : 32) |
          (node.limit === undefined ? 0 : 64) | (node.columns === undefined ? 128 : 0),
      );
      tableShape(node, visit);
      if (node.columns !== undefined) names(node.columns, visit);
      conditionsShape(node.where, visit);
      visit.token(node.orderBy.length);
      for (let i = 0; i < node.orderBy.length; i++) {
        visit.token(node.orderBy[i].column);
        visit.token(node.orderBy[i].direction);
      }
      return;
    case 'insert':
      // kind 1 | using << 2 | write condition << 4
      visit.token(1 | usingBits(node.using) | writeConditionBits(node.condition));
      tableShape(node, visit);
      names(node.columns, visit);
      writeConditionsShape(node.condition, visit);
      return;
    case 'update':
      visit.token(2 | usingBits(node.using) | writeConditionBits(node.condition));
      tableShape(node, visit);
      visit.token(node.assignments.length);
      for (let i = 0; i < node.assignments.length; i++) {
        visit.token(node.assignments[i].kind);
        visit.token(node.assignments[i].column);
      }
      conditionsShape(node.where, visit);
      writeConditionsShape(node.condition, visit);
      return;
    case 'delete':
      visit.token(3 | (node.timestamp === undefined ? 0 : 4) | writeConditionBits(node.condition));
      tableShape(node, visit);
      names(node.columns, visit);
      conditionsShape(node.where, visit);
      writeConditionsShape(node.condition, visit);
      return;
  }
}

function tableShape(node: StatementNode, visit: ShapeVisitor): void {
  visit.token(node.table.keyspace);
  visit.token(node.table.table);
}

function names(list: readonly string[], visit: ShapeVisitor): void {
  if (sharedNameLists.has(list)) return visit.token(list);
  visit.token(list.length);
  for (let i = 0; i < list.length; i++) visit.token(list[i]);
}

function conditionsShape(conditions: readonly ConditionNode[], visit: ShapeVisitor): void {
  visit.token(conditions.length);
  for (let i = 0; i < conditions.length; i++) {
    const condition = conditions[i];
    visit.token(conditionCode(condition));
    if (condition.kind === 'token') names(condition.columns, visit);
    else visit.token(condition.column);
  }
}

// A condition's kind and operator as one number: kind + 8 × operator.
function conditionCode(condition: ConditionNode): number {
  switch (condition.kind) {
    case 'compare':
      return 8 * operatorCode(condition.op);
    case 'in':
      return 1;
    case 'contains':
      return 2;
    case 'containsKey':
      return 3;
    case 'token':
      return 4 + 8 * operatorCode(condition.op);
  }
}

function operatorCode(op: string): number {
  switch (op) {
    case '=':
      return 0;
    case '<':
      return 1;
    case '<=':
      return 2;
    case '>':
      return 3;
    case '>=':
      return 4;
    case '!=':
      return 5;
    default:
      throw new QueryBuildError(`Unknown operator ${JSON.stringify(op)} in a statement node.`);
  }
}

function writeConditionBits(condition: WriteConditionNode): number {
  switch (condition.kind) {
    case 'none':
      return 0;
    case 'ifExists':
      return 16;
    case 'ifNotExists':
      return 32;
    case 'if':
      return 48;
  }
}

function writeConditionsShape(condition: WriteConditionNode, visit: ShapeVisitor): void {
  if (condition.kind === 'if') conditionsShape(condition.conditions, visit);
}

function usingBits(using: WriteUsingNode): number {
  return (using.ttl === undefined ? 0 : 4) | (using.timestamp === undefined ? 0 : 8);
}

/** A node's shape as one string (for tests and diagnostics; the cache itself never builds it). */
export function shapeOf(node: StatementNode): string {
  const tokens: ShapeToken[] = [];
  walkShape(node, { token: (token) => tokens.push(token) });
  return JSON.stringify(tokens);
}

/** How many shapes are cached (for tests and diagnostics). */
export function compiledShapeCount(): number {
  return cachedShapes;
}

/** Empties the shape cache (for tests). */
export function clearCompiledShapes(): void {
  root = new ShapeBranch();
  cachedShapes = 0;
  plainInserts = new WeakMap();
}

// The text of plain INSERTs (no condition, no USING) by shared column list and keyspace: the
// statement of nearly every write, compiled once through compileStatement and then bound with no
// node, walk or copy of its values.
let plainInserts = new WeakMap<readonly string[], Map<string, { readonly table: string; readonly cql: string }>>();

/**
 * Compiles `INSERT INTO keyspace.table (columns) VALUES (?, ...)` binding `values` as they are
 * (the caller hands the array over). Same text as compileStatement gives its node.
 */
export function compilePlainInsert(keyspace: string, table: string, columns: readonly string[], values: readonly unknown[]): CompiledStatement {
  let byKeyspace = plainInserts.get(columns);
  const known = byKeyspace?.get(keyspace);
  if (known !== undefined && known.table === table) return { cql: known.cql, params: values };
  const { cql } = compileStatement({ kind: 'insert', table: { keyspace, table }, columns, values, condition: NO_WRITE_CONDITION, using: NO_USING });
  // Only lists that stand for their contents (see sharedNameLists): per-statement lists would pile up.
  if (sharedNameLists.has(columns)) {
    if (byKeyspace === undefined) plainInserts.set(columns, (byKeyspace = new Map()));
    byKeyspace.set(keyspace, { table, cql });
  }
  return { cql, params: values };
}

function render(node: StatementNode, out: Sink): void {
  switch (node.kind) {
    case 'select':
      return renderSelect(node, out);
    case 'insert':
      return renderInsert(node, out);
    case 'update':
      return renderUpdate(node, out);
    case 'delete':
      return renderDelete(node, out);
  }
}

function renderSelect(node: SelectNode, out: Sink): void {
  out.text('SELECT ');
  if (node.distinct) out.text('DISTINCT ');
  if (node.count) out.text('COUNT(*)');
  else if (node.columns === undefined) out.text('*');
  else if (out.textual) out.text(node.columns.map(quoteIdentifier).join(', '));
  if (out.textual) out.text(` FROM ${quoteQualified(node.table.keyspace, node.table.table)}`);
  renderWhere(node.where, out);
  if (node.orderBy.length > 0 && out.textual) {
    out.text(` ORDER BY ${node.orderBy.map((o) => `${quoteIdentifier(o.column)} ${o.direction.toUpperCase()}`).join(', ')}`);
  }
  if (node.perPartitionLimit !== undefined) {
    out.text(' PER PARTITION LIMIT ?');
    out.bind(node.perPartitionLimit.value);
  }
  if (node.limit !== undefined) {
    out.text(' LIMIT ?');
    out.bind(node.limit.value);
  }
  if (node.allowFiltering) out.text(' ALLOW FILTERING');
}

function renderInsert(node: InsertNode, out: Sink): void {
  if (out.textual) {
    out.text(`INSERT INTO ${quoteQualified(node.table.keyspace, node.table.table)} (`);
    out.text(node.columns.map(quoteIdentifier).join(', '));
    out.text(`) VALUES (${node.columns.map(() => '?').join(', ')})`);
  }
  for (let i = 0; i < node.values.length; i++) out.bind(node.values[i]);
  renderCondition(node.condition, out);
  renderUsing(node.using, out);
}

function renderUpdate(node: UpdateNode, out: Sink): void {
  if (out.textual) out.text(`UPDATE ${quoteQualified(node.table.keyspace, node.table.table)}`);
  renderUsing(node.using, out);
  out.text(' SET ');
  const { assignments } = node;
  for (let i = 0; i < assignments.length; i++) {
    if (i > 0) out.text(', ');
    renderAssignment(assignments[i], out);
  }
  renderWhere(node.where, out);
  renderCondition(node.condition, out);
}

function renderDelete(node: DeleteNode, out: Sink): void {
  out.text('DELETE ');
  if (out.textual) {
    if (node.columns.length > 0) out.text(`${node.columns.map(quoteIdentifier).join(', ')} `);
    out.text(`FROM ${quoteQualified(node.table.keyspace, node.table.table)}`);
  }
  if (node.timestamp !== undefined) {
    out.text(' USING TIMESTAMP ?');
    out.bind(node.timestamp.value);
  }
  renderWhere(node.where, out);
  renderCondition(node.condition, out);
}

function renderAssignment(assignment: AssignmentNode, out: Sink): void {
  if (out.textual) out.text(assignmentText(assignment.kind, quoteIdentifier(assignment.column)));
  if (assignment.kind === 'setAt') {
    out.bind(assignment.value[0]);
    out.bind(assignment.value[1]);
  } else {
    out.bind(assignment.value);
  }
}

function assignmentText(kind: AssignmentNode['kind'], column: string): string {
  switch (kind) {
    case 'set':
      return `${column} = ?`;
    case 'append':
      return `${column} = ${column} + ?`;
    case 'prepend':
      return `${column} = ? + ${column}`;
    case 'subtract':
      return `${column} = ${column} - ?`;
    case 'setAt':
      return `${column}[?] = ?`;
  }
}

function renderWhere(conditions: readonly ConditionNode[], out: Sink): void {
  if (conditions.length === 0) return;
  out.text(' WHERE ');
  renderConditions(conditions, out);
}

function renderConditions(conditions: readonly ConditionNode[], out: Sink): void {
  for (let i = 0; i < conditions.length; i++) {
    if (i > 0) out.text(' AND ');
    renderConditionNode(conditions[i], out);
  }
}

function renderConditionNode(condition: ConditionNode, out: Sink): void {
  switch (condition.kind) {
    case 'compare':
      if (out.textual) out.text(`${quoteIdentifier(condition.column)} ${condition.op} ?`);
      out.bind(condition.value);
      return;
    case 'in':
      // One marker for the whole list: the statement's shape does not depend on the list's length.
      if (out.textual) out.text(`${quoteIdentifier(condition.column)} IN ?`);
      out.bind(condition.value);
      return;
    case 'contains':
      if (out.textual) out.text(`${quoteIdentifier(condition.column)} CONTAINS ?`);
      out.bind(condition.value);
      return;
    case 'containsKey':
      if (out.textual) out.text(`${quoteIdentifier(condition.column)} CONTAINS KEY ?`);
      out.bind(condition.value);
      return;
    case 'token': {
      if (out.textual) {
        const columns = condition.columns.map(quoteIdentifier).join(', ');
        out.text(`token(${columns}) ${condition.op} token(${condition.columns.map(() => '?').join(', ')})`);
      }
      for (const value of condition.value) out.bind(value);
      return;
    }
  }
}

function renderCondition(condition: WriteConditionNode, out: Sink): void {
  switch (condition.kind) {
    case 'none':
      return;
    case 'ifExists':
      out.text(' IF EXISTS');
      return;
    case 'ifNotExists':
      out.text(' IF NOT EXISTS');
      return;
    case 'if':
      out.text(' IF ');
      renderConditions(condition.conditions, out);
      return;
  }
}

function renderUsing(using: WriteUsingNode, out: Sink): void {
  if (using.ttl === undefined && using.timestamp === undefined) return;
  if (out.textual) {
    const parts: string[] = [];
    if (using.ttl !== undefined) parts.push('TTL ?');
    if (using.timestamp !== undefined) parts.push('TIMESTAMP ?');
    out.text(` USING ${parts.join(' AND ')}`);
  }
  if (using.ttl !== undefined) out.bind(using.ttl.value);
  if (using.timestamp !== undefined) out.bind(using.timestamp.value);
}
