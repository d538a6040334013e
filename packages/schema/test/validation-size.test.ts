// A hostile request body of 1 MiB yields a ValidationError of bounded size (issue 23, item 6).
import { ValidationError } from '@cassia/core';
import { validationErrorOf } from './fixtures';
import { defineModel, t, validateInsert } from '../src';

const Readings = defineModel({
  table: 'readings',
  keyspace: 'ks',
  columns: { id: t.text(), values: t.list(t.int()), tags: t.map(t.text(), t.int()) },
  partitionKey: ['id'],
});

describe('ValidationError size under hostile input', () => {
  it('a 1 MiB JSON body of bad list elements gives at most 100 issues, a count of the rest and a short message', () => {
    const body = JSON.stringify({ id: 'r1', values: Array.from({ length: 250_000 }, () => 'x') });
    expect(body.length).toBeGreaterThan(1_000_000);
    const error = validationErrorOf(() => validateInsert(Readings, JSON.parse(body) as never));
    expect(error.issues.length).toBeLessThanOrEqual(ValidationError.MAX_ISSUES);
    expect(error.issues.length + error.omittedIssues).toBe(250_000);
    expect(error.message.length).toBeLessThanOrEqual(ValidationError.MAX_MESSAGE_LENGTH + 40);
    expect(error.message).toContain('more issue(s)');
    expect(JSON.stringify(error.issues).length).toBeLessThan(50_000);
  });

  it('a 1 MiB unknown column name or map key is cut and escaped in the message and the issue', () => {
    const name = `evil\n\u001b[31m${'k'.repeat(1 << 20)}`;
    const error = validationErrorOf(() => validateInsert(Readings, { id: 'r1', [name]: 1 } as never));
    expect(error.message.length).toBeLessThanOrEqual(ValidationError.MAX_MESSAGE_LENGTH + 40);
    expect(error.message).not.toMatch(/[\n\u001b]/);
    expect(JSON.stringify(error.issues).length).toBeLessThan(2_000);
  });
});
