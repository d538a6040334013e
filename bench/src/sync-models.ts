// Scenario 3's schema: `count` models of an application, varied the way real tables vary
// (composite keys, clustering order, collections, a secondary index now and then).
import { defineModel, t, type AnyModel } from '@cassia/schema';

/** The models synced by the sync scenario (no keyspace: the scenario names the targets). */
export function syncModels(count: number): AnyModel[] {
  return Array.from({ length: count }, (_, i) => {
    const table = `sync_model_${String(i).padStart(2, '0')}`;
    const columns = {
      id: t.uuid(),
      bucket: t.int(),
      at: t.timestamp(),
      title: t.text(),
      score: t.double(),
      tags: t.set(t.text()),
      attributes: t.map(t.text(), t.int()),
      [`field_${i}`]: i % 2 === 0 ? t.bigint() : t.list(t.text()),
    };
    return defineModel({
      table,
      columns,
      partitionKey: i % 3 === 0 ? ['id', 'bucket'] : ['id'],
      clusteringKey: i % 3 === 0 ? [['at', 'desc']] : [['bucket', 'asc'], ['at', 'desc']],
      indexes: i % 5 === 0 ? [{ column: 'title' }] : [],
    }) as AnyModel;
  });
}
