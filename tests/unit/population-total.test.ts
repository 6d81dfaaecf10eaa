import { describe, expect, it } from 'vitest';
import { addPopulation } from '../../src/core/population-total.ts';

describe('the people of several villages', () => {
  it('is their sum when every one declares its population', () => {
    expect([120, 0, 35].reduce<number | null>(addPopulation, 0)).toBe(155);
  });

  it('is unknown, not a smaller sum, when one of them declares none', () => {
    expect([120, null, 35].reduce<number | null>(addPopulation, 0)).toBeNull();
    expect([null, 120].reduce<number | null>(addPopulation, 0)).toBeNull();
  });
});
