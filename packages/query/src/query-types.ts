// Type-level helpers of the query builders: what where/select/update/if accept for a model.
import type {
  AnyModel, ClusteringKeyOf, CollectionColumnsOf, ColumnValue, ColumnsOf, CounterColumnsOf, ElementOf, InferRow, InheritedMemberOf, IsCounterTable,
  ListColumnsOf, MapColumnsOf, MapKeyOf, MapValueOf, PartitionKeyOf, PrimaryKeyOf, RequiredColumnsOf, SetColumnsOf,
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

/** What `where(column, 'contains', …)` takes on a column that is no collection: nothing fits, and the property names the fix. */
export interface NotACollection {
  readonly "'contains' needs a list, set or map column": never;
}

/** What `where(column, 'containsKey', …)` takes on a column that is no map: nothing fits, and the property names the fix. */
export interface NotAMap {
  readonly "'containsKey' needs a map column": never;
}

/** The operand of `where(column, op, operand)`: typed by the operator (distributes over an operator union). */
export type WhereOperand<M extends AnyModel, K extends ColumnsOf<M>, O extends WhereOperator> = [O] extends [never]
  ? unknown // an operator cast to never: left to the run-time check
  : O extends 'in'
  ? readonly ColumnValue<M, K>[]
  : O extends 'contains'
    ? K extends ContainsColumnsOf<M>
      ? ContainedValue<ColumnValue<M, K>>
      : NotACollection
    : O extends 'containsKey'
      ? K extends ContainsKeyColumnsOf<M>
        ? MapKeyOf<ColumnValue<M, K>>
        : NotAMap
      : ColumnValue<M, K>;

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

/**
 * Conditions of `.if({...})`: equality on non-key columns (null means "is absent"). A key column
 * takes only the message saying why, so naming one is blamed on its value with that message.
 */
export type IfConditions<M extends AnyModel> = {
  [K in Exclude<ColumnsOf<M>, PrimaryKeyOf<M>>]?: ColumnValue<M, K> | null | InheritedMemberOf<K>;
} & { [K in PrimaryKeyOf<M>]?: KeyColumnInIf<K> };

/** What `.if()` takes for a primary key column: nothing fits, and the type is the message. */
export type KeyColumnInIf<K extends string> = `if() tests non-key columns: restrict "${K}" with where()`;

/**
 * The operator of `.if(column, op, operand)`: `O`, or for a key column the message saying why it
 * cannot be tested. (Checked here, not on the column, so the column keeps its completions.)
 */
export type IfOperatorOn<M extends AnyModel, K extends ColumnsOf<M>, O extends IfOperator> = K extends PrimaryKeyOf<M> ? KeyColumnInIf<K> : O;

/**
 * The operand of `.if(column, op, operand)`, typed by the operator as where()'s is: a list for
 * `in`, a value or null (absent) for `=` and `!=`, a value for `< <= > >=`.
 */
export type IfOperand<M extends AnyModel, K extends ColumnsOf<M>, O extends IfOperator> = [O] extends [never]
  ? unknown // an operator cast to never: left to the run-time check
  : O extends 'in'
    ? readonly ColumnValue<M, K>[]
    : O extends IfEqualityOperator
      ? ColumnValue<M, K> | null
      : ColumnValue<M, K>;

/**
 * An operation written as a plain object (`{ add: ['x'] }`): one member per operation name whose
 * value type is the fix, so the error names the function to call instead of matching the object
 * against `Set.prototype.add` & co.
 */
export type OperationWrittenByHand<Names extends string> = {
  [P in Names]: { readonly [Q in P]: `write ${Q}(…) from @cassia/query, not { ${Q}: … }` };
}[Names];

/** What `update()` accepts for one column: a plain value, or an operation fitting the column's type. */
// A set is taken as a ReadonlySet (any Set is one): its type has no `add`/`delete` methods for an
// object literal written by hand to be matched against.
export type UpdateValue<M extends AnyModel, K extends ColumnsOf<M>> = K extends CounterColumnsOf<M>
  ? CounterOperation | OperationWrittenByHand<'increment' | 'decrement'>
  : K extends ListColumnsOf<M>
    ? ColumnValue<M, K> | null | ListOperation<ElementOf<ColumnValue<M, K>>> | OperationWrittenByHand<'append' | 'prepend' | 'remove' | 'setAt'>
    : K extends SetColumnsOf<M>
      ? ReadonlySet<ElementOf<ColumnValue<M, K>>> | null | SetOperation<ElementOf<ColumnValue<M, K>>> | OperationWrittenByHand<'add' | 'remove'>
      : K extends MapColumnsOf<M>
        ? ColumnValue<M, K> | null | MapOperation<MapKeyOf<ColumnValue<M, K>>, MapValueOf<ColumnValue<M, K>>> | OperationWrittenByHand<'put' | 'removeKeys'>
        : ColumnValue<M, K> | null;

/** `update(changes)`: non-key columns with values or operations (a required column not null). */
export type UpdateChanges<M extends AnyModel> = {
  [K in Exclude<ColumnsOf<M>, PrimaryKeyOf<M>>]?: Exclude<UpdateValue<M, K>, K extends RequiredColumnsOf<M> ? null : never> | InheritedMemberOf<K>;
};

/** Columns `delete(columns)` may clear: the non-key ones that are not required. */
export type DeletableColumnsOf<M extends AnyModel> = Exclude<ColumnsOf<M>, PrimaryKeyOf<M> | RequiredColumnsOf<M>>;

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
