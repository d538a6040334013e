// The fleet scenario's tenant table: table j of every tenant keyspace is `t<j>`, with the bench
// row's columns. One definition for the network run (fleet-scenario.ts) and the stub run
// (fleet-overhead.ts), so both measure statements of the same shape.
import { defineModel, t } from '@cassia/schema';

export const fleetTableName = (j: number): string => `t${j}`;

export const fleetModel = (j: number) =>
  defineModel({ table: fleetTableName(j), columns: { id: t.int(), name: t.text(), city: t.text(), age: t.int(), score: t.int() }, partitionKey: 'id' });
