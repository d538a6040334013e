// @cassia/core's root exports the documented surface (API.md, README, docs/) and nothing else; what
// the packages share with each other is under @cassia/core/internal.
import * as core from '@cassia/core';
import * as internal from '@cassia/core/internal';

const ERRORS = [
  'BatchConnectionError', 'CassiaError', 'ConfigurationError', 'ConnectionError', 'ConnectionExistsError',
  'ConnectionSupersededError', 'ExecutionError', 'InvalidIdentifierError', 'InvalidPageCursorError', 'KeyspaceNotFoundError', 'LwtNotAppliedError',
  'MiddlewareError', 'MisroutedStatementError', 'MultipleRowsError', 'NoDefaultConnectionError', 'NotFoundError', 'QueryBuildError', 'RegistryShutDownError',
  'SchemaDefinitionError', 'SchemaMismatchError', 'SystemKeyspaceError', 'UndefinedKeyspaceError', 'UnknownConnectionError',
  'UnknownTenantError', 'UnreadableValueError', 'ValidationError', 'WriteOutcomeUnknownError',
];

describe('@cassia/core runtime exports', () => {
  it('are the registry functions and class, Connection, the errors and two documented constants', () => {
    expect(Object.keys(core).sort()).toEqual(
      [
        ...ERRORS,
        'Connection', 'ConnectionRegistry', 'DEFAULT_DRAIN_TIMEOUT_MS', 'DEFAULT_MAX_PREPARED', 'REQUIRED_DRIVER_ENCODING',
        'currentScope', 'defaultConnectionName', 'execute', 'getConnection', 'listConnections', 'onEvent',
        'registerConnection', 'resolve', 'resolveConnection', 'setDefaultConnection', 'setup', 'shutdown',
        'unregisterConnection', 'use', 'withConnection',
      ].sort(),
    );
  });

  it('keep what the packages share apart, under the internal entry point', () => {
    for (const name of Object.keys(internal)) expect(Object.keys(core)).not.toContain(name);
    expect(internal.defaultRegistry).toBeInstanceOf(core.ConnectionRegistry);
  });
});
