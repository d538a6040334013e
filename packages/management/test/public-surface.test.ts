// @cassia/management's root exports what API.md and its README document; the planner and its
// plain-data inputs are under @cassia/management/internal.
import * as management from '@cassia/management';
import * as internal from '@cassia/management/internal';

describe('@cassia/management runtime exports', () => {
  it('are the keyspace and sync functions and syncReportOf', () => {
    expect(Object.keys(management).sort()).toEqual(
      ['createNetworkTopologyKeyspace', 'createSimpleKeyspace', 'dropKeyspace', 'dropTable', 'planSync', 'syncReportOf', 'syncTable', 'syncTables', 'planSyncTables', 'syncType',
        'provisionTenant', 'forEachTarget', 'DEFAULT_FAN_OUT_CONCURRENCY'].sort(),
    );
  });

  it('keep the planner under the internal entry point', () => {
    expect(Object.keys(internal).sort()).toEqual(
      ['changedTableOptions', 'DEFAULT_SCHEMA_AGREEMENT_TIMEOUT_MS', 'diffTableOptions', 'forgetKeyspaceSchemas', 'indexDifferences', 'isAlreadyExists', 'keyspaceDescriptionOf', 'normalizeCqlType', 'optionsDifferingFromDefaults', 'planTable', 'planUserTypes', 'readKeyspaceSchema', 'readKeyspaceSchemas', 'referencedTypeNames', 'retryPolicyForm', 'sameCqlType', 'waitForSchemaAgreement'].sort(),
    );
  });
});
