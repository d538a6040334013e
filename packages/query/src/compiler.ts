// The compiler: statement node → { cql, params }. CQL text depends only on a node's shape, so it
// is cached by shape (gocqlx builds a table's statements once); a cache hit only collects values.
// Identifiers go through quoteIdentifier; values are always `?` markers, never CQL text.
import { quoteIdentifier, quoteQualified } from '@cassia/core';
import type {
  AssignmentNode, ConditionNode, DeleteNode, InsertNode, SelectNode, StatementNode, UpdateNode, WriteConditionNode,
  WriteUsingNode,
} from './statement-node';

/** CQL with `?` markers and the values bound to them, in order. */
export interface CompiledStatement {
  readonly cql: string;
  readonly params: readonly unknown[];
}

// Where the walk writes: text is skipped on a cache hit, values are always collected, so text
// and values can never disagree on order. `textual` is false on a hit: renderers then skip
// building the text parts at all (quoting and joining were most of a hit's cost in the profile).
interface Sink {
  readonly textual: boolean;
  text(part: string): void;
  bind(value: unknown): void;
}

const MAX_CACHED_SHAPES = 2_000;
const cache = new Map<string, string>();

/** Compiles a statement node, reusing the CQL text of an earlier node of the same shape. */
export function compileStatement(node: StatementNode): CompiledStatement {
  const key = shapeOf(node);
  const params: unknown[] = [];
  const cached = cache.get(key);
  if (cached !== undefined) {
    render(node, { textual: false, text: () => undefined, bind: (value) => params.push(value) });
    return { cql: cached, params };
  }
  const parts: string[] = [];
  render(node, { textual: true, text: (part) => parts.push(part), bind: (value) => params.push(value) });
  const cql = parts.join('');
  // Shapes are few in real programs; the bound keeps a program that builds shapes from input in check.
  if (cache.size >= MAX_CACHED_SHAPES) cache.delete(cache.keys().next().value as string);
  cache.set(key, cql);
  return { cql, params };
}

/**
 * The cache key of a node: everything the CQL text depends on (statement kind, table, column
 * names, operators, which optional clauses are present), and none of the bound values. Built by
 * hand rather than by serialising the node: this runs for every statement, and a generic
 * serialisation cost more than rendering the text (the bench's profile showed it on top).
 * Identifiers are `[A-Za-z][A-Za-z0-9_]*`, so the punctuation between them cannot be ambiguous.
 */
export function shapeOf(node: StatementNode): string {
  const table = `${node.table.keyspace}.${node.table.table}`;
  switch (node.kind) {
    case 'select':
      return (
        `S ${table} ${node.columns === undefined ? '*' : node.columns.join(',')} ` +
        `${node.count ? 'c' : ''}${node.distinct ? 'd' : ''}${node.allowFiltering ? 'f' : ''}` +
        `${node.perPartitionLimit === undefined ? '' : 'p'}${node.limit === undefined ? '' : 'l'} ` +
        `W${conditionsShape(node.where)} O${node.orderBy.map((o) => `${o.column} ${o.direction}`).join(',')}`
      );
    case 'insert':
      return `I ${table} ${node.values.map((v) => v.column).join(',')} ${writeConditionShape(node.condition)} ${usingShape(node.using)}`;
    case 'update':
      return (
        `U ${table} ${node.assignments.map((a) => `${a.kind} ${a.column}`).join(',')} ` +
        `W${conditionsShape(node.where)} ${writeConditionShape(node.condition)} ${usingShape(node.using)}`
      );
    case 'delete':
      return (
        `D ${table} ${node.columns.join(',')} ${node.timestamp === undefined ? '' : 't'} ` +
        `W${conditionsShape(node.where)} ${writeConditionShape(node.condition)}`
      );
  }
}

function conditionsShape(conditions: readonly ConditionNode[]): string {
  let shape = '';
  for (const condition of conditions) {
    if (condition.kind === 'token') shape += `;token(${condition.columns.join(',')})${condition.op}`;
    else shape += `;${condition.column} ${condition.kind === 'compare' ? condition.op : condition.kind}`;
  }
  return shape;
}

function writeConditionShape(condition: WriteConditionNode): string {
  return condition.kind === 'if' ? `if${conditionsShape(condition.conditions)}` : condition.kind;
}

function usingShape(using: WriteUsingNode): string {
  return `${using.ttl === undefined ? '' : 'ttl'}${using.timestamp === undefined ? '' : 'ts'}`;
}

/** How many shapes are cached (for tests and diagnostics). */
export function compiledShapeCount(): number {
  return cache.size;
}

/** Empties the shape cache (for tests). */
export function clearCompiledShapes(): void {
  cache.clear();
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
    out.text(node.values.map((v) => quoteIdentifier(v.column)).join(', '));
    out.text(`) VALUES (${node.values.map(() => '?').join(', ')})`);
  }
  for (const entry of node.values) out.bind(entry.value);
  renderCondition(node.condition, out);
  renderUsing(node.using, out);
}

function renderUpdate(node: UpdateNode, out: Sink): void {
  if (out.textual) out.text(`UPDATE ${quoteQualified(node.table.keyspace, node.table.table)}`);
  renderUsing(node.using, out);
  out.text(' SET ');
  node.assignments.forEach((assignment, i) => {
    if (i > 0) out.text(', ');
    renderAssignment(assignment, out);
  });
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
  const column = out.textual ? quoteIdentifier(assignment.column) : '';
  switch (assignment.kind) {
    case 'set':
      out.text(`${column} = ?`);
      out.bind(assignment.value);
      return;
    case 'append':
      out.text(`${column} = ${column} + ?`);
      out.bind(assignment.value);
      return;
    case 'prepend':
      out.text(`${column} = ? + ${column}`);
      out.bind(assignment.value);
      return;
    case 'subtract':
      out.text(`${column} = ${column} - ?`);
      out.bind(assignment.value);
      return;
    case 'setAt':
      out.text(`${column}[?] = ?`);
      out.bind(assignment.value[0]);
      out.bind(assignment.value[1]);
      return;
  }
}

function renderWhere(conditions: readonly ConditionNode[], out: Sink): void {
  if (conditions.length === 0) return;
  out.text(' WHERE ');
  renderConditions(conditions, out);
}

function renderConditions(conditions: readonly ConditionNode[], out: Sink): void {
  conditions.forEach((condition, i) => {
    if (i > 0) out.text(' AND ');
    renderConditionNode(condition, out);
  });
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
