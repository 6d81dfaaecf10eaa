import type { BtsRecord, FibrePoint, FibreRoute, VillageRecord } from '../model.ts';
import type { SettlementColumns } from '../settlement-columns.ts';
import type { AnalysisParams } from '../params.ts';
import { packFibre, type PackedFibre } from '../ftth/fibre-index.ts';
import { buildPopulatedPoints, type PopulatedPoints } from '../populated-points.ts';
import { packFootprints, type PackedFootprints } from '../coverage/packed-footprints.ts';
import { packPoints, type PackedPoints } from '../coverage/packed-points.ts';
import { packVillages, type PackedVillages } from '../coverage/packed-villages.ts';
import { buildTerrain } from '../terrain/build-terrain.ts';
import type { DemSet } from '../terrain/dem-set.ts';
import type { PackedTerrain } from '../terrain/packed-terrain.ts';
import type { ProfileCache } from '../terrain/profile-cache.ts';

/** Everything an analysis reads, as records (what the readers produce; settlements as columns). */
export interface AnalysisInput {
  villages: VillageRecord[];
  bts: BtsRecord[];
  fibreRoutes: FibreRoute[];
  fibrePoints: FibrePoint[];
  /** null: no settlement layer; each village's population is spread over its area. */
  settlements: SettlementColumns | null;
  /** The elevation model, when one was given: footprints are then limited by terrain. */
  dem?: DemSet | null;
}

/**
 * An analysis packed into typed arrays and indexes: what each worker receives (structured-cloned,
 * i.e. copied as whole buffers), and all it needs to compute any range of villages.
 */
export interface PreparedAnalysis {
  villageCount: number;
  params: AnalysisParams;
  villages: PackedVillages;
  footprints: PackedFootprints;
  settlements: PackedPoints | null;
  populated: PopulatedPoints;
  fibre: PackedFibre;
  /** Terrain footprints of `footprints` (null or absent: no elevation model, every footprint its disk or sector). */
  terrain?: PackedTerrain | null;
}

/**
 * Pack an analysis once; ranges of it are then computed anywhere (this thread, workers, threads).
 * With an elevation model the footprints' terrain profiles are computed here (or taken from
 * `options.profiles`, which keeps them for the next run).
 */
export function prepareAnalysis(input: AnalysisInput, params: AnalysisParams, options: { profiles?: ProfileCache } = {}): PreparedAnalysis {
  const footprints = packFootprints(input.bts, params);
  const settlements = input.settlements ? packPoints(input.settlements) : null;
  return {
    villageCount: input.villages.length,
    params,
    villages: packVillages(input.villages),
    footprints,
    terrain: input.dem ? buildTerrain(input.bts, footprints, input.dem, params.terrain, options.profiles) : null,
    settlements,
    populated: buildPopulatedPoints(input.villages, input.settlements, settlements),
    fibre: packFibre(input.fibreRoutes, input.fibrePoints),
  };
}
