import { spawnSync, type SpawnSyncOptions } from 'node:child_process';

/** The package's bin, run by the tests as a user runs it (plain Node, the built CLI behind it). */
export const BIN = 'src/cli/vunglom.mjs';

/** Runs `node <bin> …args`; its exit code, stdout and stderr. */
export function vunglom(args: readonly string[], options: Pick<SpawnSyncOptions, 'cwd' | 'env' | 'uid' | 'gid' | 'timeout'> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', ...options });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
