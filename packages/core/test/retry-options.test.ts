// The retry and speculative connection options: checked (ConfigurationError naming the option)
// and turned into the driver's retry and speculative-execution policies.
import { policies, type ClientOptions } from 'cassandra-driver';
import { ConfigurationError, type RegisterOptions } from '@cassia/core';
import { planConnection } from '../src/connection-options';
import { BoundedRetryPolicy } from '../src/retry-options';
import { idleClient, REFUSED } from './helpers';

function driverOptionsOf(options: Partial<RegisterOptions>): ClientOptions {
  const plan = planConnection('c1', { contactPoints: [REFUSED], ...options } as RegisterOptions);
  if (plan.kind !== 'owned') throw new Error('expected an owned plan');
  return plan.clientOptions;
}

const info = (nbRetry: number) => ({ query: 'SELECT 1', executionOptions: {} as never, nbRetry });

describe('retry', () => {
  it('becomes a driver retry policy that tries the next host up to maxRetries times', () => {
    const retry = driverOptionsOf({ retry: { maxRetries: 2 } }).policies?.retry as unknown as BoundedRetryPolicy;
    expect(retry).toBeInstanceOf(policies.retry.RetryPolicy);
    expect(retry.maxRetries).toBe(2);
    const { retry: retryDecision, rethrow } = (policies.retry.RetryPolicy as unknown as { retryDecision: Record<string, number> }).retryDecision;
    for (const decide of [
      (n: number) => retry.onRequestError(info(n), 1, new Error('x')),
      (n: number) => retry.onWriteTimeout(info(n), 1, 1, 2, 'SIMPLE'),
      (n: number) => retry.onReadTimeout(info(n), 1, 1, 2, false),
      (n: number) => retry.onUnavailable(info(n), 1, 2, false),
    ]) {
      expect(decide(0)).toMatchObject({ decision: retryDecision, useCurrentHost: false });
      expect(decide(1).decision).toBe(retryDecision);
      expect(decide(2).decision).toBe(rethrow);
    }
    expect(driverOptionsOf({ retry: { maxRetries: 0 } }).policies?.retry?.onRequestError(info(0), 1, new Error('x')).decision).toBe(rethrow);
  });

  it('keeps the other policies of clientOptions.policies', () => {
    const loadBalancing = new policies.loadBalancing.RoundRobinPolicy();
    const options = driverOptionsOf({ retry: { maxRetries: 1 }, clientOptions: { policies: { loadBalancing } } });
    expect(options.policies?.loadBalancing).toBe(loadBalancing);
    expect(options.policies?.retry).toBeInstanceOf(BoundedRetryPolicy);
  });

  it.each([
    [{ maxRetries: -1 }, /retry.maxRetries .* from 0 to 10/],
    [{ maxRetries: 11 }, /retry.maxRetries/],
    [{ maxRetries: 1.5 }, /retry.maxRetries/],
    [{}, /retry.maxRetries/],
    [{ maxRetries: 1, retries: 2 }, /Unknown option\(s\) 'retries' for retry of connection 'c1'/],
    [3, /retry of connection 'c1' must be an object/],
  ])('refuses %p with a ConfigurationError', (retry, message) => {
    expect(() => driverOptionsOf({ retry: retry as never })).toThrow(ConfigurationError);
    expect(() => driverOptionsOf({ retry: retry as never })).toThrow(message);
  });

  it('refuses retry together with clientOptions.policies.retry', () => {
    expect(() => driverOptionsOf({ retry: { maxRetries: 1 }, clientOptions: { policies: { retry: new policies.retry.RetryPolicy() } } })).toThrow(
      /both retry and clientOptions.policies.retry/,
    );
  });
});

describe('speculative', () => {
  it('becomes a constant speculative-execution policy (maxExecutions counts the first one)', () => {
    const policy = driverOptionsOf({ speculative: { delayMs: 200, maxExecutions: 3 } }).policies?.speculativeExecution;
    expect(policy).toBeInstanceOf(policies.speculativeExecution.ConstantSpeculativeExecutionPolicy);
    expect(Object.fromEntries(policy!.getOptions())).toEqual({ delay: 200, maxSpeculativeExecutions: 2 });
  });

  it.each([
    [{ delayMs: -1, maxExecutions: 2 }, /speculative.delayMs/],
    [{ delayMs: '5', maxExecutions: 2 }, /speculative.delayMs/],
    [{ delayMs: 5, maxExecutions: 1 }, /speculative.maxExecutions .* from 2 to 10/],
    [{ delayMs: 5, maxExecutions: 11 }, /speculative.maxExecutions/],
    [{ delayMs: 5 }, /speculative.maxExecutions/],
    [{ delay: 5, maxExecutions: 2 }, /Unknown option\(s\) 'delay'/],
    [null, /speculative of connection 'c1' must be an object/],
  ])('refuses %p with a ConfigurationError', (speculative, message) => {
    expect(() => driverOptionsOf({ speculative: speculative as never })).toThrow(ConfigurationError);
    expect(() => driverOptionsOf({ speculative: speculative as never })).toThrow(message);
  });

  it('refuses speculative together with clientOptions.policies.speculativeExecution', () => {
    const speculativeExecution = new policies.speculativeExecution.NoSpeculativeExecutionPolicy();
    expect(() => driverOptionsOf({ speculative: { delayMs: 5, maxExecutions: 2 }, clientOptions: { policies: { speculativeExecution } } })).toThrow(
      /both speculative and clientOptions.policies.speculativeExecution/,
    );
  });
});

it('retry and speculative only apply to clients the registry creates', () => {
  expect(() => planConnection('c1', { client: idleClient(), retry: { maxRetries: 1 } } as never)).toThrow(/existing client together with retry/);
  expect(() => planConnection('c1', { client: idleClient(), speculative: { delayMs: 1, maxExecutions: 2 } } as never)).toThrow(ConfigurationError);
});
