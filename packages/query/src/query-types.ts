// Type-level helpers of the query builders: what where/select/update/if accept for a model.
import type {
  AnyModel, ClusteringKeyOf, CollectionColumnsOf, ColumnValue, ColumnsOf, CounterColumnsOf, ElementOf, InferRow, InheritedMemberOf, IsCounterTable,
  ListColumnsOf, MapColumnsOf, MapKeyOf, MapValueOf, PartitionKeyOf, PrimaryKeyOf, SetColumnsOf,
} from '@cassia/schema';
import type { CounterOperation, ListOperation, MapOperation, SetOperation } from './update-operations';

/** Comparison operators of `where(col, op, value)`. */
export type ComparisonOperator = '=' | '<' | '<=' | '>' | '>=';
/** Every operator `where(col, op, value)` accepts. */
export type WhereOperator = ComparisonOperator | 'in' | 'contains' | 'containsKey';

/** Operators of `.if(column, op, value)` that also take null (absent). */
export type IfEqualityOperator = '=' | '!=';
/** Operators of a lightweight-transaction condition, `.if(column, op, value)`. */
export type IfOperator = ComparisonOperator | '!=' | 'in';
/** Sort direction of `orderBy`. */
export type OrderDirection = 'asc' | 'desc';

/** `where({...})`: equality on any columns of the model. */
// `| InheritedMemberOf<K>`: lets a literal leave out a column named like `toString` (see schema's infer.ts).
export type WhereValues<M extends AnyModel> = { [K in ColumnsOf<M>]?: ColumnValue<M, K> | InheritedMemberOf<K> };

/** What `contains` looks for: a list/set element or a map value. */
export type ContainedValue<V> = V extends ReadonlyMap<unknown, infer W> ? W : ElementOf<V>;

/** The partition key of a model as an object, for token ranges. */
export type PartitionKeyValues<M extends AnyModel> = { [K in PartitionKeyOf<M> & ColumnsOf<M>]: ColumnValue<M, K> };

/** A row narrowed to the selected columns. */
export type SelectedRow<M extends AnyModel, K extends ColumnsOf<M>> = {
  [P in K]: InferRow<M>[P & keyof InferRow<M>];
};

/**
 * The row of `distinct()`: the partition key when no select() narrowed the row (SELECT DISTINCT
 * reads the partition key only), else the selected columns (a narrowed row is no full row).
 */
export type DistinctRow<M extends AnyModel, R> = [R] extends [InferRow<M>] ? SelectedRow<M, PartitionKeyOf<M> & ColumnsOf<M>> : R;

/** What create()/save() of a counter table take: nothing fits, and the one property names the fix. */
export interface CounterTableInsert {
  readonly 'a counter table is written by update({ col: increment(n) }) only': never;
}

/** What an INSERT of model `M` takes: `V`, or nothing for a counter table. */
export type InsertValues<M extends AnyModel, V> = IsCounterTable<M> extends true ? CounterTableInsert : V;

/** Non-key columns, the ones a lightweight-transaction condition may test. */
export type ConditionalColumnsOf<M extends AnyModel> = Exclude<ColumnsOf<M>, PrimaryKeyOf<M>>;

/** Conditions of `.if({...})`: equality on non-key columns (null means "is absent"). */
export type IfConditions<M extends AnyModel> = {
  [K in Exclude<ColumnsOf<M>, PrimaryKeyOf<M>>]?: ColumnValue<M, K> | null | InheritedMemberOf<K>;
};

/** What `update()` accepts for one column: a plain value, or an operation fitting the column's type. */
export type UpdateValue<M extends AnyModel, K extends ColumnsOf<M>> = K extends CounterColumnsOf<M>
  ? CounterOperation
  : K extends ListColumnsOf<M>
    ? ColumnValue<M, K> | null | ListOperation<ElementOf<ColumnValue<M, K>>>
    : K extends SetColumnsOf<M>
      ? ColumnValue<M, K> | null | SetOperation<ElementOf<ColumnValue<M, K>>>
      : K extends MapColumnsOf<M>
        ? ColumnValue<M, K> | null | MapOperation<MapKeyOf<ColumnValue<M, K>>, MapValueOf<ColumnValue<M, K>>>
        : ColumnValue<M, K> | null;

/** `update(changes)`: non-key columns with values or operations. */
export type UpdateChanges<M extends AnyModel> = {
  [K in Exclude<ColumnsOf<M>, PrimaryKeyOf<M>>]?: UpdateValue<M, K> | InheritedMemberOf<K>;
};

/** Columns `delete(columns)` may clear: the non-key ones. */
export type DeletableColumnsOf<M extends AnyModel> = Exclude<ColumnsOf<M>, PrimaryKeyOf<M>>;

/** Columns `orderBy` accepts: the clustering columns. */
export type OrderableColumnsOf<M extends AnyModel> = ClusteringKeyOf<M>;

/** Columns `contains` applies to (list, set or map, values). */
export type ContainsColumnsOf<M extends AnyModel> = CollectionColumnsOf<M>;

/** Columns `containsKey` applies to (maps). */
export type ContainsKeyColumnsOf<M extends AnyModel> = Extract<
  CollectionColumnsOf<M>,
  { [K in ColumnsOf<M>]: ColumnValue<M, K> extends ReadonlyMap<unknown, unknown> ? K : never }[ColumnsOf<M>]
>;

/** What `update({})` takes instead of changes: nothing fits, and the one property names the fix. */
export interface NoChanges {
  readonly 'update() needs at least one column to change': never;
}

/**
 * `update(changes)`'s parameter: the changes `C`, or NoChanges when they name no column. (A key
 * that is no column is refused here too: the inferred `C` escapes the literal's excess property check.)
 */
export type NonEmptyChanges<M extends AnyModel, C> = [keyof C] extends [never]
  ? NoChanges
  : string extends keyof C
    ? C
    : C & { readonly [P in Exclude<keyof C, ColumnsOf<M>>]: never };
