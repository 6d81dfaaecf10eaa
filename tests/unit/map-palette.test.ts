import { describe, expect, test } from 'vitest';
import { blend, deltaE2000, deltaE2000Lab, simulate, type Vision } from '../../src/map/colour-vision.ts';
import {
  GAP_COLOURS,
  GAP_FILL_OPACITY,
  OPERATOR_STYLE,
  OTHER_OPERATOR_STYLE,
  PROVINCE_FILL,
  gapSwatch,
} from '../../src/map/palette.ts';

/** The four gap classes must differ by at least this CIEDE2000 distance, as drawn, for every vision below. */
const MIN_GAP_DELTA_E = 15;
/** An operator's colour must be at least this far from every gap colour (normal vision). */
const MIN_OPERATOR_DELTA_E = 15;
const VISIONS: Vision[] = ['normal', 'deuteranopia', 'protanopia', 'tritanopia'];
const GAPS = Object.keys(GAP_COLOURS) as (keyof typeof GAP_COLOURS)[];

function minPairDistance(colours: readonly string[], vision: Vision): number {
  let min = Infinity;
  for (let i = 0; i < colours.length; i++) {
    for (let j = i + 1; j < colours.length; j++) min = Math.min(min, deltaE2000(simulate(colours[i], vision), simulate(colours[j], vision)));
  }
  return min;
}

describe('colour arithmetic', () => {
  test('CIEDE2000 matches Sharma, Wu & Dalal (2005) test pairs', () => {
    expect(deltaE2000Lab([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(deltaE2000Lab([50, -1.3802, -84.2814], [50, 0, -82.7485])).toBeCloseTo(1.0, 4);
    expect(deltaE2000Lab([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
    expect(deltaE2000Lab([2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514])).toBeCloseTo(0.9082, 4);
  });

  test('simulated red-green blindness brings red and green together, and leaves grey alone', () => {
    expect(deltaE2000('#d62728', '#2ca02c')).toBeGreaterThan(60);
    expect(deltaE2000(simulate('#d62728', 'deuteranopia'), simulate('#2ca02c', 'deuteranopia'))).toBeLessThan(25);
    for (const v of VISIONS) expect(deltaE2000(simulate('#808080', v), '#808080')).toBeLessThan(1);
  });

  test('blend composites like the map: opacity 0 is the bottom colour, 1 the top', () => {
    expect(blend('#ff0000', '#0000ff', 0)).toBe('#0000ff');
    expect(blend('#ff0000', '#0000ff', 1)).toBe('#ff0000');
    expect(blend('#ffffff', '#000000', 0.5)).toBe('#808080');
  });
});

describe('the gap palette', () => {
  const drawn = GAPS.map((g) => blend(GAP_COLOURS[g], PROVINCE_FILL, GAP_FILL_OPACITY));

  test.each(VISIONS)(`the four classes as drawn stay ≥ ${MIN_GAP_DELTA_E} ΔE2000 apart (%s)`, (vision) => {
    expect(minPairDistance(drawn, vision)).toBeGreaterThanOrEqual(MIN_GAP_DELTA_E);
  });

  test('the check catches the palette the issue complained of (orange and red at 45 %)', () => {
    const old = ['#1a9850', '#f46d43', '#fee08b', '#d73027'].map((c) => blend(c, PROVINCE_FILL, 0.45));
    expect(minPairDistance(old, 'protanopia')).toBeLessThan(MIN_GAP_DELTA_E);
  });

  test('legend swatches are the colours the map draws', () => {
    GAPS.forEach((g, i) => expect(gapSwatch(g)).toBe(drawn[i]));
  });
});

describe('operators', () => {
  const styles = [...Object.values(OPERATOR_STYLE), OTHER_OPERATOR_STYLE];

  test('every operator has its own shape', () => {
    expect(new Set(styles.map((s) => s.shape)).size).toBe(styles.length);
  });

  test(`operator colours never reuse a gap colour (≥ ${MIN_OPERATOR_DELTA_E} ΔE2000 from each, plain and as drawn)`, () => {
    for (const { colour } of styles) {
      for (const gap of GAPS) {
        expect(deltaE2000(colour, GAP_COLOURS[gap]), `${colour} vs ${gap}`).toBeGreaterThanOrEqual(MIN_OPERATOR_DELTA_E);
        expect(deltaE2000(colour, gapSwatch(gap)), `${colour} vs drawn ${gap}`).toBeGreaterThanOrEqual(MIN_OPERATOR_DELTA_E);
      }
    }
  });
});
