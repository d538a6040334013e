// The type-state of a Query: which columns its where() restricted (and how), and which write
// condition it carries, as a phantom type; the terminals that need a key (get, update, delete) and
// the inserts (create, save) are typed by it. Types only: nothing here exists at run time.
import type { AnyModel, ColumnsOf, PartitionKeyOf, PrimaryKeyOf } from '@cassia/schema';

/** How where() restricted a column last: `=`, `in`, a range (`< <= > >=`), or contains / containsKey. */
export type Restriction = 'eq' | 'in' | 'range' | 'contains';

/** The write condition a query carries: ifNotExists(), ifExists() or if(...). */
export type WriteConditionKind = 'ifNotExists' | 'ifExists' | 'if';

/**
 * What a query's type knows of its restrictions: per column the last restriction where() gave it
 * (a later one on the same column is the one that counts, as at run time), and
 * - `'~unchecked'` when a column was named by a type that is not one literal name (then the types
 *   stop tracking keys, and only the run-time checks apply),
 * - `'~token'` when whereToken() was used,
 * - `'~if'` the last write condition.
 * `'~'` is in no CQL identifier, so these never clash with a column.
 */
export type NothingRestricted = {};

// Empty on purpose: every function is assignable to it, so a query whose terminal is callable is
// still assignable to a query type that knows less (the state is covariant).
/** The reason a terminal is not callable on this query, as its type: its name is the error message. */
export interface NotCallable<Why extends string, Columns extends string = never> {}

/** Whether `K` is exactly one literal name (not `string`, not a union). */
export type IsOneLiteral<K extends string> = string extends K ? false : [K] extends [UnionToIntersection<K>] ? true : false;
/** The intersection of a union's members. */
export type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

// Every change of a state is an intersection (`S & …`), never a mapped type over `keyof S`: that
// keeps `S` covariant, so a query that knows more stays assignable to a Query type that knows less.
// A column restricted twice in two ways becomes `never` (its kinds are disjoint), and so does
// the whole state; such a query is left to the run-time checks, like an unchecked one.

/** The mark of a state the types stopped tracking (a column named by a non-literal type). */
export interface UncheckedKeys {
  readonly '~unchecked': true;
}

/** The state after `where(column, …)` restricted `K` by `How`. */
export type Restricted<S, K extends string, How extends Restriction> = IsOneLiteral<K> extends true ? S & { readonly [P in K]: How } : S & UncheckedKeys;

/** The restriction an operator makes: `=` names the column, `in` a list of keys, contains/containsKey no key, the others a range. */
export type RestrictionOf<O extends string> = O extends '=' ? 'eq' : O extends 'in' ? 'in' : O extends 'contains' | 'containsKey' ? 'contains' : 'range';

/** The state after `where(column, op, …)`; an operator known only as a union leaves the state unchecked. */
export type RestrictedBy<S, K extends string, O extends string> = IsOneLiteral<O> extends true ? Restricted<S, K, RestrictionOf<O>> : S & UncheckedKeys;

// A key that may hold a value leaves the types unable to tell whether it names its column; a key
// typed `undefined` names nothing.
/** Keys of a where({...}) object that surely hold a value (required, and never undefined). */
// An optional key's V[P] includes undefined (the repo does not use exactOptionalPropertyTypes), so
// one test covers both.
export type SurelyGivenKeys<V> = { [P in keyof V]-?: undefined extends V[P] ? never : P }[keyof V];
/** Keys of a where({...}) object that may or may not hold a value (optional or undefined, and not typed `undefined` alone). */
export type UnsureKeys<V> = { [P in keyof V]-?: undefined extends V[P] ? ([V[P]] extends [undefined] ? never : P) : never }[keyof V];
/** Keys of a where({...}) object that may hold a value (all but those typed `undefined`). */
export type MaybeGivenKeys<V> = { [P in keyof V]-?: [V[P]] extends [undefined] ? never : P }[keyof V];

/** `=` on each of `K` (an alias of the key names alone, so every where() naming the same keys shares one type). */
export type EqualOn<K extends string> = { readonly [P in K]: 'eq' };

/**
 * The state after `where({...})` with values of type `V`: `=` on each key surely given; unchecked
 * when some key may be absent. Made from the key names, not from `V`: states (and so the Query
 * types built on them) are shared by the call sites that name the same keys, whatever their values.
 */
