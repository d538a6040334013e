// What a failed statement records: error.type and the server status code, and an exception event
// that carries a Cassia error's message but never another error's.
import { ExecutionError, LwtNotAppliedError, ValidationError } from '@cassia/core';
import { errorAttributes, errorTypeOf, exceptionAttributes, statusMessageOf } from '../src/error-attributes';

describe('error attributes', () => {
  it("uses Cassandra's status code as error.type and db.response.status_code when it answered with one", () => {
    const error = new ExecutionError('Statement failed on connection "main": unconfigured table nope', { connection: 'main', serverCode: 0x2200 });
    expect(errorAttributes(error)).toEqual({ 'error.type': '8704', 'db.response.status_code': '8704' });
  });

  it("uses the Cassia error's code otherwise", () => {
    expect(errorAttributes(new LwtNotAppliedError('not applied', { id: 1 }))).toEqual({ 'error.type': 'ERR_CASSIA_LWT_NOT_APPLIED' });
    expect(errorTypeOf(new ExecutionError('timed out', { connection: 'main' }))).toBe('ERR_CASSIA_EXECUTION');
  });

  it('uses _OTHER for an error that is not Cassia', () => {
    expect(errorAttributes(new TypeError('secret 42'))).toEqual({ 'error.type': '_OTHER' });
  });

  it("records a Cassia error's type and message in the exception event", () => {
    const error = new ValidationError('Invalid row for users: age must be an integer', []);
    expect(exceptionAttributes(error)).toMatchObject({ 'exception.type': 'ValidationError', 'exception.message': error.message });
    expect(statusMessageOf(error)).toBe(error.message);
  });

  it("records only another error's class name: its message may quote a value", () => {
    class HostileError extends Error {}
    const attributes = exceptionAttributes(new HostileError('password=hunter2'));
    expect(attributes).toEqual({ 'exception.type': 'HostileError' });
    expect(statusMessageOf(new HostileError('password=hunter2'))).toBeUndefined();
    expect(exceptionAttributes('thrown string')).toEqual({ 'exception.type': 'string' });
  });
});
