// Loads a user's module (a migration, a models module, a config): .js/.mjs/.cjs by Node's own import(),
// .ts/.mts/.cts through tsx's loader, so the CLI runs TypeScript files without a build step.
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MigrationModuleError } from './errors/migration-module-error';

const TYPESCRIPT = new Set(['.ts', '.mts', '.cts']);

/** The module's exports (a CommonJS module's exports under `default` too, as Node's import() gives them). */
export async function importUserModule(path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  try {
    if (TYPESCRIPT.has(extname(path))) {
      const { tsImport } = await import('tsx/esm/api');
      return (await tsImport(url, __filename)) as Record<string, unknown>;
    }
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unknown error';
    throw new MigrationModuleError(path, `could not be loaded: ${reason}`, { cause: error });
  }
}

/** Reads a named export, looking through `default` (a CommonJS module's exports) when it is not at the top. */
export function exportOf(exports: Record<string, unknown>, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(exports, name)) return exports[name];
  const fallback = exports.default;
  if (typeof fallback === 'object' && fallback !== null && Object.prototype.hasOwnProperty.call(fallback, name)) {
    return (fallback as Record<string, unknown>)[name];
  }
  return undefined;
}
