// The `cassia` command's configuration: cassia.config.{ts,mjs,js,cjs,json} in the working directory
// (or --config), naming connections (as registerConnection takes them) and the default targets.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { ConfigurationError, ConnectionRegistry, type ConnectionOptions } from '@cassia/core';
import { exportOf, importUserModule } from './module-loader';

/** What a cassia.config file exports (as `default`, or as module.exports). */
export interface CassiaConfig {
  /** Connections by name, as registerConnection takes them (contactPoints, localDataCenter, keyspace, credentials, …). */
  connections: Readonly<Record<string, ConnectionOptions>>;
  /** The targets commands run on when --connections / --keyspaces are left out. */
  targets?: {
    /** Default: every connection of `connections`. */
    connections?: readonly string[];
    /** Default: each connection's own `keyspace`. */
    keyspaces?: readonly string[];
  };
  /** The migrations folder, relative to the config file (default `migrations`). */
  migrations?: string;
  /** The models module for `schema check` and `migrate new --from-models`, relative to the config file. */
  models?: string;
}

/** Typed identity, for `export default defineConfig({ … })` in cassia.config.ts. */
export function defineConfig(config: CassiaConfig): CassiaConfig {
  return config;
}

/** A loaded configuration: where it was found, and paths made absolute. */
export interface LoadedConfig {
  readonly path: string;
  readonly config: CassiaConfig;
  readonly migrationsFolder: string;
  readonly modelsModule: string | undefined;
}

/** Where the command looks for its configuration, in this order. */
export const CONFIG_FILE_NAMES = ['cassia.config.ts', 'cassia.config.mjs', 'cassia.config.js', 'cassia.config.cjs', 'cassia.config.json'];

/** Finds and loads the configuration; ConfigurationError when there is none or it is malformed. */
export async function loadCassiaConfig(explicitPath: string | undefined, cwd: string = process.cwd()): Promise<LoadedConfig> {
  const path = explicitPath !== undefined ? resolve(cwd, explicitPath) : CONFIG_FILE_NAMES.map((name) => resolve(cwd, name)).find((candidate) => existsSync(candidate));
  if (path === undefined || !existsSync(path)) {
    throw new ConfigurationError(
      `No Cassia configuration found ${explicitPath === undefined ? `in ${cwd} (looked for ${CONFIG_FILE_NAMES.join(', ')})` : `at ${path}`}: ` +
        'create cassia.config.json with { "connections": { "main": { "contactPoints": ["127.0.0.1:9042"], "keyspace": "app" } } }, or pass --config.',
    );
  }
  const raw = extname(path) === '.json' ? parseJson(await readFile(path, 'utf8'), path) : exportedConfig(await importUserModule(path));
  const config = checkConfig(raw, path);
  const base = dirname(path);
  return {
    path,
    config,
    migrationsFolder: resolve(base, config.migrations ?? 'migrations'),
    modelsModule: config.models === undefined ? undefined : resolve(base, config.models),
  };
}

/**
 * A registry with every configured connection registered lazily (nothing connects until a target
 * needs it, so one unreachable cluster fails only its own targets). The first of the default
 * target connections is the registry's default.
 */
export async function registryFromConfig(loaded: LoadedConfig): Promise<ConnectionRegistry> {
  const registry = new ConnectionRegistry();
  const names = Object.keys(loaded.config.connections);
  const defaultName = loaded.config.targets?.connections?.[0] ?? names[0];
  for (const name of names) {
    await registry.registerConnection(name, { ...loaded.config.connections[name], lazyConnect: true, default: name === defaultName });
  }
  return registry;
}

/** The connection names of the default targets: the configured ones, else every connection. */
export function defaultTargetConnections(loaded: LoadedConfig): string[] {
  return [...(loaded.config.targets?.connections ?? Object.keys(loaded.config.connections))];
}

function exportedConfig(exports: Record<string, unknown>): unknown {
  const fallback = exports.default;
  if (typeof fallback === 'object' && fallback !== null && 'connections' in fallback) return fallback;
  return { connections: exportOf(exports, 'connections'), targets: exportOf(exports, 'targets'), migrations: exportOf(exports, 'migrations'), models: exportOf(exports, 'models') };
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

function checkConfig(raw: unknown, path: string): CassiaConfig {
  const fail = (problem: string): never => {
    throw new ConfigurationError(`${path}: ${problem}`);
  };
  if (typeof raw !== 'object' || raw === null) return fail('the configuration must be an object with `connections`.');
  const config = raw as Record<string, unknown>;
  const connections = config.connections;
  if (typeof connections !== 'object' || connections === null || Array.isArray(connections) || Object.keys(connections).length === 0) {
    return fail('`connections` must name at least one connection, e.g. { "main": { "contactPoints": ["127.0.0.1:9042"] } }.');
  }
  for (const [name, options] of Object.entries(connections)) {
    if (typeof options !== 'object' || options === null) fail(`connection ${JSON.stringify(name)} must be an object of connection options.`);
  }
  const targets = config.targets;
  if (targets !== undefined) {
    if (typeof targets !== 'object' || targets === null) fail('`targets` must be { connections?: [...], keyspaces?: [...] }.');
    for (const key of ['connections', 'keyspaces'] as const) {
      const list = (targets as Record<string, unknown>)[key];
      if (list !== undefined && (!Array.isArray(list) || list.length === 0 || list.some((item) => typeof item !== 'string'))) {
        fail(`targets.${key} must be a non-empty list of names.`);
      }
    }
    for (const name of ((targets as Record<string, unknown>).connections as string[] | undefined) ?? []) {
      if (!Object.prototype.hasOwnProperty.call(connections, name)) fail(`targets.connections names ${JSON.stringify(name)}, which is not in \`connections\`.`);
    }
  }
  for (const key of ['migrations', 'models'] as const) {
    if (config[key] !== undefined && typeof config[key] !== 'string') fail(`\`${key}\` must be a path (a string).`);
  }
  return config as unknown as CassiaConfig;
}
