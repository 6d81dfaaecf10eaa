/**
 * Mobile coverage of villages `start .. end` as typed arrays (row `i` is village `start + i`).
 * Per-operator and per-technology arrays are row-major: `byOperator[i * operatorCount + op]`, with
 * columns in the order of the packed footprints' `operators` and `techs` tables.
 * Invalid villages have NaN fractions and distance and 0 flags.
 */
export interface MobileCoverageResult {
  start: number;
  end: number;
  operatorCount: number;
  techCount: number;
  /** area(village ∩ union of footprints) / area(village). */
  areaFraction: Float64Array;
  /** Settlement weight inside the union / settlement weight in the village (area fraction when none). */
  popFraction: Float64Array;
  /** 1 when the centre (declared, else an interior point) is inside the union. */
  centreCovered: Uint8Array;
  /** Area fraction per operator. */
  byOperator: Float64Array;
  popByOperator: Float64Array;
  centreByOperator: Uint8Array;
  /** Area fraction per technology. */
  byTech: Float64Array;
  popByTech: Float64Array;
  centreByTech: Uint8Array;
  /** Geodesic distance from the centre to the nearest broadband site (m); Infinity when there is none. */
  nearestBtsM: Float64Array;
  /** With an elevation model: the plain-disk measures beside the terrain ones; null without one. */
  terrain: TerrainColumns | null;
}

/**
 * What an elevation model adds to a result. The measures above are then on terrain footprints; these
 * are the same village with every footprint its plain disk or sector (what terrain takes away is the
 * difference), and how each village was modelled.
 */
export interface TerrainColumns {
  diskArea: Float64Array;
  diskPop: Float64Array;
  diskCentre: Uint8Array;
  /** Bits per village: 1 a footprint near it was checked against the DEM, 2 one fell back to its disk (outside the DEM or over voids), 4 one is cut by terrain. */
  model: Uint8Array;
}

/** Terrain columns for `n` villages. */
export function allocateTerrainColumns(n: number): TerrainColumns {
  return { diskArea: new Float64Array(n), diskPop: new Float64Array(n), diskCentre: new Uint8Array(n), model: new Uint8Array(n) };
}

/** Allocates a result for `end - start` villages (with terrain columns when `options.terrain`). */
export function allocateCoverageResult(
  start: number,
  end: number,
  operatorCount: number,
  techCount: number,
  options: { terrain?: boolean } = {},
): MobileCoverageResult {
  const n = end - start;
  return {
    start,
    end,
    operatorCount,
    techCount,
    areaFraction: new Float64Array(n),
    popFraction: new Float64Array(n),
    centreCovered: new Uint8Array(n),
    byOperator: new Float64Array(n * operatorCount),
    popByOperator: new Float64Array(n * operatorCount),
    centreByOperator: new Uint8Array(n * operatorCount),
    byTech: new Float64Array(n * techCount),
    popByTech: new Float64Array(n * techCount),
    centreByTech: new Uint8Array(n * techCount),
    nearestBtsM: new Float64Array(n),
    terrain: options.terrain ? allocateTerrainColumns(n) : null,
  };
}

/** The buffers of a result, for `postMessage(…, transferables)`. */
export function resultTransferables(r: MobileCoverageResult): ArrayBuffer[] {
  return [
    r.areaFraction,
    r.popFraction,
    r.centreCovered,
    r.byOperator,
    r.popByOperator,
    r.centreByOperator,
    r.byTech,
    r.popByTech,
    r.centreByTech,
    r.nearestBtsM,
    ...(r.terrain ? [r.terrain.diskArea, r.terrain.diskPop, r.terrain.diskCentre, r.terrain.model] : []),
  ].map((a) => a.buffer as ArrayBuffer);
}