export type RestrictedByValues<S, V> = string extends keyof V
  ? S & UncheckedKeys
  : [UnsureKeys<V>] extends [never]
    ? S & EqualOn<SurelyGivenKeys<V> & string>
    : S & EqualOn<SurelyGivenKeys<V> & string> & UncheckedKeys;

/** The state after whereToken(). */
export type TokenRestricted<S> = S & { readonly '~token': true };

/** The state after a write condition (a query given two different ones is left to the run-time checks). */
export type Conditioned<S, C extends WriteConditionKind> = S & { readonly '~if': C };

// ---- what the terminals need ----
// Each gate is a chain of `[S] extends [Ready] ? … : …` whose `Ready` does not depend on S, and
// whose callable branch does not either: TypeScript relates two such conditionals when their check
// types are related, so the gates keep S covariant (see Query's `out S`).

/** Every column of `Need` restricted by one of `How`. */
export type Named<Need extends string, How> = { readonly [P in Need]: How };

/** The mark of a write made conditional by if() or ifExists() (Cassandra then takes `=` alone on the key). */
export interface ConditionalWrite {
  readonly '~if': 'if' | 'ifExists';
}

/** Restrictions that name key values one by one: `=` and `in`. */
export type ByValue = 'eq' | 'in';

/** What an UPDATE/DELETE may be restricted by: primary key columns only, no contains, no token. */
export type ByKeyOnly<M extends AnyModel> = { readonly [P in Exclude<ColumnsOf<M>, PrimaryKeyOf<M>>]?: never } & {
  readonly [P in PrimaryKeyOf<M>]?: Exclude<Restriction, 'contains'>;
} & { readonly '~token'?: never };

/** Columns of `Need` whose last restriction in S is not one of `How` (`& string`: messages print the names, not this alias). */
export type Unmet<S, Need extends string, How> = { [P in Need]: P extends keyof S ? (S[P] extends How ? never : P) : P }[Need] & string;

/** Restrictions an UPDATE/DELETE cannot take: a non-key column, contains, a token range. */
export type NotByKey<M extends AnyModel, S> = (
  | Exclude<keyof S & string, PrimaryKeyOf<M> | `~${string}`>
  | { [P in keyof S & string]: S[P] extends 'contains' ? P : never }[keyof S & string]
  | ('~token' extends keyof S ? 'whereToken()' : never)
) & string;

/** `get()`: callable when where() named every primary key column with `=`. */
export type GetTerminal<M extends AnyModel, S, R> = [S] extends [UncheckedKeys]
  ? () => Promise<R>
  : [S] extends [Named<PrimaryKeyOf<M>, 'eq'>]
    ? () => Promise<R>
    : NotCallable<'get() reads one row: name every primary key column with where() and =; missing:', Unmet<S, PrimaryKeyOf<M>, 'eq'>>;

/** What `update`/`updateStatement` are: `F` when the query may run one. */
export type UpdateTerminal<M extends AnyModel, S, F> = [S] extends [{ readonly '~if': 'ifNotExists' }]
  ? NotCallable<'ifNotExists() applies to create/save, not update: use ifExists() or if()'>
  : [S] extends [UncheckedKeys]
    ? F
    : [S] extends [ByKeyOnly<M>]
      ? [S] extends [Named<PrimaryKeyOf<M>, ByValue>]
        ? [S] extends [ConditionalWrite]
          ? [S] extends [Named<PrimaryKeyOf<M>, 'eq'>]
            ? F
            : NotCallable<'a conditional update() (if/ifExists) names one row: = on every primary key column, no in; fix:', Unmet<S, PrimaryKeyOf<M>, 'eq'>>
          : F
        : NotCallable<'update() changes one row: name every primary key column with where() (= or in); missing:', Unmet<S, PrimaryKeyOf<M>, ByValue>>
      : NotCallable<'update() addresses rows by key: where() may restrict only primary key columns, with no contains or token; remove:', NotByKey<M, S>>;

/** The clustering columns of `M` in key order (`readonly string[]` when its type does not say). */
export type ClusteringOrderOfModel<M extends AnyModel> = NonNullable<M['~clusteringOrder']>;

/** Columns of `C` left unrestricted. */
export type Unrestricted<C extends string> = { readonly [P in C]?: never };

