// versioned(): optimistic locking on a version column. An INSERT writes version 1 IF NOT EXISTS;
// an UPDATE must carry the version it read, v, and becomes `SET ..., version = v+1 IF version = v`.
// A write that lost the race fails with LwtNotAppliedError (its `existing` holds the current version).
import { QueryBuildError, type Middleware, type ModelMiddleware } from '@cassia/core';
import type { AnyModel } from '@cassia/schema';
import { describeInput } from './describe-input';
import { columnOption, middlewareOptions, typedColumn } from './model-middleware-checks';

/** Options of `versioned()`. */
export interface VersionedOptions {
  /** The property name of the version column (`t.int()` or `t.bigint()`); default `'version'`. */
  column?: string;
}

/**
 * Optimistic locking: `use(Model, versioned())`. create/save insert version 1 with IF NOT
 * EXISTS; `update({ ..., version: v })` (v: the version read) sets v+1 IF version = v; an update
 * without the version is a QueryBuildError and nothing is sent. A stale write raises
 * LwtNotAppliedError. The column must be an int or bigint, non-key column (ConfigurationError at `use`).
 */
export function versioned(options?: VersionedOptions): ModelMiddleware {
  const given = middlewareOptions(options, ['column'], 'versioned()');
  const property = columnOption(given.column, 'version', 'versioned(): column');
  return Object.freeze({
    forModel(model: object): Middleware {
      const column = typedColumn(model as AnyModel, property, ['int', 'bigint'], 'versioned()');
      const big = column.cql.kind === 'native' && column.cql.name === 'bigint';
      const table = (model as AnyModel).table;
      return (statement, next) => {
        const kind = statement.info.kind;
        if (kind === 'insert') {
          statement.assign(property, big ? 1n : 1);
          statement.ifNotExists();
        } else if (kind === 'update') {
          const read = statement.row()?.[property];
          if (typeof read !== 'number' && typeof read !== 'bigint') {
            throw new QueryBuildError(
              `update() of "${table}" is versioned: pass the version you read, update({ ..., ${property}: v }); got ${describeInput(read)}.`,
            );
          }
          statement.assign(property, typeof read === 'bigint' ? read + 1n : read + 1);
          statement.onlyIf(property, '=', read);
        }
        return next();
      };
    },
  });
}
