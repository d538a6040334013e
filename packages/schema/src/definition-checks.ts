// defineModel's definition rules as types, for definitions written as literals: each column that
// breaks one is marked with the rule's message, so the compiler points at that column and says
// why. defineModel checks the same rules at run time for every caller (model.ts).
import type { TraitsOf } from './column';
import type { ColumnsShape } from './model';

/** Messages of the rules, as the types show them (the run-time checks say the same). */
export interface DefinitionRuleMessages {
  unfrozenKey: 'a collection or user type in the primary key must be frozen: wrap it in t.frozen(...)';
  durationKey: 'a duration cannot be part of the primary key';
  counterKey: 'a counter cannot be part of the primary key';
  staticKey: 'a primary key column cannot be static';
  staticWithoutClustering: 'a static column needs clustering columns in the primary key';
  mixedCounters: 'counter columns cannot be mixed with other non-key columns; put counters in their own table';
}

type Messages = DefinitionRuleMessages;
type Kind<C> = C extends { readonly '~traits'?: infer T } ? (T extends { kind: infer K } ? K : never) : never;

/**
 * What is wrong with key column C, if anything.
 * @inline
 */
type KeyProblem<C> = TraitsOf<C & ColumnsShape[string]> extends infer T
  ? T extends { kind: 'list' | 'set' | 'map' | 'udt'; frozen: false }
    ? Messages['unfrozenKey']
    : T extends { kind: 'duration' }
      ? Messages['durationKey']
      : T extends { kind: 'counter' }
        ? Messages['counterKey']
        : T extends { static: true }
          ? Messages['staticKey']
          : never
  : never;

type IsStatic<C> = TraitsOf<C & ColumnsShape[string]> extends { static: true } ? true : false;

/**
 * Non-key columns; none when the key names are not literals (then nothing is checked).
 * @inline
 */
type RegularOf<TColumns, TKey extends string> = string extends TKey ? never : Exclude<Extract<keyof TColumns, string>, TKey>;

type HasCounter<TColumns, R extends keyof TColumns> = true extends { [K in R]: Kind<TColumns[K]> extends 'counter' ? true : false }[R]
  ? true
  : false;

/**
 * What is wrong with non-key column K, if anything.
 * @inline
 */
type RegularProblem<TColumns, K extends keyof TColumns, R extends keyof TColumns, TClustering extends string> = [TClustering] extends [never]
  ? IsStatic<TColumns[K]> extends true
    ? Messages['staticWithoutClustering']
    : MixProblem<TColumns, K, R>
  : MixProblem<TColumns, K, R>;

type MixProblem<TColumns, K extends keyof TColumns, R extends keyof TColumns> = Kind<TColumns[K]> extends 'counter'
  ? never
  : HasCounter<TColumns, R> extends true
    ? Messages['mixedCounters']
    : never;

/**
 * Per column of a definition, the message of the rule it breaks, or never.
 * @inline
 */
export type DefinitionProblems<TColumns, TPartition extends string, TClustering extends string> = {
  [K in keyof TColumns]-?: K extends TPartition | TClustering
    ? KeyProblem<TColumns[K]>
    : K extends RegularOf<TColumns, TPartition | TClustering>
      ? RegularProblem<TColumns, K, RegularOf<TColumns, TPartition | TClustering>, TClustering>
      : never;
};

/**
 * The columns of a literal definition that break a definition rule, each typed as the rule's
 * message (so the column no longer type-checks); nothing is checked when the column or key names
 * are not literals.
 * @inline
 */
export type CheckedColumns<TColumns, TPartition extends string, TClustering extends string> = string extends
  | keyof TColumns
  | TPartition
  | TClustering
  ? unknown
  : {
      [K in keyof TColumns as [DefinitionProblems<TColumns, TPartition, TClustering>[K]] extends [never] ? never : K]: DefinitionProblems<
        TColumns,
        TPartition,
        TClustering
      >[K];
    };
