import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * The stored golden file at `path`. It is written from `make()` only when `UPDATE_GOLDEN=1` (and
 * never in CI, where golden files are only read); a missing file fails the test with the command
 * that makes it, so a new case cannot pass by writing its own answer.
 */
export function readGolden(path: string, make: () => string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.UPDATE_GOLDEN === '1') {
    if (env.CI) throw new Error(`UPDATE_GOLDEN=1 is refused in CI: rewrite ${path} locally, review it and commit it.`);
    writeFileSync(path, make());
  } else if (!existsSync(path)) {
    throw new Error(`Golden file ${path} is missing: run UPDATE_GOLDEN=1 npx vitest run tests/golden, review the new file and commit it.`);
  }
  return readFileSync(path, 'utf8');
}
