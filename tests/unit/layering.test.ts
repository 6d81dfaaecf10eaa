import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { checkLayers, importsOf } from '../layering/check-layers.ts';

/**
 * The layering check finds each kind of planted violation in a small tree, finds none in the
 * repository, and the per-folder tsconfigs make the compiler refuse DOM and Node in src/core.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dirs: string[] = [];

/** A repository-like tree with `files` (path → text) under a fresh temporary folder. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'vunglom-layers-'));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const CLEAN: Record<string, string> = {
  'src/core/geo.ts': "export const R = 6371e3;\n",
  'src/core/area.ts': "import { R } from './geo.ts';\nimport Flatbush from 'flatbush';\nexport const a = R * 2; export { Flatbush };\n",
  'src/map/view.ts': "import { Map } from 'maplibre-gl';\nimport { a } from '../core/area.ts';\nexport const m = [Map, a];\n",
  'src/app/main.ts': "import '../styles.css';\nimport { m } from '../map/view.ts';\nimport type { Api } from '../../workers/protocol.ts';\nexport const x: Api | null = m ? null : null;\n",
  'src/styles.css': 'body {}\n',
  'workers/protocol.ts': "import type { R } from '../src/core/geo.ts';\nexport interface Api { r: typeof R }\n",
  'src/cli/main.ts': "import { readFileSync } from 'node:fs';\nimport { a } from '../core/area.ts';\nexport const c = [readFileSync, a];\n",
};

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the layering check', () => {
  test('a tree that follows the rules passes, and so does the repository', () => {
    expect(checkLayers(tree(CLEAN))).toEqual([]);
    expect(checkLayers(ROOT)).toEqual([]);
  });

  test.each([
    ['maplibre-gl outside src/map', { 'src/app/bad.ts': "import maplibregl from 'maplibre-gl';\nexport default maplibregl;\n" }, 'only src/map imports maplibre-gl'],
    ['core importing the app', { 'src/core/bad.ts': "import { x } from '../app/main.ts';\nexport const y = x;\n" }, 'src/core does not import src/app'],
    ['core importing the map (type only)', { 'src/core/bad.ts': "import type { m } from '../map/view.ts';\nexport type Y = typeof m;\n" }, 'src/core does not import src/map'],
    ['core importing a worker protocol', { 'src/core/bad.ts': "export { type Api } from '../../workers/protocol.ts';\n" }, 'src/core does not import workers/'],
    ['core importing the CLI (dynamically)', { 'src/core/bad.ts': "export const load = () => import('../cli/main.ts');\n" }, 'src/core does not import src/cli'],
    ['core importing Comlink', { 'src/core/bad.ts': "import { wrap } from 'comlink';\nexport { wrap };\n" }, 'src/core does not import Comlink (workers wire it)'],
    ['core importing Node', { 'src/core/bad.ts': "import { readFileSync } from 'node:fs';\nexport { readFileSync };\n" }, "src/core does not import Node's modules (it runs in workers and the page)"],
    ['a worker importing the app', { 'workers/bad.ts': "import { x } from '../src/app/main.ts';\nexport const y = x;\n" }, 'workers does not import src/app'],
    ['the map importing the app', { 'src/map/bad.ts': "import { x } from '../app/main.ts';\nexport const y = x;\n" }, 'src/map does not import src/app'],
  ])('finds %s', (_name, planted, rule) => {
    const found = checkLayers(tree({ ...CLEAN, ...planted }));
    expect(found.map((v) => v.rule)).toEqual([rule]);
    expect(found[0].file).toBe(Object.keys(planted)[0]);
  });

  test('finds an import cycle, through type-only imports too', () => {
    const found = checkLayers(
      tree({
        ...CLEAN,
        'src/core/one.ts': "import type { B } from './two.ts';\nexport interface A { b?: B }\n",
        'src/core/two.ts': "import { three } from './three.ts';\nexport interface B { n: number }\nexport const two = three;\n",
        'src/core/three.ts': "import type { A } from './one.ts';\nexport const three: A | null = null;\n",
      }),
    );
    expect(found).toHaveLength(1);
    expect(found[0].rule).toBe('no import cycle: src/core/one.ts → src/core/two.ts → src/core/three.ts → src/core/one.ts');
  });

  test('reads every form of import and leaves comments out', () => {
    const text = [
      "import a from './a.ts';",
      "import type { B } from './b.ts';",
      "import './c.css';",
      "export * from './d.ts';",
      "export { e } from './e.ts';",
      "const f = await import('./f.ts');",
      "// import g from './g.ts';",
      "/* import h from './h.ts'; */",
      "import {\n  i,\n  j,\n} from './ij.ts';",
    ].join('\n');
    expect(importsOf(text)).toEqual(['./a.ts', './b.ts', './c.css', './d.ts', './e.ts', './f.ts', './ij.ts']);
  });
});

describe('the compiler keeps src/core free of the DOM and of Node', () => {
  test('a planted use of document or of a Node module does not compile with src/core/tsconfig.json', () => {
    const root = tree({
      'planted.ts': "export const title = document.title;\nimport { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
    });
    writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ extends: join(ROOT, 'src/core/tsconfig.json'), include: [join(root, 'planted.ts')] }));
    const result = spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['--noEmit', '-p', join(root, 'tsconfig.json')], { encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toMatch(/Cannot find name 'document'/);
    expect(result.stdout).toMatch(/node:fs/);
  });

  test('src/core and workers/ compile on their own (no DOM, no Node types)', () => {
    for (const project of ['src/core', 'workers']) {
      const result = spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['--noEmit', '-p', join(ROOT, project)], { encoding: 'utf8' });
      expect(result.stdout + result.stderr, project).toBe('');
      expect(result.status, project).toBe(0);
    }
  });
});
