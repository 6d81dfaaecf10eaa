import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { readGolden } from '../helpers/golden.ts';

/** Golden files are written only on request, never in CI, and a missing one fails. */

const dirs: string[] = [];
function folder(): string {
  const d = mkdtempSync(join(tmpdir(), 'vunglom-golden-'));
  dirs.push(d);
  return d;
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('readGolden', () => {
  test('a missing golden file fails and is not written', () => {
    const path = join(folder(), 'case.geojson');
    expect(() => readGolden(path, () => 'answer', {})).toThrow(/missing: run UPDATE_GOLDEN=1/);
    expect(existsSync(path)).toBe(false);
  });

  test('a stored golden file is read as it is, not rewritten', () => {
    const path = join(folder(), 'case.geojson');
    writeFileSync(path, 'stored');
    expect(readGolden(path, () => 'new answer', {})).toBe('stored');
    expect(readFileSync(path, 'utf8')).toBe('stored');
  });

  test('UPDATE_GOLDEN=1 writes it; in CI the request is refused', () => {
    const path = join(folder(), 'case.geojson');
    expect(readGolden(path, () => 'new answer', { UPDATE_GOLDEN: '1' })).toBe('new answer');
    expect(() => readGolden(path, () => 'other', { UPDATE_GOLDEN: '1', CI: 'true' })).toThrow(/refused in CI/);
    expect(readFileSync(path, 'utf8')).toBe('new answer');
  });
});
