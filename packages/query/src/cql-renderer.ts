// The renderer: a statement node → CQL text and bound values, written to a sink. Pure: no cache,
// no I/O. Identifiers go through quoteIdentifier; values are always `?` markers, never CQL text.
// Text and values are written by the same walk, so they can never disagree on order.
import { quoteIdentifier, quoteQualified } from '@cassia/core/internal';
import type {
  AssignmentNode, ConditionNode, DeleteNode, InsertNode, SelectExpressionNode, SelectNode, StatementNode, UpdateNode, WriteConditionNode,
  WriteUsingNode,
} from './statement-node';

/**
 * Where a render writes. A sink that is not `textual` drops the text (its shape's text is known
 * already) and renderers then skip building text parts at all; values are always collected.
 */
export class CqlSink {
  params: unknown[] = [];
  readonly #parts: string[] | undefined;
  #bound = 0;

  constructor(readonly textual: boolean) {
    this.#parts = textual ? [] : undefined;
  }

  /** Starts collecting the values of a statement that binds `size` of them (allocated at that size). */
  collect(size: number): void {
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

/** Writes `node`'s CQL text (if the sink is textual) and bound values to `out`. */
export function renderStatement(node: StatementNode, out: CqlSink): void {
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

function renderSelect(node: SelectNode, out: CqlSink): void {
  out.text('SELECT ');
  if (node.distinct) out.text('DISTINCT ');
  const extras = node.extras;
  if (node.count) out.text('COUNT(*)');
  else if (extras !== undefined && extras.expressions.length > 0) renderSelectors(node.columns ?? [], extras.expressions, out);
  else if (node.columns === undefined) out.text('*');
  else if (out.textual) out.text(node.columns.map(quoteIdentifier).join(', '));
  if (out.textual) out.text(` FROM ${quoteQualified(node.table.keyspace, node.table.table)}`);
  renderWhere(node.where, out);
  if (extras !== undefined && extras.groupBy.length > 0 && out.textual) out.text(` GROUP BY ${extras.groupBy.map(quoteIdentifier).join(', ')}`);
  if (node.orderBy.length > 0 && out.textual) {
    out.text(` ORDER BY ${node.orderBy.map((o) => `${quoteIdentifier(o.column)} ${o.direction.toUpperCase()}`).join(', ')}`);
  }
  if (extras?.ann !== undefined) {
    if (out.textual) out.text(` ORDER BY ${quoteIdentifier(extras.ann.column)} ANN OF ?`);
    out.bind(extras.ann.value);
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

// Columns, then each expression `AS "alias"`; a similarity's query vector is bound, never written.
function renderSelectors(columns: readonly string[], expressions: readonly SelectExpressionNode[], out: CqlSink): void {
  if (out.textual) out.text(columns.map(quoteIdentifier).join(', '));
  for (let i = 0; i < expressions.length; i++) {
    const expression = expressions[i];
    if (out.textual) {
      if (columns.length > 0 || i > 0) out.text(', ');
      out.text(`${selectorText(expression)} AS ${quoteIdentifier(expression.alias)}`);
    }
    if (expression.kind === 'similarity') out.bind(expression.value);
  }
}

function selectorText(expression: SelectExpressionNode): string {
  switch (expression.kind) {
    case 'similarity':
      return `similarity_${expression.fn}(${quoteIdentifier(expression.column)}, ?)`;
    case 'count':
      return expression.column === undefined ? 'COUNT(*)' : `COUNT(${quoteIdentifier(expression.column)})`;
    case 'writetime':
    case 'ttl':
      return `${expression.kind.toUpperCase()}(${quoteIdentifier(expression.column)})`;
    case 'min':
    case 'max':
    case 'sum':
    case 'avg':
      return `${expression.kind.toUpperCase()}(${quoteIdentifier(expression.column)})`;
  }
}

function renderInsert(node: InsertNode, out: CqlSink): void {
  if (out.textual) {
    out.text(`INSERT INTO ${quoteQualified(node.table.keyspace, node.table.table)} (`);
    out.text(node.columns.map(quoteIdentifier).join(', '));
    out.text(`) VALUES (${node.columns.map(() => '?').join(', ')})`);
  }
  for (let i = 0; i < node.values.length; i++) out.bind(node.values[i]);
  renderCondition(node.condition, out);
  renderUsing(node.using, out);
}

function renderUpdate(node: UpdateNode, out: CqlSink): void {
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

function renderDelete(node: DeleteNode, out: CqlSink): void {
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

function renderAssignment(assignment: AssignmentNode, out: CqlSink): void {
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
    case 'replaceList':
      return `${column} = ?`;
    case 'append':
    case 'merge':
      return `${column} = ${column} + ?`;
    case 'prepend':
      return `${column} = ? + ${column}`;
    case 'subtract':
    case 'discard':
      return `${column} = ${column} - ?`;
    case 'setAt':
      return `${column}[?] = ?`;
  }
}

function renderWhere(conditions: readonly ConditionNode[], out: CqlSink): void {
  if (conditions.length === 0) return;
  out.text(' WHERE ');
  renderConditions(conditions, out);
}

function renderConditions(conditions: readonly ConditionNode[], out: CqlSink): void {
  for (let i = 0; i < conditions.length; i++) {
    if (i > 0) out.text(' AND ');
    renderConditionNode(conditions[i], out);
  }
}

function renderConditionNode(condition: ConditionNode, out: CqlSink): void {
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

function renderCondition(condition: WriteConditionNode, out: CqlSink): void {
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

function renderUsing(using: WriteUsingNode, out: CqlSink): void {
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
