// Reads the models a module exports (for schema check and migrate new --from-models): every exported
// value made by defineModel, at the top level or under `default`, in export order.
import type { AnyModel } from '@cassia/schema';
import { MigrationModuleError } from './errors/migration-module-error';
import { importUserModule } from './module-loader';

/** The models `path` exports; MigrationModuleError when it exports none. */
export async function loadModels(path: string): Promise<AnyModel[]> {
  const exports = await importUserModule(path);
  const models: AnyModel[] = [];
  const collect = (value: unknown): void => {
    if (isModel(value) && !models.includes(value)) models.push(value);
  };
  for (const value of Object.values(exports)) collect(value);
  const fallback = exports.default;
  if (typeof fallback === 'object' && fallback !== null && !isModel(fallback)) for (const value of Object.values(fallback)) collect(value);
  if (models.length === 0) throw new MigrationModuleError(path, 'exports no model: export each defineModel(...) result, e.g. `export const users = defineModel({ … })`.');
  return models;
}

function isModel(value: unknown): value is AnyModel {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'model' && typeof (value as { table?: unknown }).table === 'string';
}
