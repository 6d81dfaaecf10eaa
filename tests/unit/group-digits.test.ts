import { expect, it } from 'vitest';
import { groupDigits } from '../../src/core/group-digits.ts';

it('groups thousands as English messages write them, like toLocaleString("en") for the numbers messages show', () => {
  for (const x of [0, 7, 999, 1000, 12_345, 150_000, 2_884_802, 100_000_000, -360, -1234, 1.5, 1234.25, -98765.5]) {
    expect(groupDigits(x), String(x)).toBe(x.toLocaleString('en', { maximumFractionDigits: 20 }));
  }
  expect(groupDigits(Number.NaN)).toBe('NaN');
  expect(groupDigits(1e21)).toBe('1e+21');
});
