// What every `cassia` subcommand starts from: its options, the configuration, a registry of the
// configured connections, and the target lists (flags first, then the configuration's targets).
import type { ConnectionRegistry } from '@cassia/core';
import { defaultTargetConnections, loadCassiaConfig, registryFromConfig, type LoadedConfig } from '../cassia-config';
import type { CliIo } from './cli-io';

/** The options every subcommand accepts. */
export interface CommonFlags {
  config?: string;
  connections?: string[];
  keyspaces?: string[];
  dryRun?: boolean;
  json?: boolean;
  folder?: string;
}

/** A subcommand's started state. */
export interface CommandSetup {
  readonly loaded: LoadedConfig;
  readonly registry: ConnectionRegistry;
  readonly connections: string[];
  readonly keyspaces: string[] | undefined;
  readonly folder: string;
  /** Writes a progress line on stderr. */
  readonly progress: (line: string) => void;
}

/** Loads the configuration and registers its connections (lazily: nothing connects yet). */
export async function setUpCommand(flags: CommonFlags, io: CliIo): Promise<CommandSetup> {
  const loaded = await loadCassiaConfig(flags.config);
  const registry = await registryFromConfig(loaded);
  return {
    loaded,
    registry,
    connections: flags.connections ?? defaultTargetConnections(loaded),
    keyspaces: flags.keyspaces ?? (loaded.config.targets?.keyspaces === undefined ? undefined : [...loaded.config.targets.keyspaces]),
    folder: flags.folder ?? loaded.migrationsFolder,
    progress: (line) => io.stderr(`${line}\n`),
  };
}

/** `a,b` or repeated flags → a list of names. */
export function nameList(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((name) => name.trim()).filter((name) => name !== '')];
}
