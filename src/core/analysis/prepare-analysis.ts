import type { BtsRecord, FibrePoint, FibreRoute, SettlementRecord, VillageRecord } from '../model.ts';
import type { AnalysisParams } from '../params.ts';
import { packFibre, type PackedFibre } from '../ftth/fibre-index.ts';
import { buildPopulatedPoints, type PopulatedPoints } from '../populated-points.ts';
import { packFootprints, type PackedFootprints } from '../coverage/packed-footprints.ts';
import { packPoints, type PackedPoints } from '../coverage/packed-points.ts';
import { packVillages, type PackedVillages } from '../coverage/packed-villages.ts';

/** Everything an analysis reads, as records (what the readers produce). */
export interface AnalysisInput {
  villages: VillageRecord[];
  bts: BtsRecord[];
  fibreRoutes: FibreRoute[];
  fibrePoints: FibrePoint[];
  /** null: no settlement layer; each village's population is spread over its area. */
  settlements: SettlementRecord[] | null;
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
}

/** Pack an analysis once; ranges of it are then computed anywhere (this thread, workers, threads). */
export function prepareAnalysis(input: AnalysisInput, params: AnalysisParams): PreparedAnalysis {
  return {
    villageCount: input.villages.length,
    params,
    villages: packVillages(input.villages),
    footprints: packFootprints(input.bts, params),
    settlements: input.settlements ? packPoints(input.settlements) : null,
    populated: buildPopulatedPoints(input.villages, input.settlements),
    fibre: packFibre(input.fibreRoutes, input.fibrePoints),
  };
}
