// The model the migrations bring the database to (`cassia schema check --models ./models.ts` compares them).
import { defineModel, t } from '@cassia/schema';

export const Automobile = defineModel({
  table: 'automobile',
  columns: { manufacturer: t.text(), year: t.int(), model: t.text(), price: t.decimal() },
  partitionKey: 'manufacturer',
  clusteringKey: ['year', 'model'],
});
