// Writes defineModel / defineType TypeScript for a keyspace as read from system_schema (schema pull):
// one defineType per user type (dependencies first) and one defineModel per table, so that syncing
// the models into an empty keyspace gives the same tables, columns, keys, indexes and types back.
import { optionsDifferingFromDefaults, type IndexDescription, type KeyspaceSchema, type TableDescription, type TypeDescription } from '@cassia/management/internal';
import { cqlTypeSource, userTypesIn } from './cql-type-source';

const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends',
  'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this',
  'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package',
  'private', 'protected', 'public', 'await', 't', 'defineModel', 'defineType',
]);

/** TypeScript source declaring the keyspace's user types and tables; `header` is the first comment line. */
export function modelSource(schema: KeyspaceSchema, header: string): string {
  const taken = new Set<string>();
  const typeNames = new Map<string, string>();
  const nameOf = (base: string, suffix: string): string => {
    let name = base.replace(/[^A-Za-z0-9_$]/g, '_');
    if (/^[0-9]/.test(name)) name = `_${name}`;
    if (RESERVED.has(name) || taken.has(name)) name = `${name}${suffix}`;
    while (taken.has(name)) name = `${name}_`;
    taken.add(name);
    return name;
  };
  const types = orderTypes([...schema.types.values()]);
  for (const type of types) typeNames.set(type.name, nameOf(`${type.name}Type`, 'Type'));
  const typeIdentifier = (name: string): string => typeNames.get(name) ?? nameOf(`${name}Type`, 'Type');
  const lines = [`// ${header}`, "import { defineModel, defineType, t } from '@cassia/schema';", ''];
  for (const type of types) {
    const fields = type.fields.map((field) => `    ${propertyKey(field.name)}: ${cqlTypeSource(field.type, typeIdentifier)},`);
    lines.push(`export const ${typeNames.get(type.name)} = defineType({`, `  name: ${JSON.stringify(type.name)},`, '  fields: {', ...fields, '  },', '});', '');
  }
  for (const table of [...schema.tables.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    lines.push(...tableSource(table, nameOf(table.name, 'Model'), typeIdentifier), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function tableSource(table: TableDescription, identifier: string, typeIdentifier: (name: string) => string): string[] {
  const byPosition = (kind: string) => table.columns.filter((column) => column.kind === kind).sort((a, b) => a.position - b.position);
  const partition = byPosition('partition_key');
  const clustering = byPosition('clustering');
  const keyNames = new Set([...partition, ...clustering].map((column) => column.name));
  const ordered = [...partition, ...clustering, ...table.columns.filter((column) => !keyNames.has(column.name)).sort((a, b) => a.name.localeCompare(b.name))];
  const columns = ordered.map((column) => {
    const source = cqlTypeSource(column.type, typeIdentifier);
    return `    ${propertyKey(column.name)}: ${source}${column.kind === 'static' ? '.static()' : ''},`;
  });
  const lines = [`export const ${identifier} = defineModel({`, `  table: ${JSON.stringify(table.name)},`, '  columns: {', ...columns, '  },'];
  lines.push(`  partitionKey: [${partition.map((column) => JSON.stringify(column.name)).join(', ')}],`);
  if (clustering.length > 0) {
    const entries = clustering.map((column) =>
      column.clusteringOrder === 'desc' ? `[${JSON.stringify(column.name)}, 'desc']` : JSON.stringify(column.name),
    );
    lines.push(`  clusteringKey: [${entries.join(', ')}],`);
  }
  const indexes = table.indexes.map(indexSource).filter((source): source is string => source !== undefined);
  if (indexes.length > 0) lines.push('  indexes: [', ...indexes.map((source) => `    ${source},`), '  ],');
  // Every option that is not Cassandra's default, so a sync elsewhere gives the same table.
  const options = Object.entries(optionsDifferingFromDefaults(table.options))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => optionSource(name, value))
    .filter((source): source is string => source !== undefined);
  if (options.length > 0) lines.push('  options: {', ...options.map((source) => `    ${source},`), '  },');
  lines.push('});');
  return lines;
}

// `name: value`, a map option's entries as the text the server keeps (caching's row count as the
// number TableOptions types it as); undefined for a value no model option can hold.
function optionSource(name: string, value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return `${name}: ${JSON.stringify(value)}`;
  if (typeof value !== 'object' || value === null) return undefined;
  const entries = Object.entries(value as Record<string, unknown>).map(([key, entry]) => {
    const text = String(entry);
    const literal = name === 'caching' && key === 'rows_per_partition' && /^\d+$/.test(text) ? text : JSON.stringify(text);
    return `${propertyKey(key)}: ${literal}`;
  });
  return `${name}: { ${entries.join(', ')} }`;
}

function indexSource(index: IndexDescription): string | undefined {
  const target = index.options.target ?? '';
  const match = /^(keys|values|entries|full)\((.+)\)$/.exec(target);
  const column = unquote(match === null ? target : match[2]);
  if (column === '') return undefined;
  const parts = [`name: ${JSON.stringify(index.name)}`, `column: ${JSON.stringify(column)}`];
  if (match !== null && match[1] !== 'values') parts.push(`target: '${match[1]}'`);
  if (index.kind.toUpperCase() === 'CUSTOM' && index.options.class_name !== undefined) {
    parts.push(`using: ${JSON.stringify(index.options.class_name)}`);
    const rest = Object.entries(index.options).filter(([name]) => name !== 'target' && name !== 'class_name');
    if (rest.length > 0) parts.push(`options: ${JSON.stringify(Object.fromEntries(rest))}`);
  }
  return `{ ${parts.join(', ')} }`;
}

function orderTypes(types: TypeDescription[]): TypeDescription[] {
  const byName = new Map(types.map((type) => [type.name, type]));
  const ordered: TypeDescription[] = [];
  const visiting = new Set<string>();
  const visit = (type: TypeDescription): void => {
    if (ordered.includes(type) || visiting.has(type.name)) return;
    visiting.add(type.name);
    for (const field of type.fields) {
      for (const used of userTypesIn(field.type)) {
        const dependency = byName.get(used);
        if (dependency !== undefined) visit(dependency);
      }
    }
    ordered.push(type);
  };
  for (const type of [...types].sort((a, b) => a.name.localeCompare(b.name))) visit(type);
  return ordered;
}

function propertyKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

function unquote(name: string): string {
  return name.startsWith('"') && name.endsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name;
}
