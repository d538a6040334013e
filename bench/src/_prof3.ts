import { registerConnection, shutdown } from '@cassia/core';
import { benchRowModel, benchRows } from './bench-table';
import { cassiaPeer } from './cassia-peer';
import { openRawDriverPeer } from './raw-driver-peer';
import { runFor } from './load-loop';
async function main() {
  await registerConnection('p', { contactPoints: ['127.0.0.1:9042'] });
  const model = benchRowModel('cassia_bench', 'p');
  const rows = benchRows(10000);
  const which = process.argv[2];
  const peer = which === 'raw' ? await openRawDriverPeer('127.0.0.1:9042', 'cassia_bench') : cassiaPeer(model);
  const op = process.argv[3];
  const f = op === 'insert' ? (i: number) => peer.insert(rows[i % rows.length]) : (i: number) => peer.select((i * 7919) % 10000);
  await runFor(f, 64, 2000);
  const r = await runFor(f, 64, 6000);
  console.log(which, op, Math.round(r.opsPerSecond));
  await peer.close();
  await shutdown();
}
main();
