// Child process of registry-lifecycle.int.test.ts: registers a connection whose contact point
// answers late, calls shutdown() while it is still connecting, and must then exit on its own
// (no timer or socket left behind). Prints what the registration and shutdown did, as JSON.
import { listConnections, registerConnection, shutdown } from '../src/index';

async function main(): Promise<void> {
  const contactPoint = process.argv[2];
  const registering = registerConnection('late', { contactPoints: [contactPoint], default: true }).then(
    () => 'registered',
    (error: { code?: string }) => error.code ?? 'unknown error',
  );
  // Let the connect start before shutting down.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const started = Date.now();
  await shutdown();
  const shutdownMs = Date.now() - started;
  const registration = await registering;
  process.stdout.write(JSON.stringify({ registration, shutdownMs, connections: listConnections() }));
}

void main();
