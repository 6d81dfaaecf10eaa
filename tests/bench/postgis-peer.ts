import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL + PostGIS server for the benchmark: its own cluster in a temp dir, on
 * 127.0.0.1 and a free port, stopped (by its own pid file, through pg_ctl) when done. Installs the
 * Debian packages when they are missing (the benchmark runs as root on these machines).
 */
export interface PostgisPeer {
  port: number;
  version: string;
  /** Run SQL through psql; returns stdout. */
  sql(text: string): string;
  /** Run SQL and return the milliseconds psql's \timing reports for each statement. */
  timed(text: string): { stdout: string; ms: number[] };
  stop(): void;
}

const PG_BIN_ROOT = '/usr/lib/postgresql';

function pgBin(): string {
  if (!existsSync(PG_BIN_ROOT) || !hasPostgis()) {
    process.stderr.write('Installing postgresql and postgis from Debian for the benchmark…\n');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'postgresql', 'postgis'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  const versions = readdirSync(PG_BIN_ROOT).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  return join(PG_BIN_ROOT, versions[0], 'bin');
}

function hasPostgis(): boolean {
  if (!existsSync('/usr/share/postgresql')) return false;
  return readdirSync('/usr/share/postgresql').some((v) => existsSync(join('/usr/share/postgresql', v, 'extension', 'postgis.control')));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function startPostgis(): Promise<PostgisPeer> {
  const bin = pgBin();
  const dir = mkdtempSync(join(tmpdir(), 'vunglom-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  const asPostgres = process.getuid?.() === 0;
  const run = (cmd: string, args: string[], input?: string): string => {
    const full = asPostgres ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
    const r = spawnSync(full[0] as string, full[1] as string[], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c shared_buffers=512MB -c work_mem=256MB -c max_parallel_workers_per_gather=2`, 'start']);
  const psql = (text: string, timing: boolean): string =>
    run('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q', '-A', '-t', ...(timing ? ['-c', '\\timing on'] : [])], text);
  psql('CREATE EXTENSION IF NOT EXISTS postgis;', false);
  const version = psql('SELECT postgis_full_version();', false).trim().split(' ').slice(0, 2).join(' ');
  return {
    port,
    version,
    sql: (text) => psql(text, false),
    timed: (text) => {
      const stdout = psql(`\\timing on\n${text}`, false);
      const ms = [...stdout.matchAll(/^Time: ([\d.]+) ms/gm)].map((m) => Number(m[1]));
      return { stdout, ms };
    },
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
