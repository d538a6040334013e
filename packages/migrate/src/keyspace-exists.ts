// Whether a target keyspace exists (migrations run in a keyspace; they do not create it).
import type { Connection } from '@cassia/core';

/** Whether `keyspace` exists on the connection's cluster. */
export async function keyspaceExists(connection: Connection, keyspace: string): Promise<boolean> {
  const result = await connection.execute('SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?', [keyspace]);
  return result.rows.length > 0;
}
