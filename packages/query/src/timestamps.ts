// timestamps(): a model middleware that fills a created-at column on INSERT and an updated-at
// column on INSERT and UPDATE, unless the write gives them itself.
import type { Middleware, ModelMiddleware } from '@cassia/core';
import type { AnyModel } from '@cassia/schema';
import { columnOption, middlewareOptions, typedColumn } from './model-middleware-checks';

/** Options of `timestamps()`: the property names of the columns (`false` leaves one out). */
export interface TimestampsOptions {
  /** Set on INSERT (create, save); default `'created_at'`. */
  createdAt?: string | false;
  /** Set on INSERT and UPDATE; default `'updated_at'`. */
  updatedAt?: string | false;
}

/**
 * Fills timestamp columns: `use(Model, timestamps())`. The columns must be `t.timestamp()`
 * columns of the model (ConfigurationError at `use` otherwise). A value the write gives wins.
 */
export function timestamps(options?: TimestampsOptions): ModelMiddleware {
  const given = middlewareOptions(options, ['createdAt', 'updatedAt'], 'timestamps()');
  const createdAt = given.createdAt === false ? undefined : columnOption(given.createdAt, 'created_at', 'timestamps(): createdAt');
  const updatedAt = given.updatedAt === false ? undefined : columnOption(given.updatedAt, 'updated_at', 'timestamps(): updatedAt');
  return Object.freeze({
    forModel(model: object): Middleware {
      const created = createdAt === undefined ? undefined : typedColumn(model as AnyModel, createdAt, ['timestamp'], 'timestamps()');
      const updated = updatedAt === undefined ? undefined : typedColumn(model as AnyModel, updatedAt, ['timestamp'], 'timestamps()');
      return (statement, next) => {
        const { kind, columns } = statement.info;
        if (kind === 'insert' || kind === 'update') {
          // One clock reading per statement, so both columns of a new row agree.
          const now = new Date();
          if (kind === 'insert' && created !== undefined && !columns.includes(created.dbName)) statement.assign(created.property, now);
          if (updated !== undefined && !columns.includes(updated.dbName)) statement.assign(updated.property, now);
        }
        return next();
      };
    },
  });
}