/**
 * The states a row DELETE may have, as a union (independent of any query's state, see the gates
 * above): `Before` (the partition key by `=` or `in`), then a prefix of the clustering columns in
 * key order, each by `=` or `in` but the last, which may be a range; no restriction after it.
 * (`Before` has a required member, so no member is a weak type that a state would fail to match.)
 */
export type ClusteringPrefix<Order extends readonly string[], Before> = number extends Order['length']
  ? Before // the order is unknown: the run-time check decides
  : Order extends readonly [infer C extends string, ...infer Rest extends readonly string[]]
    ?
        | (Before & Unrestricted<Order[number]>)
        | (Before & { readonly [P in C]: 'range' } & Unrestricted<Rest[number]>)
        | ClusteringPrefix<Rest, Before & { readonly [P in C]: ByValue }>
    : Before;

/**
 * The clustering columns that break the prefix rule in S: each one that comes before a restricted
 * column and is not restricted by `=` or `in` itself (for the message).
 */
export type BrokenPrefix<S, Order extends readonly string[], Pending extends string = never, Found extends string = never> =
  Order extends readonly [infer C extends string, ...infer Rest extends readonly string[]]
    ? C extends keyof S
      ? BrokenPrefix<S, Rest, S[C] extends ByValue ? never : C, Found | Pending>
      : BrokenPrefix<S, Rest, Pending | C, Found>
    : Found;

/** The mark of a query given ttl(), which a delete cannot take. */
export interface WithTtl {
  readonly '~ttl': true;
}

/** What `delete(columns)` takes on a query that names no single row: nothing fits, and the type is the message. */
export type ColumnsNeedWholeKey = 'delete(columns) clears columns of one row: name every primary key column with where() and = or in';

/** `delete(columns)` refused, its parameter saying why. */
export type ColumnsRefused = (columns: ColumnsNeedWholeKey) => unknown;

/**
 * What `delete`/`deleteStatement` are: `Row & Columns` (the rows, or some columns of one row) when
 * where() named the whole primary key by `=` or `in`; `Row` when it named the partition key by `=`
 * or `in` and a prefix of the clustering columns (all by `=` or `in` but the last, which may be a
 * range: a range delete).
 */
export type DeleteTerminal<M extends AnyModel, S, Row, Columns> = [S] extends [{ readonly '~if': 'ifNotExists' }]
  ? NotCallable<'ifNotExists() applies to create/save, not delete: use ifExists() or if()'>
  : [S] extends [WithTtl]
    ? NotCallable<'ttl() does not apply to delete (a deletion has no time to live): drop ttl()'>
    : [S] extends [UncheckedKeys]
      ? Row & Columns
      : [S] extends [ByKeyOnly<M>]
        ? [S] extends [ConditionalWrite]
          ? [S] extends [Named<PrimaryKeyOf<M>, 'eq'>]
            ? Row & Columns
            : NotCallable<'a conditional delete() (if/ifExists) names one row: = on every primary key column, no in or range; fix:', Unmet<S, PrimaryKeyOf<M>, 'eq'>>
          : [S] extends [Named<PrimaryKeyOf<M>, ByValue>]
          ? Row & Columns
          : [S] extends [Named<PartitionKeyOf<M>, ByValue>]
            ? [S] extends [ClusteringPrefix<ClusteringOrderOfModel<M>, Named<PartitionKeyOf<M>, ByValue>>]
              ? Row & ColumnsRefused
              : NotCallable<
                  'delete(): where() restricts a prefix of the clustering columns in key order, with = or in on each but the last (which may be a range); fix:',
                  BrokenPrefix<S, ClusteringOrderOfModel<M>>
                >
            : NotCallable<'delete() needs where() to give the partition key = or in; missing or ranged:', Unmet<S, PartitionKeyOf<M>, ByValue>>
        : NotCallable<'delete() addresses rows by key: where() may restrict only primary key columns, with no contains or token; remove:', NotByKey<M, S>>;

/** What `create`/`save` (and their statements) are: `F` unless an if()/ifExists() condition makes the insert impossible. */
export type InsertTerminal<S, What extends string, F> = [S] extends [{ readonly '~if': 'if' | 'ifExists' }]
  ? NotCallable<`${What}() can only be conditional with ifNotExists(); use update() for if() / ifExists()`>
  : F;
