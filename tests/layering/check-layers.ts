import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The layering rules of the design, checked on the import statements of the source tree:
 *
 * - only `src/map` imports maplibre-gl;
 * - `src/core` imports only `src/core` and packages, and neither Comlink, maplibre-gl nor Node's
 *   own modules (it runs unchanged in Node, workers and the page);
 * - `workers/` imports only `workers/` and `src/core`;
 * - `src/map` imports only `src/map` and `src/core`; `src/cli` does not import the app or the map;
 *   nothing imports the CLI but the CLI;
 * - no import cycle (type-only imports included: a cycle of types is a cycle of design).
 *
 * The compiler does the rest (per-folder tsconfigs: core and workers without DOM or Node types).
 * Run `npx tsx tests/layering/check-layers.ts` (part of `npm test`); it prints each violation and
 * exits 1 when there is one.
 */

/** One broken rule: the importing file, what it imports, and which rule it breaks. */
export interface Violation {
  file: string;
  imports: string;
  rule: string;
}

/** The product's code and the sample generator (tests may import any layer, and hold planted violations as text). */
const SOURCE_DIRS = ['src', 'workers', 'data/scripts'];
const EXTENSIONS = ['.ts', '.mts', '.mjs'];
const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The layer a repository path belongs to. */
function layerOf(path: string): 'core' | 'map' | 'app' | 'cli' | 'workers' | 'other' {
  if (path.startsWith('src/core/')) return 'core';
  if (path.startsWith('src/map/')) return 'map';
  if (path.startsWith('src/app/')) return 'app';
  if (path.startsWith('src/cli/')) return 'cli';
  if (path.startsWith('workers/')) return 'workers';
  return 'other';
}

/** What each layer may import of the others (its own layer always). */
const MAY_IMPORT: Record<ReturnType<typeof layerOf>, readonly string[]> = {
  core: [],
  workers: ['core'],
  map: ['core'],
  app: ['core', 'map', 'workers'],
  cli: ['core', 'workers'],
  other: ['core', 'map', 'app', 'cli', 'workers'],
};

function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'node_modules') walk(full);
      } else if (EXTENSIONS.some((e) => name.endsWith(e)) && !name.endsWith('.d.ts')) out.push(full);
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(join(root, dir))) walk(join(root, dir));
  return out.sort();
}

/** The specifiers a file imports (static, re-exports, dynamic), comments left out. */
export function importsOf(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const out: string[] = [];
  for (const m of code.matchAll(IMPORT)) out.push(m[1] ?? m[2]);
  return out;
}

function resolveRelative(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, ...EXTENSIONS.map((e) => base + e), join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every violation of the rules under `root` (a repository checkout). */
export function checkLayers(root: string): Violation[] {
  const violations: Violation[] = [];
  const repoPath = (abs: string): string => relative(root, abs).split(sep).join('/');
  const graph = new Map<string, string[]>();
  for (const abs of sourceFiles(root)) {
    const file = repoPath(abs);
    const layer = layerOf(file);
    const edges: string[] = [];
    graph.set(file, edges);
    for (const spec of importsOf(readFileSync(abs, 'utf8'))) {
      if (!spec.startsWith('.')) {
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (pkg === 'maplibre-gl' && layer !== 'map') violations.push({ file, imports: spec, rule: 'only src/map imports maplibre-gl' });
        if (layer === 'core' && pkg === 'comlink') violations.push({ file, imports: spec, rule: 'src/core does not import Comlink (workers wire it)' });
        if (layer === 'core' && (spec.startsWith('node:') || NODE_BUILTINS.has(pkg))) {
          violations.push({ file, imports: spec, rule: "src/core does not import Node's modules (it runs in workers and the page)" });
        }
        continue;
      }
      const target = resolveRelative(abs, spec);
      if (!target) {
        violations.push({ file, imports: spec, rule: 'the imported file exists' });
        continue;
      }
      const to = repoPath(target);
      // A stylesheet or an asset is no layer.
      if (!EXTENSIONS.some((e) => to.endsWith(e))) continue;
      edges.push(to);
      const toLayer = layerOf(to);
      if (toLayer !== layer && !MAY_IMPORT[layer].includes(toLayer)) {
        violations.push({ file, imports: spec, rule: `${layer === 'other' ? file : `src/${layer}`.replace('src/workers', 'workers')} does not import ${toLayer === 'workers' ? 'workers/' : `src/${toLayer}`}` });
      }
    }
  }
  for (const cycle of importCycles(graph)) {
    violations.push({ file: cycle[0], imports: cycle.slice(1).join(' → '), rule: `no import cycle: ${cycle.join(' → ')} → ${cycle[0]}` });
  }
  return violations;
}

/** The strongly connected groups of more than one file (or a file importing itself), each as a list of files (Tarjan). */
function importCycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(group.reverse());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

const NODE_BUILTINS = new Set([
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'http', 'http2', 'https', 'module',
  'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'string_decoder', 'timers', 'tls', 'url', 'util', 'v8',
  'vm', 'worker_threads', 'zlib',
]);

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const violations = checkLayers(root);
  for (const v of violations) process.stderr.write(`${v.file}: imports ${v.imports} — breaks "${v.rule}"\n`);
  if (violations.length > 0) {
    process.stderr.write(`${violations.length} layering violation(s): move the code to the layer it belongs to, or the import the other way.\n`);
    process.exit(1);
  }
  process.stdout.write('layering: every import follows the rules\n');
}
