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

/** What the village's `mobile_source` says about terrain (the gap list keeps it in English). */
export interface TerrainFacts {
  /** `disk` no elevation model; `terrain` measured on terrain footprints; `mixed` some fell back to their disk; `outside` all did. */
  model: 'disk' | 'terrain' | 'mixed' | 'outside';
  /** The DEM's label ("SRTM .hgt 1″, 31 m"), when there is one. */
  dem: string | null;
}

/** Reads `mobile_source` ("predicted: disk", "predicted: terrain (<DEM>)[; disk outside the DEM]", "predicted: disk (outside the DEM <DEM>)"). */
export function terrainFacts(mobileSource: string): TerrainFacts {
  const outside = /^predicted: disk \(outside the DEM (.*)\)$/.exec(mobileSource);
  if (outside) return { model: 'outside', dem: outside[1] };
  const terrain = /^predicted: terrain \((.*)\)(; disk outside the DEM)?$/.exec(mobileSource);
  if (terrain) return { model: terrain[2] ? 'mixed' : 'terrain', dem: terrain[1] };
  return { model: 'disk', dem: null };
}
