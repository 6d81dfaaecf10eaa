import { groupDigits } from './group-digits.ts';

/**
 * Plausible ranges of the numbers an analysis takes, from a configuration or from data rows.
 * A configuration value outside them is refused with a sentence; a data row holding one is
 * reported and left out. README "Assumptions" lists them.
 */

/** An inclusive or exclusive interval, with its unit for messages. */
export interface Bound {
  min: number;
  max: number;
  /** The minimum itself is not allowed (beamwidth 0 is no sector at all). */
  minExclusive?: boolean;
  unit: string;
}

export const BOUNDS = {
  /** A cell's coverage radius: a pico cell's tens of metres to the longest rural macro cells. */
  radiusM: { min: 10, max: 100_000, unit: 'm' },
  /** Sector centre bearing, clockwise from north; negative bearings (−90 = 270) are taken. */
  azimuthDeg: { min: -360, max: 360, unit: '°' },
  /** Full opening angle of a sector; 360 is a disk. */
  beamwidthDeg: { min: 0, max: 360, minExclusive: true, unit: '°' },
  /** Antenna height above ground. */
  heightM: { min: 0, max: 1_000, unit: 'm' },
  /** Carrier frequency, up to millimetre-wave bands. */
  bandMhz: { min: 1, max: 100_000, unit: 'MHz' },
  /** Drop-cable reach from a fibre route or access point. */
  ftthReachM: { min: 10, max: 10_000, unit: 'm' },
  /** A share of a village that decides "covered"; 0 would call every village covered. */
  threshold: { min: 0, max: 1, minExclusive: true, unit: '' },
  /** Distance under which records of different operators are one physical site. */
  siteMergeM: { min: 0, max: 1_000, unit: 'm' },
  /** Persons per household, to estimate households from population. */
  personsPerHousehold: { min: 1, max: 20, unit: '' },
} as const satisfies Record<string, Bound>;

/** Whether `value` is a finite number inside `bound`. */
export function withinBound(value: number, bound: Bound): boolean {
  if (!Number.isFinite(value) || value > bound.max) return false;
  return bound.minExclusive ? value > bound.min : value >= bound.min;
}

/** "between 10 and 100,000 m", "above 0 and at most 360 °" — for messages. */
export function describeBound(bound: Bound): string {
  const unit = bound.unit ? ` ${bound.unit}` : '';
  const n = groupDigits;
  return bound.minExclusive ? `above ${n(bound.min)} and at most ${n(bound.max)}${unit}` : `between ${n(bound.min)} and ${n(bound.max)}${unit}`;
}
