// A query builder's state apart from its where() list: frozen plain data that the read terminals
// and the write drafts turn into statements. A builder call makes a new state (patchState) and
// never changes one, so builders share states and their frozen parts freely.
import type { Batch } from './batch';
import type { StatementOptions } from './executor';
import { shareStatementOptions } from '@cassia/core/internal';
import type { OrderDirection } from './query-types';
import type { SelectExtras } from './select-extras';
import { NO_WRITE_CONDITION, type ConditionNode, type WriteConditionNode } from './statement-node';

/** The builder's frozen state (the where() list is kept apart: see QueryImpl). */
export interface QueryState {
  /** Selected database column names; undefined selects every column. */
  readonly columns: readonly string[] | undefined;
  readonly orderBy: readonly { readonly column: string; readonly direction: OrderDirection }[];
  readonly limit: number | undefined;
  readonly perPartitionLimit: number | undefined;
  readonly allowFiltering: boolean;
  readonly distinct: boolean;
  readonly options: StatementOptions;
  readonly condition: WriteConditionNode;
  readonly ttl: number | undefined;
  readonly timestamp: bigint | number | undefined;
  readonly batch: Batch | undefined;
  /** Select expressions, ANN ordering and GROUP BY (select-extras.ts); undefined for plain reads. */
  readonly extras: SelectExtras | undefined;
}

/** The where() list of a builder without restrictions (shared: lists are only read). */
export const NO_CONDITIONS: readonly ConditionNode[] = Object.freeze([]);

/** The state of a root builder. */
export const EMPTY_STATE: QueryState = Object.freeze({
  columns: undefined,
  orderBy: Object.freeze([]),
  limit: undefined,
  perPartitionLimit: undefined,
  allowFiltering: false,
  distinct: false,
  // Null-prototype: the connection reads these options by name, and an inherited one is no option.
  options: shareStatementOptions(Object.create(null) as StatementOptions),
  condition: NO_WRITE_CONDITION,
  ttl: undefined,
  timestamp: undefined,
  batch: undefined,
  extras: undefined,
});

/** A new frozen state: `state` with the fields `patch` has as own keys replaced. */
export function patchState(state: QueryState, patch: Partial<QueryState>): QueryState {
  // Field by field rather than `{ ...state, ...patch }`: a spread enumerates both objects'
  // keys at run time, and this runs once per builder call.
  return Object.freeze({
    columns: 'columns' in patch ? patch.columns : state.columns,
    orderBy: 'orderBy' in patch ? patch.orderBy! : state.orderBy,
    limit: 'limit' in patch ? patch.limit : state.limit,
    perPartitionLimit: 'perPartitionLimit' in patch ? patch.perPartitionLimit : state.perPartitionLimit,
    allowFiltering: 'allowFiltering' in patch ? patch.allowFiltering! : state.allowFiltering,
    distinct: 'distinct' in patch ? patch.distinct! : state.distinct,
    options: 'options' in patch ? patch.options! : state.options,
    condition: 'condition' in patch ? patch.condition! : state.condition,
    ttl: 'ttl' in patch ? patch.ttl : state.ttl,
    timestamp: 'timestamp' in patch ? patch.timestamp : state.timestamp,
    batch: 'batch' in patch ? patch.batch : state.batch,
    extras: 'extras' in patch ? patch.extras : state.extras,
  });
}
