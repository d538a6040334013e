// `npm run check:guide`: type-checks every ```ts block of docs/guide.md against the built packages
// (run `npm run build` first), as a user's code would import them. Each block becomes its own ES
// module under .cassia/guide-snippets/<guide>/ (ignored by git); a block whose first line is `// name.ts`
// is written under that name, so later blocks can import it (`import { Car } from './models.js'`).
// Errors are reported at their line in the guide. `--guide FILE` checks another file (for tests).
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({ options: { guide: { type: 'string', default: join(root, 'docs', 'guide.md') } } });
const guide = resolve(values.guide);
const shown = relative(process.cwd(), guide) || guide;
// Inside the repository, so `@cassia/*` resolves through its node_modules like an installed package;
// one folder per guide, so checking two guides at once (the script's tests) cannot mix their files.
const outDir = join(root, '.cassia', 'guide-snippets', basename(guide, '.md'));

/** The ```ts blocks of `text`: file name, code, and the guide line of the code's first line. */
function extractBlocks(text) {
  const lines = text.split('\n');
  const blocks = [];
  let current;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (current === undefined) {
      if (/^```(ts|typescript)\s*$/.test(line)) current = { firstLine: i + 2, code: [] };
    } else if (/^```\s*$/.test(line)) {
      blocks.push(current);
      current = undefined;
    } else {
      current.code.push(line);
    }
  }
  if (current !== undefined) throw new Error(`${shown}:${current.firstLine - 1}: a \`\`\`ts block is never closed`);
  return blocks.map((block, index) => {
    const named = /^\/\/ ([\w-]+)\.ts\s*$/.exec(block.code[0] ?? '');
    const name = named ? `${named[1]}.ts` : `snippet-${String(index + 1).padStart(2, '0')}.ts`;
    // `export {}` makes every block a module (top-level await, no shared globals).
    return { name, firstLine: block.firstLine, text: `${block.code.join('\n')}\nexport {};\n` };
  });
}

const blocks = extractBlocks(await readFile(guide, 'utf8'));
if (blocks.length === 0) {
  console.error(`✗ ${shown} has no \`\`\`ts block to check`);
  process.exit(1);
}
const names = new Set();
for (const block of blocks) {
  if (names.has(block.name)) {
    console.error(`✗ ${shown}:${block.firstLine}: a second block is named ${block.name}`);
    process.exit(1);
  }
  names.add(block.name);
}

await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });
await writeFile(join(outDir, 'package.json'), JSON.stringify({ type: 'module', private: true }, null, 2));
await writeFile(
  join(outDir, 'tsconfig.json'),
  JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022', lib: ['ES2022'], module: 'Node16', moduleResolution: 'Node16', strict: true,
        noEmit: true, skipLibCheck: true, types: ['node'], typeRoots: [join(root, 'node_modules', '@types')],
        noUnusedLocals: false,
      },
      include: ['*.ts'],
    },
    null,
    2,
  ),
);
for (const block of blocks) await writeFile(join(outDir, block.name), block.text);

const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', join(outDir, 'tsconfig.json'), '--pretty', 'false'], { encoding: 'utf8' });
const byName = new Map(blocks.map((block) => [block.name, block]));
// `snippet-03.ts(5,3): error TS...` → `docs/guide.md:LINE:3: error TS...`
const output = `${result.stdout}${result.stderr}`.replace(/^(?:.*[\\/])?([\w-]+\.ts)\((\d+),(\d+)\)/gm, (whole, name, line, column) => {
  const block = byName.get(name);
  return block === undefined ? whole : `${shown}:${block.firstLine + Number(line) - 1}:${column}`;
});
if (result.status !== 0) {
  console.error(output.trim() || `tsc failed (${result.error?.message ?? `status ${result.status}`})`);
  console.error(`✗ ${shown}: its TypeScript snippets do not compile`);
  process.exit(1);
}
console.log(`✓ ${shown}: ${blocks.length} TypeScript snippets compile (checked in ${relative(root, outDir)})`);
