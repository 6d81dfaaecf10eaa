import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/**
 * The static servers the README says can serve dist/: Python's http.server (no Range support) and
 * the http-server package (a devDependency, so it works offline), each started as its own process
 * on 127.0.0.1 and a free port, and stopped by its own pid.
 */

export type StaticServerKind = 'python-http-server' | 'http-server';

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

/** Serves `dir` with the given server until `close()`. */
export async function startStaticServer(kind: StaticServerKind, dir: string): Promise<StaticServer> {
  const port = await freePort();
  const root = resolve(dir);
  const child: ChildProcess =
    kind === 'python-http-server'
      ? spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', root], { stdio: 'ignore' })
      : spawn(process.execPath, [resolve('node_modules/http-server/bin/http-server'), root, '-a', '127.0.0.1', '-p', String(port), '-c-1', '--silent'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/`;
  const close = async (): Promise<void> => {
    if (child.exitCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return { url, close };
    } catch {
      // Not listening yet: try again until the deadline.
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await close();
      throw new Error(`${kind} did not answer on ${url} within 20 s (exit code ${child.exitCode})`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
