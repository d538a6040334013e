// What the table planner derives from a model alone, and from a table description alone, made once
// per object: models are frozen, and a description read into the keyspace schema cache is planned
// against again and again while the cluster's schema version holds.
import type { AnyModel } from '@cassia/schema';
import { cqlTypeText } from '@cassia/schema/internal';
import type { ColumnDescription, ColumnKind, TableDescription } from './schema-description';

/** One model column as the planner compares it. */
export interface PlannedColumn {
  readonly property: string;
  readonly dbName: string;
  readonly kind: ColumnKind;
  /** Its CQL type as Cassandra spells it. */
  readonly type: string;
}

/** A model's side of the comparison. */
export interface ModelPlanShape {
  readonly columns: readonly PlannedColumn[];
  readonly byProperty: ReadonlyMap<string, PlannedColumn>;
  readonly dbNames: ReadonlySet<string>;
  /** Partition key column names, in order. */
  readonly partition: readonly string[];
  /** Clustering columns as `name ORDER`, in order. */
  readonly clustering: readonly string[];
  /** The primary key columns, partition key first. */
  readonly keyColumns: readonly PlannedColumn[];
  /** `PRIMARY KEY ((p, ...), c ORDER, ...)`, compared with the table's. */
  readonly primaryKey: string;
}

/** A table description's side of the comparison. */
export interface TablePlanShape {
  readonly byName: ReadonlyMap<string, ColumnDescription>;
  readonly partition: readonly string[];
  readonly clustering: readonly string[];
  readonly primaryKey: string;
}

const modelShapes = new WeakMap<AnyModel, ModelPlanShape>();
const tableShapes = new WeakMap<TableDescription, TablePlanShape>();

/** `PRIMARY KEY ((p, ...), c ORDER, ...)` of partition names and clustering `name ORDER` entries. */
export function primaryKeyLayout(partition: readonly string[], clustering: readonly string[]): string {
  return `PRIMARY KEY ((${partition.join(', ')})${clustering.map((entry) => `, ${entry}`).join('')})`;
}

export function modelPlanShapeOf(model: AnyModel): ModelPlanShape {
  let shape = modelShapes.get(model);
  if (shape === undefined) {
    const kindOf = (property: string): ColumnKind => {
      if (model.partitionKey.includes(property)) return 'partition_key';
      if (model.clusteringKey.some((c) => c.column === property)) return 'clustering';
      return model.staticColumns.includes(property) ? 'static' : 'regular';
    };
    const columns = Object.keys(model.columns).map(
      (property): PlannedColumn => ({ property, dbName: model.dbNames[property], kind: kindOf(property), type: cqlTypeText(model.columns[property]) }),
    );
    const byProperty = new Map(columns.map((column) => [column.property, column]));
    const partition = model.partitionKey.map((property) => model.dbNames[property]);
    const clustering = model.clusteringKey.map((c) => `${model.dbNames[c.column]} ${c.order.toUpperCase()}`);
    shape = {
      columns,
      byProperty,
      dbNames: new Set(columns.map((column) => column.dbName)),
      partition,
      clustering,
      keyColumns: [...model.partitionKey, ...model.clusteringKey.map((c) => c.column)].map((property) => byProperty.get(property) as PlannedColumn),
      primaryKey: primaryKeyLayout(partition, clustering),
    };
    modelShapes.set(model, shape);
  }
  return shape;
}

export function tablePlanShapeOf(table: TableDescription): TablePlanShape {
  let shape = tableShapes.get(table);
  if (shape === undefined) {
    const byPosition = (kind: ColumnKind): ColumnDescription[] =>
      table.columns.filter((column) => column.kind === kind).sort((a, b) => a.position - b.position);
    const partition = byPosition('partition_key').map((c) => c.name);
    const clustering = byPosition('clustering').map((c) => `${c.name} ${c.clusteringOrder.toUpperCase()}`);
    shape = { byName: new Map(table.columns.map((column) => [column.name, column])), partition, clustering, primaryKey: primaryKeyLayout(partition, clustering) };
    tableShapes.set(table, shape);
  }
  return shape;
}
