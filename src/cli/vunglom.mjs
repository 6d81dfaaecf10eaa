#!/usr/bin/env node
// The `vunglom` bin: runs the CLI built to plain JavaScript in dist-cli/ (by `npm ci`'s prepare, or `npm run build:cli`).
import { existsSync } from 'node:fs';

const built = new URL('../../dist-cli/vunglom.mjs', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const repo = new URL('../..', import.meta.url).pathname;
  process.stderr.write(`vunglom: the command line is not built yet: run "npm run build:cli" in ${repo}\n`);
  process.exitCode = 1;
}
