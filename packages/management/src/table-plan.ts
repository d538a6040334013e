// Plans what syncTable runs on one target from the model and the target's description: the whole
// plan is made (and every mismatch or change the server would refuse found) before anything runs, so
// a mismatch changes nothing. Creations and additions are IF NOT EXISTS, so concurrent syncs converge.
import { KeyspaceNotFoundError, SchemaMismatchError } from '@cassia/core';
import type { AnyModel } from '@cassia/schema';
import { addColumnCql, alterTableOptionsCql, createIndexCql, createTableCql } from '@cassia/schema/internal';
import { normalizeCqlType, sameCqlType } from './cql-type-normalization';
import { statementsOf, type TableDdl } from './ddl-stages';
import { indexDifferences, sameIndexTarget } from './index-comparison';
import { modelPlanShapeOf, tablePlanShapeOf, type ModelPlanShape, type PlannedColumn, type TablePlanShape } from './plan-shapes';
import type { PlanTarget } from './plan-target';
import { checkColumnReAdd } from './refused-changes';
import type { ColumnKind, KeyspaceDescription } from './schema-description';
import type { SyncAction } from './sync-result';
import { diffTableOptions } from './table-options-diff';
import { planUserTypes } from './type-plan';

const IF_NOT_EXISTS = { ifNotExists: true } as const;

/** The DDL that would bring one target's table up to the model, in the order it must run. */
export interface TablePlan {
  readonly action: SyncAction;
  /** Every statement, in order: `ddl`'s types, table statements, then indexes. */
  readonly statements: readonly string[];
  readonly warnings: readonly string[];
  /** The same statements by the stage they run in (ddl-stages.ts). */
  readonly ddl: TableDdl;
}

