#!/usr/bin/env node
// Builds the CLI to plain JavaScript in dist-cli/ with esbuild: the entry (help, version, parsing),
// the worker thread's entry, and shared chunks loaded only when a command runs. Run by `npm ci`
// (the package's `prepare` script), `npm run build:cli` and the tests' global setup; ~0.3 s.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const target = `${repo}dist-cli`;
// Built beside, then swapped in: a CLI running meanwhile never finds the folder half-written, and
// chunks of an older build (named by content hash) do not linger.
const outdir = `${target}.tmp-${process.pid}`;
const started = performance.now();

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: repo,
  entryPoints: { vunglom: 'src/cli/main.ts', 'coverage-thread': 'src/cli/coverage-thread.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  // Chunks beside the entries: the thread pool finds coverage-thread.mjs relative to its own chunk.
  chunkNames: 'chunk-[hash]',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});
const old = `${target}.old-${process.pid}`;
if (existsSync(target)) renameSync(target, old);
renameSync(outdir, target);
rmSync(old, { recursive: true, force: true });
const outputs = Object.entries(result.metafile.outputs).filter(([name]) => name.endsWith('.mjs'));
const kib = outputs.reduce((sum, [, o]) => sum + o.bytes, 0) / 1024;
process.stderr.write(`built the CLI into dist-cli/ in ${Math.round(performance.now() - started)} ms (${outputs.length} modules, ${Math.round(kib)} KiB)\n`);
