import type { FootprintShape } from '../../core/coverage/uncovered-area.ts';
import type { BtsRecord, CoverageSource } from '../../core/model.ts';

/**
 * A fact for the village details panel that the gap list does not carry: where the coverage claims
 * come from. Pure (no DOM).
 */

/** Where the footprints touching a village come from, and which model drew them. */
export interface Provenance {
  /** Footprints per source (predicted from a model, declared by an operator, measured). */
  bySource: Record<CoverageSource, number>;
  /** `disk`, `sector`, `mixed`, or null when no footprint touches the village. */
  model: 'disk' | 'sector' | 'mixed' | null;
  footprints: number;
}

export function provenanceOf(footprints: readonly FootprintShape[], records: readonly number[], bts: readonly BtsRecord[]): Provenance {
  const bySource: Record<CoverageSource, number> = { predicted: 0, declared: 0, measured: 0 };
  const byRecord = new Map(footprints.map((f) => [f.record, f]));
  let disks = 0;
  let sectors = 0;
  for (const r of records) {
    const f = byRecord.get(r);
    bySource[bts[r]?.source ?? 'predicted']++;
    if (f?.azimuthDeg !== null && f?.azimuthDeg !== undefined) sectors++;
    else disks++;
  }
  const model = records.length === 0 ? null : sectors === 0 ? 'disk' : disks === 0 ? 'sector' : 'mixed';
  return { bySource, model, footprints: records.length };
}