/** Plans one target; throws KeyspaceNotFoundError, SchemaMismatchError or ConfigurationError (unknown option). */
export function planTable(model: AnyModel, target: PlanTarget, keyspace: KeyspaceDescription): TablePlan {
  if (!keyspace.exists) throw new KeyspaceNotFoundError(target.connection, target.keyspace);
  const types = planUserTypes(model.userTypes, target, keyspace.types, keyspace.partitionKeyColumns);
  if (keyspace.table === undefined) {
    const ddl: TableDdl = {
      table: model.table,
      typeStatements: types.statements,
      tableStatements: [createTableCql(model, target.keyspace, IF_NOT_EXISTS)],
      indexStatements: model.indexes.map((index) => createIndexCql(model, index, target.keyspace, IF_NOT_EXISTS)),
    };
    return { action: 'created', statements: statementsOf([ddl]), warnings: types.warnings, ddl };
  }
  const table = keyspace.table;
  const where = { ...target, table: model.table };
  const shape = modelPlanShapeOf(model);
  const tableShape = tablePlanShapeOf(table);
  checkPrimaryKey(shape, tableShape, where);

  const tableStatements: string[] = [];
  const indexStatements: string[] = [];
  const warnings = [...types.warnings];
  const added: PlannedColumn[] = [];
  for (const planned of shape.columns) {
    const { property, dbName, kind: expectedKind, type: expected } = planned;
    const column = tableShape.byName.get(dbName);
    if (column === undefined) {
      // Key columns are never missing here: checkPrimaryKey already compared them.
      checkColumnReAdd(where, table, { name: dbName, type: expected, kind: expectedKind });
      tableStatements.push(addColumnCql(model, property, target.keyspace, IF_NOT_EXISTS));
      added.push(planned);
      continue;
    }
    if (column.kind !== expectedKind) {
      throw new SchemaMismatchError({
        ...where,
        column: dbName,
        expected: describeColumn(expected, expectedKind),
        actual: describeColumn(column.type, column.kind),
      });
    }
    if (!sameCqlType(expected, column.type)) {
      throw new SchemaMismatchError({ ...where, column: dbName, expected, actual: column.type });
    }
  }
  const extraColumns = table.columns.filter((column) => !shape.dbNames.has(column.name));
  for (const column of extraColumns) {
    warnings.push(
      `column "${column.name}" (${column.type}) is in the database but not in the model; left in place (sync never drops columns)`,
    );
  }
  for (const { dbName, kind, type } of added) {
    // A changed dbName looks exactly like this: a new column beside an old one of the same type.
    const twin = extraColumns.find((column) => column.kind === kind && sameCqlType(column.type, type));
    if (twin !== undefined) {
      warnings.push(
        `column "${dbName}" is added as a new, empty column while "${twin.name}" (same type) is in the ` +
          `database but not in the model: if the model renamed it (dbName), its data stays in "${twin.name}"; sync never ` +
          `renames a column, a rename needs a migration (copy the data, then drop the old column)`,
      );
    }
  }

  const options = diffTableOptions(model.options, table.options);
  warnings.push(...options.warnings);
  if (Object.keys(options.changed).length > 0) tableStatements.push(alterTableOptionsCql(model, target.keyspace, options.changed));

  for (const index of model.indexes) {
    const existing = table.indexes.find((candidate) => candidate.name === index.name);
    if (existing !== undefined) {
      const differences = indexDifferences(model, index, existing);
      if (differences.length > 0) {
        // Sync never drops an index, and CREATE INDEX IF NOT EXISTS would keep the old one: say so.
        warnings.push(
          `index "${index.name}" differs from the model (${differences.join('; ')}); left as it is: drop it ` +
            `(DROP INDEX "${target.keyspace}"."${index.name}") and sync again to recreate it as the model says`,
        );
      }
      continue;
    }
    const twin = table.indexes.find((candidate) => sameIndexTarget(model, index, candidate));
    if (twin !== undefined) {
      // Cassandra refuses a second index on the same target, so creating it would fail.
      warnings.push(`index "${index.name}" not created: the database indexes "${index.dbColumn}" already as "${twin.name}"`);
      continue;
    }
    indexStatements.push(createIndexCql(model, index, target.keyspace, IF_NOT_EXISTS));
  }
  const modelIndexes = new Set(model.indexes.map((index) => index.name));
  for (const index of table.indexes) {
    if (!modelIndexes.has(index.name) && !model.indexes.some((i) => sameIndexTarget(model, i, index))) {
      warnings.push(`index "${index.name}" is in the database but not in the model; left in place`);
    }
  }
  const ddl: TableDdl = { table: model.table, typeStatements: types.statements, tableStatements, indexStatements };
  const all = statementsOf([ddl]);
  return { action: all.length > 0 ? 'updated' : 'unchanged', statements: all, warnings, ddl };
}

function checkPrimaryKey(model: ModelPlanShape, table: TablePlanShape, where: PlanTarget & { table: string }): void {
  if (model.primaryKey !== table.primaryKey) {
    const column = firstDifference(model.partition, table.partition) ?? firstDifference(model.clustering, table.clustering)?.split(' ')[0] ?? '(primary key)';
    throw new SchemaMismatchError({ ...where, column, expected: model.primaryKey, actual: table.primaryKey });
  }
  for (const { dbName, type } of model.keyColumns) {
    const column = table.byName.get(dbName);
    if (column !== undefined && !sameCqlType(type, column.type)) {
      throw new SchemaMismatchError({ ...where, column: dbName, expected: type, actual: column.type });
    }
  }
}

function firstDifference(expected: readonly string[], actual: readonly string[]): string | undefined {
  for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
    if (expected[i] !== actual[i]) return expected[i] ?? actual[i];
  }
  return undefined;
}

function describeColumn(type: string, kind: ColumnKind): string {
  switch (kind) {
    case 'static':
      return `${normalizeCqlType(type)} static`;
    case 'partition_key':
      return `${normalizeCqlType(type)} (partition key)`;
    case 'clustering':
      return `${normalizeCqlType(type)} (clustering column)`;
    case 'regular':
      return normalizeCqlType(type);
  }
}
