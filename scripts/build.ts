/**
 * Builds everything a browser loads, into dist/public:
 *   widget/app-<hash>.js   the visitor's Preact app (ES module, loaded lazily by the loader)
 *   widget.js              the framework-free loader that site owners embed (classic script)
 *   console/               the agent console
 * then prints each bundle's gzip size and fails when a byte budget is exceeded.
 * The loader is built last because it must know the app's hashed file name.
 */
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type InlineConfig } from 'vite';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'dist/public');

/** gzip byte budgets; CI fails when one is exceeded. */
export const BUDGETS = {
  loader: 3 * 1024,
  /** Everything a visitor's browser loads to see and use the chat: loader + app + its chunks. */
  visitorTotal: 35 * 1024,
} as const;

const common: InlineConfig = {
  configFile: false,
  root,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  define: { 'process.env.NODE_ENV': '"production"' },
};

function gzipSize(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

async function main(): Promise<void> {
  rmSync(out, { recursive: true, force: true });

  // 1. The widget app, as an ES module with hashed names (served as immutable). Built in library mode: an
  // app build wraps every dynamic import (our language files) in a module-preload helper of about 0.7 KB
  // gzip that these dependency-free chunks never need.
  const appResult = await build({
    ...common,
    build: {
      outDir: join(out, 'widget'),
      emptyOutDir: true,
      target: 'es2020',
      minify: true,
      lib: { entry: join(root, 'widget/app.tsx'), formats: ['es'] },
      rollupOptions: {
        preserveEntrySignatures: 'exports-only',
        output: { format: 'es', entryFileNames: 'app-[hash].js', chunkFileNames: 'chunk-[hash].js', minify: true },
      },
    },
  });
  const outputs = (Array.isArray(appResult) ? appResult : [appResult]).flatMap((r) => ('output' in r ? r.output : []));
  type Chunk = Extract<(typeof outputs)[number], { type: 'chunk' }>;
  const isChunk = (o: (typeof outputs)[number]): o is Chunk => o.type === 'chunk';
  const entry = outputs.filter(isChunk).find((o) => o.isEntry);
  if (!entry) throw new Error('The widget app build produced no entry chunk.');

  // 2. The loader, a single classic script that knows where the app is.
  await build({
    ...common,
    define: { ...common.define, __PORCHLIGHT_APP__: JSON.stringify(`widget/${entry.fileName}`) },
    build: {
      outDir: out,
      emptyOutDir: false,
      target: 'es2018',
      lib: { entry: join(root, 'widget/loader.ts'), formats: ['iife'], name: 'PorchlightLoader', fileName: () => 'widget.js' },
    },
  });

  // 3. The agent console.
  await build({
    ...common,
    root: join(root, 'console'),
    base: '/console/',
    build: { outDir: join(out, 'console'), emptyOutDir: true, target: 'es2020' },
  });

  const loader = gzipSize(join(out, 'widget.js'));
  const chunks = new Map(outputs.filter(isChunk).map((o) => [o.fileName, o]));
  const sizeOf = (fileName: string) => gzipSize(join(out, 'widget', fileName));
  /** A chunk and everything it imports statically: what the browser fetches when it loads that chunk. */
  const closure = (fileName: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(fileName)) return seen;
    seen.add(fileName);
    for (const imported of chunks.get(fileName)?.imports ?? []) closure(imported, seen);
    return seen;
  };
  const sum = (files: Iterable<string>) => [...files].reduce((total, f) => total + sizeOf(f), 0);
  const always = closure(entry.fileName);
  // Lazily imported chunks (one per language) are alternatives: a visitor fetches one, so the largest counts.
  const largestLazy = Math.max(0, ...entry.dynamicImports.map((f) => sum([...closure(f)].filter((c) => !always.has(c)))));
  const visitorTotal = loader + sum(always) + largestLazy;

  const rows: Array<[string, number]> = [['widget.js (loader)', loader]];
  for (const file of filesUnder(join(out, 'widget')).filter((f) => f.endsWith('.js') || f.endsWith('.css'))) {
    rows.push([relative(out, file), gzipSize(file)]);
  }
  const consoleTotal = filesUnder(join(out, 'console')).reduce((total, f) => total + gzipSize(f), 0);

  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log('Bundle sizes (gzip -9):');
  for (const [name, size] of rows) console.log(`  ${name.padEnd(34)} ${kb(size).padStart(9)}`);
  console.log(`  ${'visitor total'.padEnd(34)} ${kb(visitorTotal).padStart(9)}  (budget ${kb(BUDGETS.visitorTotal)}: loader + app + its imports + the largest lazy chunk)`);
  console.log(`  ${'console total'.padEnd(34)} ${kb(consoleTotal).padStart(9)}`);

  const over: string[] = [];
  if (loader > BUDGETS.loader) over.push(`loader is ${kb(loader)}, budget ${kb(BUDGETS.loader)}`);
  if (visitorTotal > BUDGETS.visitorTotal) over.push(`visitor total is ${kb(visitorTotal)}, budget ${kb(BUDGETS.visitorTotal)}`);
  if (over.length > 0) {
    console.error(`Byte budget exceeded: ${over.join('; ')}.`);
    process.exit(1);
  }
}

await main();
