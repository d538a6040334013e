// SAI vector index options: defineModel checks them, createIndexCql writes them, and management
// compares them with the database's as the server reads them (similarity_function without case).
import { SchemaDefinitionError } from '@cassia/core';
import { createIndexCql, defineModel, t, type IndexDefinition } from '@cassia/schema';
import { indexDifferences, type IndexDescription } from '../src/internal';

function docs(index: IndexDefinition<'id' | 'body' | 'embedding'>) {
  return defineModel({ table: 'docs', columns: { id: t.int(), body: t.text(), embedding: t.vector(t.float(), 4) }, partitionKey: 'id', indexes: [index] });
}

const inDatabase = (options: Record<string, string>): IndexDescription => ({
  name: 'docs_embedding_idx',
  kind: 'CUSTOM',
  options: { class_name: 'org.apache.cassandra.index.sai.StorageAttachedIndex', target: 'embedding', ...options },
});

describe('vector index options', () => {
  it('are written into CREATE INDEX', () => {
    const M = docs({ column: 'embedding', using: 'sai', options: { similarity_function: 'dot_product', optimize_for: 'recall' } });
    expect(createIndexCql(M, M.indexes[0], 'ks')).toBe(
      'CREATE INDEX "docs_embedding_idx" ON "ks"."docs" ("embedding") USING \'sai\' WITH OPTIONS = {\'similarity_function\': \'dot_product\', \'optimize_for\': \'recall\'}',
    );
  });

  it('are refused on a column that is not a vector, or an index that is not SAI', () => {
    expect(() => docs({ column: 'body', using: 'sai', options: { similarity_function: 'cosine' } })).toThrow(SchemaDefinitionError);
    expect(() => docs({ column: 'embedding', options: { similarity_function: 'cosine' } })).toThrow(/needs an SAI index/);
  });

  it('take only the values the server knows', () => {
    expect(() => docs({ column: 'embedding', using: 'sai', options: { similarity_function: 'manhattan' as never } })).toThrow(/cosine, dot_product, euclidean/);
    expect(() => docs({ column: 'embedding', using: 'sai', options: { optimize_for: 'speed' as never } })).toThrow(SchemaDefinitionError);
    expect(() => docs({ column: 'embedding', using: 'sai', options: { maximum_node_connections: '-1' as never } })).toThrow(SchemaDefinitionError);
    expect(docs({ column: 'embedding', using: 'sai', options: { similarity_function: 'EUCLIDEAN', maximum_node_connections: '32' } }).indexes[0].options).toEqual({
      similarity_function: 'EUCLIDEAN',
      maximum_node_connections: '32',
    });
  });

  it('compare as the server reads them: similarity_function and optimize_for without case, unset as the default', () => {
    const M = docs({ column: 'embedding', using: 'sai', options: { similarity_function: 'cosine', optimize_for: 'latency' } });
    expect(indexDifferences(M, M.indexes[0], inDatabase({ similarity_function: 'COSINE', optimize_for: 'LATENCY' }))).toEqual([]);
    expect(indexDifferences(M, M.indexes[0], inDatabase({ similarity_function: 'euclidean', optimize_for: 'latency' }))).toEqual([
      "option similarity_function 'euclidean' in the database, 'cosine' in the model",
    ]);
    // Left out is the server's default: cosine, latency.
    expect(indexDifferences(M, M.indexes[0], inDatabase({}))).toEqual([]);
    const Dot = docs({ column: 'embedding', using: 'sai', options: { similarity_function: 'dot_product' } });
    expect(indexDifferences(Dot, Dot.indexes[0], inDatabase({}))).toEqual(["option similarity_function unset in the database, 'dot_product' in the model"]);
    expect(indexDifferences(Dot, Dot.indexes[0], inDatabase({ similarity_function: 'DOT_PRODUCT', optimize_for: 'latency' }))).toEqual([]);
  });
});
