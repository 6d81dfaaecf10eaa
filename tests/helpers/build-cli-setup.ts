import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: builds the CLI into dist-cli/ once before the unit tests, so the tests that
 * run it as a user would (`node src/cli/vunglom.mjs`) run the code of this tree, not an older build.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, ['src/cli/build-cli.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
