// The package's entry points: query, bind, withContext (cqlengine's ContextQuery) and batch.
import { ConfigurationError, type ConnectionRegistry } from '@cassia/core';
import { assertKnownOptions, defaultRegistry } from '@cassia/core/internal';
import type { AnyModel } from '@cassia/schema';
import { BatchImpl, type Batch, type BatchKindOf, type CounterWritesOf, type BatchOptions } from './batch';
import { describeInput } from './describe-input';
import { EMPTY_BAG, isOptionBag, ownValue } from './own-properties';
import type { Query } from './query';
import { rootQuery } from './query-impl';
import { checkTargetOptions, rootContext, type BindOptions, type QueryRootOptions } from './query-context';

const NOTHING_BOUND: BindOptions = EMPTY_BAG;

/** The bound roots `withContext` hands its callback: one Query per model, in order. */
export type BoundQueries<Ms> = Ms extends AnyModel ? [bound: Query<Ms>] : Ms extends readonly AnyModel[] ? QueriesOf<Ms> : never;

/** One Query per model of a list, in order. */
export type QueriesOf<Ms extends readonly AnyModel[]> = { -readonly [I in keyof Ms]: Query<Ms[I]> };

/** The type of a `withContext` callback parameter past its bound queries (such a callback does not compile). */
export interface ExtraParameter {
  readonly 'withContext() passes one bound query per model': never;
}

/** What `withContext`'s options must be when its callback takes more parameters than there are models. */
export interface CallbackTakesTooManyParameters {
  readonly 'the withContext() callback takes one parameter per model, no more': never;
}

/** `withContext`'s options: BindOptions, or (callback parameters `P` past the bound queries `B`) CallbackTakesTooManyParameters. */
export type CallbackArityChecked<P extends readonly unknown[], B extends readonly unknown[]> = P extends readonly [...B, unknown, ...unknown[]]
  ? CallbackTakesTooManyParameters
  : BindOptions;
const QUERY_OPTION_KEYS: ReadonlySet<string> = new Set(['registry']);

// Queries are immutable, so the unbound root of a model in a registry is one value, handed out
// by every `query(Model)` instead of a new builder per operation. The default registry's roots
// are kept at hand: `query(Model)` on it is the call of nearly every operation.
// (Kept as plain objects: each is the Query<M> of its model key.)
const defaultRoots = new WeakMap<AnyModel, object>();
const rootsByRegistry = new WeakMap<ConnectionRegistry, WeakMap<AnyModel, object>>();

function unboundRoot<M extends AnyModel>(model: M, registry: ConnectionRegistry | undefined): Query<M> {
  let roots = defaultRoots;
  if (registry !== undefined && registry !== defaultRegistry) {
    let own = rootsByRegistry.get(registry);
    if (own === undefined) rootsByRegistry.set(registry, (own = new WeakMap()));
    roots = own;
  }
  let root = roots.get(model) as Query<M> | undefined;
  if (root === undefined) {
    root = rootQuery(model, rootContext(registry, NOTHING_BOUND));
    roots.set(model, root);
  }
  return root;
}

/** A query on `model`, resolved by the usual rules (using → model → scope → default). */
export function query<M extends AnyModel>(model: M, options?: QueryRootOptions): Query<M> {
  checkModel(model, 'query');
  // The common call, `query(Model)`, runs for every operation: nothing to check.
  if (options === undefined || options === null) return unboundRoot(model, undefined);
  if (!isOptionBag(options)) throw new ConfigurationError('query() takes an options object { registry? }.');
  assertKnownOptions(options, QUERY_OPTION_KEYS, 'query()', 'only registry; use bind(Model, { connection, keyspace }) or .using({...})');
  return unboundRoot(model, registryOption(options, 'query'));
}

/** A query root on `model` bound to a connection and/or keyspace (overridden only by using). */
export function bind<M extends AnyModel>(model: M, options: BindOptions): Query<M> {
  checkModel(model, 'bind');
  const target = checkTargetOptions(options, 'bind', ['registry']);
  return rootQuery(model, rootContext(registryOption(options, 'bind'), target));
}

/**
 * Runs `fn` with one bound root per model, in order (cqlengine's ContextQuery). The models
 * themselves are untouched; unknown options and an empty model list are a ConfigurationError.
 */
// One signature for one model and for a list (two overloads made a callback with a parameter too
// many print both overloads in full). The callback's parameters past the bound queries are typed
// ExtraParameter, so the check lands on `options` with a message naming the cause.
export function withContext<
  const Ms extends AnyModel | readonly [AnyModel, ...AnyModel[]],
  F extends (...bound: [...BoundQueries<Ms>, ...ExtraParameter[]]) => Promise<unknown>,
>(models: Ms, options: CallbackArityChecked<Parameters<F>, BoundQueries<Ms>>, fn: F): Promise<Awaited<ReturnType<F>>>;
export async function withContext(models: AnyModel | readonly AnyModel[], options: unknown, fn: unknown): Promise<unknown> {
  const list = Array.isArray(models) ? (models as readonly AnyModel[]) : [models as AnyModel];
  if (list.length === 0) throw new ConfigurationError('withContext needs at least one model.');
  if (typeof fn !== 'function') throw new ConfigurationError('withContext needs a function to run with the bound models.');
  const target = checkTargetOptions(options, 'withContext', ['registry']);
  const registry = registryOption(options as BindOptions, 'withContext');
  const roots = list.map((model) => {
    checkModel(model, 'withContext');
    return rootQuery(model, rootContext(registry, target));
  });
  return (fn as (...bound: Query<AnyModel>[]) => Promise<unknown>)(...roots);
}

/** A batch to add write statements to; run it with `execute()`. Typed by its kind: see BatchKindOf. */
export function batch<O extends BatchOptions = {}>(options?: O): Batch<CounterWritesOf<BatchKindOf<O>>>;
/**
 * Callback form: runs `fn` with a new batch, then executes the batch when `fn` resolves. When `fn`
 * throws, the batch is not executed (unless `executeOnError`) and the error is rethrown.
 */
export function batch<O extends BatchOptions, T>(options: O, fn: (batch: Batch<CounterWritesOf<BatchKindOf<O>>>) => Promise<T>): Promise<T>;
export function batch<T>(options: BatchOptions = {}, fn?: (batch: Batch) => Promise<T>): Batch | Promise<T> {
  const created = new BatchImpl(options);
  if (fn === undefined) return created;
  return runBatch(created, fn);
}

async function runBatch<T>(created: Batch, fn: (batch: Batch) => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await fn(created);
  } catch (error) {
    if (created.options.executeOnError === true && !created.executed) await created.execute();
    throw error;
  }
  if (!created.executed) await created.execute();
  return result;
}

// The registry option, own property only; anything but a registry is a ConfigurationError.
function registryOption(options: object, what: string): ConnectionRegistry | undefined {
  const registry = ownValue(options, 'registry');
  if (registry === undefined) return undefined;
  if (typeof registry !== 'object' || registry === null || typeof (registry as ConnectionRegistry).resolveNames !== 'function') {
    throw new ConfigurationError(`${what}(): registry must be a ConnectionRegistry.`);
  }
  return registry as ConnectionRegistry;
}

function checkModel(model: unknown, what: string): asserts model is AnyModel {
  if (typeof model !== 'object' || model === null || ownValue(model, 'kind') !== 'model') {
    throw new ConfigurationError(`${what}() needs a model made by defineModel.`);
  }
}
