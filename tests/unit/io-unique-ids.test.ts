import { describe, expect, it } from 'vitest';
import { hashString, UniqueIds } from '../../src/core/io/unique-ids.ts';

/** Two different strings with the same hash (found by search; a 32-bit hash meets one in ~100k strings). */
function collidingPair(): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; ; i++) {
    const s = `s${i}`;
    const h = hashString(s);
    const other = seen.get(h);
    if (other !== undefined) return [other, s];
    seen.set(h, s);
  }
}

describe('UniqueIds', () => {
  it('gives an id as it is the first time, then "#2", "#3", skipping suffixed ids the file holds', () => {
    const ids = new UniqueIds();
    expect(ids.take('a')).toBe('a');
    expect(ids.take('a')).toBe('a#2');
    expect(ids.take('a#3')).toBe('a#3');
    expect(ids.take('a')).toBe('a#4');
    expect(ids.take('a#2')).toBe('a#2#2');
    expect(ids.take('')).toBe('');
    expect(ids.take('')).toBe('#2');
    expect(ids.size).toBe(7);
  });

  it('keeps every id through many table growths, and tells duplicates after them', () => {
    const ids = new UniqueIds();
    const n = 50_000;
    for (let i = 0; i < n; i++) expect(ids.take(`v${i}`)).toBe(`v${i}`);
    for (let i = 0; i < n; i += 997) expect(ids.take(`v${i}`)).toBe(`v${i}#2`);
    expect(ids.take('v0')).toBe('v0#3');
    expect(ids.has('v49999')).toBe(true);
    expect(ids.has('v50000')).toBe(false);
  });

  it('tells apart ids whose hashes collide', () => {
    const [a, b] = collidingPair();
    expect(a).not.toBe(b);
    expect(hashString(a)).toBe(hashString(b));
    const ids = new UniqueIds();
    expect(ids.take(a)).toBe(a);
    expect(ids.has(b)).toBe(false);
    expect(ids.take(b)).toBe(b);
    expect(ids.take(b)).toBe(`${b}#2`);
    expect(ids.take(a)).toBe(`${a}#2`);
  });

  it('matches a Set on a shuffled mix of new and repeated ids', () => {
    const ids = new UniqueIds();
    const seen = new Set<string>();
    let x = 12345;
    for (let i = 0; i < 20_000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const id = `id-${x % 5000}`;
      const got = ids.take(id);
      expect(seen.has(got)).toBe(false);
      expect(got === id).toBe(!seen.has(id));
      seen.add(got);
    }
  });
});

describe('UniqueIds sized for a file', () => {
  it('takes more ids than it was sized for, and gives the same answers as one grown from empty', () => {
    const sized = new UniqueIds({ expected: 3000 });
    const grown = new UniqueIds();
    for (let i = 0; i < 10_000; i++) {
      const id = `x${i % 7000}`;
      expect(sized.take(id)).toBe(grown.take(id));
    }
    expect(sized.size).toBe(10_000);
  });
});
