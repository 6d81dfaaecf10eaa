import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import buildCli from '../helpers/build-cli-setup.ts';
import { startRangeServer, type RangeServer } from '../helpers/range-server.ts';
import { writeBadFixtures } from './make-bad-fixtures.ts';
import { writeTerrainFixtures } from './make-terrain-fixtures.ts';

/**
 * Serves the production build with `vite preview` and the bad-input fixtures from a second origin
 * ("another site"), both on 127.0.0.1 and free ports, and hands their URLs to the tests.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the app (vite preview of dist/), ending in "/". */
    appUrl: string;
    /** Base URL of the fixture server for tests/fixtures/e2e, ending in "/". */
    fixturesUrl: string;
  }
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = 'tests/fixtures/e2e';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(resolve(ROOT, 'dist/index.html'))) {
    await build({ root: ROOT, configFile: resolve(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  }
  // Tests compare the app with `node src/cli/vunglom.mjs`, which runs dist-cli/: build it from this tree (~0.3 s),
  // as the unit tests' setup does, so an e2e run on its own never compares against an older CLI.
  buildCli();
  writeBadFixtures(resolve(ROOT, FIXTURES));
  writeTerrainFixtures(resolve(ROOT, FIXTURES));

  let server: PreviewServer | null = null;
  let fixtures: RangeServer | null = null;
  try {
    server = await preview({
      root: ROOT,
      configFile: resolve(ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
    });
    const address = server.httpServer.address() as AddressInfo | null;
    if (!address || typeof address === 'string') throw new Error('vite preview did not report a port');
    // The range server resolves paths against the working directory: run it from the repository root.
    fixtures = await startRangeServer(resolve(ROOT, FIXTURES));
  } catch (err) {
    await server?.close();
    throw err;
  }
  const address = server.httpServer.address() as AddressInfo;
  project.provide('appUrl', `http://127.0.0.1:${address.port}/`);
  project.provide('fixturesUrl', `${fixtures.url}/`);

  const running = { server, fixtures };
  return async () => {
    await Promise.all([running.server.close(), running.fixtures.close()]);
  };
}
