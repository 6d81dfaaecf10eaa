/**
 * Synthetic fibre: trunks along the real national roads, feeders from the trunk network to every
 * commune centre, distribution routes to villages (least remote first) until only the calibration
 * target of villages is beyond drop-cable reach; access points (ODF, cabinets, splitters) on them.
 */
import { DEFAULT_FTTH_REACH_M, DEFAULT_FTTH_THRESHOLD } from '../../src/core/defaults.ts';
import { streamFor, type Random } from '../../src/core/random.ts';
import { SettlementFlags } from './calibration-check.ts';
import { distanceM, roundCoord, type Pos } from './geom.ts';
import { GridIndex } from './grid-index.ts';
import type { CommuneInfo } from './make-bts.ts';
import { settlementWeights } from './make-bts.ts';
import type { SettlementDraft, VillageDraft } from './make-villages.ts';
import type { SourceRoad } from './sample-sources.ts';
import type { GeneratedFibrePoint, GeneratedFibreRoute } from './generated-types.ts';

/** Share of villages left beyond FTTH reach by the calibration (a target of 10–20 %). */
export const TARGET_NO_FTTH_SHARE = 0.15;

export interface FibreResult {
  routes: GeneratedFibreRoute[];
  points: GeneratedFibrePoint[];
  /** Per village: within reach under the calibration check. */
  ftth: boolean[];
}

const round = (p: Pos): Pos => [roundCoord(p[0]), roundCoord(p[1])];

/** A gently bent line from a to b: one midpoint pushed sideways by up to 15 % of the length. */
function bentLine(a: Pos, b: Pos, rnd: Random): Pos[] {
  const mid: Pos = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  const off = (rnd() - 0.5) * 0.3;
  const bent: Pos = [mid[0] - (b[1] - a[1]) * off, mid[1] + (b[0] - a[0]) * off];
  return [round(a), round(bent), round(b)];
}

/** Builds the fibre network for the region. */
export function makeFibre(
  communes: CommuneInfo[],
  villages: VillageDraft[],
  settlements: SettlementDraft[],
  settlementIndex: GridIndex,
  roads: SourceRoad[],
  seed: number,
): FibreResult {
  const rnd = streamFor(seed, 'fibre');
  const { weights, villageOf, villageWeight } = settlementWeights(villages, settlements);
  const reach = new SettlementFlags(settlementIndex, weights, villageOf, villageWeight, DEFAULT_FTTH_THRESHOLD);
  const routes: GeneratedFibreRoute[] = [];
  const points: GeneratedFibrePoint[] = [];
  // Points of the existing network, every ~200 m, to tap new routes into.
  const network = new GridIndex(0.05);

  const addRoute = (route: Omit<GeneratedFibreRoute, 'id'>): void => {
    const id = `FR${String(routes.length + 1).padStart(6, '0')}`;
    routes.push({ id, ...route });
    reach.addLine(route.coordinates, DEFAULT_FTTH_REACH_M);
    const c = route.coordinates;
    for (let i = 1; i < c.length; i++) {
      const steps = Math.max(1, Math.ceil(distanceM(c[i - 1], c[i]) / 200));
      for (let s = 0; s <= steps; s++) {
        network.add(c[i - 1][0] + ((c[i][0] - c[i - 1][0]) * s) / steps, c[i - 1][1] + ((c[i][1] - c[i - 1][1]) * s) / steps);
      }
    }
  };
  const addPoint = (p: Omit<GeneratedFibrePoint, 'id'>): void => {
    points.push({ id: `FP${String(points.length + 1).padStart(6, '0')}`, ...p, lon: roundCoord(p.lon), lat: roundCoord(p.lat) });
    reach.addPoint([p.lon, p.lat], DEFAULT_FTTH_REACH_M);
  };
  const nearestNetwork = (p: Pos): Pos | null => {
    const id = network.nearest(p);
    return id < 0 ? null : [network.xs[id], network.ys[id]];
  };

  // 1. Trunks: VNPT and Viettel along every real national road.
  for (const road of roads) {
    for (const line of road.lines) {
      for (const operator of ['VNPT', 'Viettel']) {
        addRoute({ operator, kind: 'trunk', roadRef: road.ref, coordinates: line.map(round) });
      }
    }
  }

  // 2. Feeders to every commune centre, nearest first, each tapping the network built so far.
  const communeOperator = communes.map(() => (rnd() < 0.6 ? 'VNPT' : 'Viettel'));
  const byDistance = communes
    .map((c, i) => ({ i, d: network.size > 0 ? distanceM(c.centre, nearestNetwork(c.centre) as Pos) : i }))
    .sort((a, b) => a.d - b.d || a.i - b.i);
  for (const { i } of byDistance) {
    const c = communes[i];
    const from = nearestNetwork(c.centre);
    if (from && distanceM(from, c.centre) > 50) {
      addRoute({ operator: communeOperator[i], kind: 'feeder', roadRef: null, coordinates: bentLine(from, c.centre, rnd) });
    } else if (!from) {
      network.add(c.centre[0], c.centre[1]);
    }
    addPoint({ operator: communeOperator[i], kind: 'odf', villageId: null, lon: c.centre[0], lat: c.centre[1] });
  }

  // 3. Distribution to villages, least remote first, until the target share is beyond reach.
  const communeOfVillage = new Uint32Array(villages.length);
  communes.forEach((c, ci) => communeOfVillage.fill(ci, c.villageStart, c.villageEnd));
  const remoteness = villages.map((v) => v.centreDistanceM / 1000 + v.roadDistanceM / 2000 + 4 * rnd() - (v.urban ? 100 : 0));
  const order = villages.map((_, i) => i).sort((a, b) => remoteness[a] - remoteness[b] || a - b);
  const target = Math.round(TARGET_NO_FTTH_SHARE * villages.length);
  for (const v of order) {
    if (villages.length - reach.reached <= target) break;
    if (reach.isReached(v)) continue;
    const village = villages[v];
    const from = nearestNetwork(village.core);
    const ci = communeOfVillage[v];
    const operator = village.urban && rnd() < 0.4 ? 'FPT' : rnd() < 0.8 ? communeOperator[ci] : rnd() < 0.5 ? 'VNPT' : 'Viettel';
    if (from) addRoute({ operator, kind: 'distribution', roadRef: null, coordinates: bentLine(from, village.core, rnd) });
    addPoint({ operator, kind: 'cabinet', villageId: village.id, lon: village.core[0], lat: village.core[1] });
    // Splitters on the route nearest the two heaviest settlements; a branch to a far heavy one.
    const heavy = [];
    for (let s = village.settlementStart; s < village.settlementEnd; s++) heavy.push(s);
    heavy.sort((a, b) => settlements[b].population - settlements[a].population || a - b);
    for (const s of heavy.slice(0, 2)) {
      const sp: Pos = [settlements[s].lon, settlements[s].lat];
      if (!reach.flags[s]) {
        addRoute({ operator, kind: 'distribution', roadRef: null, coordinates: bentLine(village.core, sp, rnd) });
      }
      const at = nearestNetwork(sp) as Pos;
      if (distanceM(at, sp) < DEFAULT_FTTH_REACH_M) addPoint({ operator, kind: 'splitter', villageId: village.id, lon: at[0], lat: at[1] });
    }
  }
  return { routes, points, ftth: villages.map((_, v) => reach.isReached(v)) };
}
