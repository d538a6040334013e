// `npm run check:cycles`: fails on an import cycle among the sources under packages/*/src that
// survives compilation (type-only imports are erased, so they may form cycles) or on an import
// that does not resolve. `--cwd DIR` checks another tree laid out the same way (for its tests).
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCircular, parseDependencyTree } from 'dpdm';

const { values } = parseArgs({ options: { cwd: { type: 'string', default: join(import.meta.dirname, '..') } } });
const cwd = resolve(values.cwd);
const tsconfig = join(cwd, 'tsconfig.docs.json'); // maps @cassia/* to packages/*/src and @cassia/<pkg>/internal to its src/internal.ts, so cycles across packages count too
const builtins = new Set(builtinModules);

const tree = await parseDependencyTree('packages/*/src/**/*.ts', {
  cwd,
  context: cwd,
  // Each module is first compiled to JavaScript, as tsc would emit it: what is only a type goes.
  transform: true,
  tsconfig: existsSync(tsconfig) ? tsconfig : undefined,
  skipDynamicImports: false,
});

/** dpdm names modules relative to its context; show them relative to the checked tree whatever it gives. */
const shown = (id) => relative(cwd, resolve(cwd, id));
const modules = Object.keys(tree).filter((id) => tree[id] !== null && !id.startsWith('node:'));
const unresolved = modules.flatMap((id) =>
  tree[id].filter((dependency) => dependency.id === null && !builtins.has(dependency.request.replace(/^node:/, ''))).map((dependency) => `${shown(id)} imports '${dependency.request}', which does not resolve`),
);
// A cycle is printed from its alphabetically first module, so the report does not depend on the
// order the traversal happened to meet it in.
const fromFirst = (cycle) => {
  const names = cycle.map(shown);
  const start = names.indexOf([...names].sort()[0]);
  return [...names.slice(start), ...names.slice(0, start)];
};
const cycles = parseCircular(tree).map((cycle) => {
  const names = fromFirst(cycle);
  return [...names, names[0]].join(' → ');
});

for (const line of unresolved) console.log(`✗ ${line}`);
for (const cycle of cycles) console.log(`✗ import cycle: ${cycle}`);
if (cycles.length > 0) console.error(`\n${cycles.length} import cycle(s): move what both sides need into a module of their own, or import a type with \`import type\``);
if (unresolved.length > 0) console.error(`\n${unresolved.length} import(s) that do not resolve: the check cannot see past them`);
if (unresolved.length + cycles.length > 0) {
  process.exitCode = 1;
} else {
  console.log(`✓ no import cycle among ${modules.length} modules (type-only imports left out)`);
}
