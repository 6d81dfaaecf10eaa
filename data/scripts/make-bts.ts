/**
 * Synthetic BTS records of the four Vietnamese operators, placed by simple rules (commune centres,
 * towns, along national roads) and then filled in towards the least remote uncovered villages until
 * only the calibration target of villages lacks mobile broadband.
 */
import { DEFAULT_BROADBAND_TECHS, DEFAULT_COVERAGE_THRESHOLD, DEFAULT_RADIUS_M, VN_OPERATORS } from '../../src/core/defaults.ts';
import type { Tech } from '../../src/core/model.ts';
import { randInt, randNormal, streamFor } from '../../src/core/random.ts';
import { SettlementFlags } from './calibration-check.ts';
import { distanceM, roundCoord, type Pos } from './geom.ts';
import { GridIndex } from './grid-index.ts';
import type { SettlementDraft, VillageDraft } from './make-villages.ts';
import type { SourceRoad } from './sample-sources.ts';
import type { GeneratedBts } from './generated-types.ts';

/** Share of physical sites shared by two or more operators that the placement aims at. */
export const TARGET_SHARED_SITE_SHARE = 0.15;

/** Share of villages left without 4G/5G by the calibration (a target of about 2–6 %: the sample has gaps to show, as a province does). */
export const TARGET_NO_BROADBAND_SHARE = 0.04;

const [VIETTEL, VINAPHONE, MOBIFONE, VIETNAMOBILE] = VN_OPERATORS.map((o) => o.name);
const OP_CODE: Record<string, string> = { [VIETTEL]: 'VT', [VINAPHONE]: 'VNP', [MOBIFONE]: 'MBF', [VIETNAMOBILE]: 'VNM' };
const BAND_MHZ: Record<Tech, Record<string, number>> = {
  '2G': { [VIETTEL]: 900, [VINAPHONE]: 900, [MOBIFONE]: 900, [VIETNAMOBILE]: 1800 },
  '3G': { [VIETTEL]: 2100, [VINAPHONE]: 2100, [MOBIFONE]: 2100, [VIETNAMOBILE]: 2100 },
  '4G': { [VIETTEL]: 1800, [VINAPHONE]: 1800, [MOBIFONE]: 2100, [VIETNAMOBILE]: 1800 },
  '5G': { [VIETTEL]: 2600, [VINAPHONE]: 3500, [MOBIFONE]: 3500, [VIETNAMOBILE]: 3500 },
};

export interface CommuneInfo {
  communeId: string;
  centre: Pos;
  urban: boolean;
  /** Phường: city wards, where 5G is deployed. */
  ward: boolean;
  population: number;
  villageStart: number;
  villageEnd: number;
}

interface Site {
  id: string;
  pos: Pos;
  urban: boolean;
  ward: boolean;
  heightM: number;
  /** 0 = omnidirectional, else the first of three 120° sectors. */
  sectorAzimuth: number | null;
  operators: string[];
  records: GeneratedBts[];
}

export interface BtsResult {
  bts: GeneratedBts[];
  /** Per village: covered by 4G/5G under the calibration check. */
  broadband: boolean[];
  sites: number;
  sharedSites: number;
}

/** Places BTS for the region and calibrates them. */
export function makeBts(
  communes: CommuneInfo[],
  villages: VillageDraft[],
  settlements: SettlementDraft[],
  settlementIndex: GridIndex,
  roads: SourceRoad[],
  seed: number,
): BtsResult {
  const rnd = streamFor(seed, 'bts');
  const { weights, villageOf, villageWeight } = settlementWeights(villages, settlements);
  const covered = new SettlementFlags(settlementIndex, weights, villageOf, villageWeight, DEFAULT_COVERAGE_THRESHOLD);

  const sites: Site[] = [];
  const siteIndex = new GridIndex(0.05);
  let sharedSites = 0;

  const newSite = (pos: Pos, urban: boolean, ward: boolean, sectorProb: number): Site => {
    const site: Site = {
      id: `S${String(sites.length + 1).padStart(6, '0')}`,
      pos: [roundCoord(pos[0]), roundCoord(pos[1])],
      urban,
      ward,
      heightM: urban ? randInt(rnd, 18, 32) : randInt(rnd, 30, 48),
      sectorAzimuth: rnd() < sectorProb ? randInt(rnd, 0, 119) : null,
      operators: [],
      records: [],
    };
    sites.push(site);
    siteIndex.add(site.pos[0], site.pos[1]);
    return site;
  };

  const addRecords = (site: Site, op: string, techs: Tech[]): void => {
    site.operators.push(op);
    for (const tech of techs) {
      const given = rnd() < 0.25;
      const factor = site.urban ? 0.6 : 1;
      const radiusM = given ? Math.round((DEFAULT_RADIUS_M[tech] * factor * (0.75 + 0.5 * rnd())) / 50) * 50 : null;
      const sectors = site.sectorAzimuth === null ? [null] : [0, 120, 240].map((a) => a + (site.sectorAzimuth as number));
      sectors.forEach((az, s) => {
        const rec: GeneratedBts = {
          id: `${site.id}-${OP_CODE[op]}-${tech}${az === null ? '' : `-${s + 1}`}`,
          siteId: site.id,
          operator: op,
          tech,
          lon: site.pos[0],
          lat: site.pos[1],
          radiusM,
          azimuthDeg: az,
          beamwidthDeg: az === null ? null : 120,
          heightM: site.heightM,
          bandMhz: BAND_MHZ[tech][op],
        };
        site.records.push(rec);
        if (DEFAULT_BROADBAND_TECHS.includes(tech)) {
          covered.addFootprint({
            lon: rec.lon,
            lat: rec.lat,
            radiusM: radiusM ?? DEFAULT_RADIUS_M[tech],
            azimuthDeg: rec.azimuthDeg,
            beamwidthDeg: rec.beamwidthDeg,
          });
        }
      });
    }
  };

  const techsFor = (op: string, site: Site): Tech[] => {
    const techs: Tech[] = [];
    if (rnd() < (op === VIETNAMOBILE ? 0.6 : 0.35)) techs.push('2G');
    if (rnd() < 0.2) techs.push('3G');
    techs.push('4G');
    if (site.ward && op !== VIETNAMOBILE && rnd() < (op === VIETTEL ? 0.7 : 0.4)) techs.push('5G');
    return techs;
  };

  /** Puts an operator at pos: on an existing site of other operators nearby (shared) or a new one. */
  const place = (op: string, pos: Pos, urban: boolean, ward: boolean, shareProb: number): void => {
    // In towns, share only while below the target ratio: dense cities would push it far above it.
    const capped = urban && sharedSites >= TARGET_SHARED_SITE_SHARE * (sites.length + 1);
    if (rnd() < shareProb && !capped) {
      const near = siteIndex
        .within(pos, urban ? 600 : 2500)
        .map((i) => sites[i])
        .filter((s) => !s.operators.includes(op));
      if (near.length > 0) {
        const site = near[Math.floor(rnd() * near.length)];
        if (site.operators.length === 1) sharedSites++;
        addRecords(site, op, techsFor(op, site));
        return;
      }
    }
    const site = newSite(pos, urban, ward, urban ? 0.6 : 0.15);
    addRecords(site, op, techsFor(op, site));
  };

  const jitter = (p: Pos, metres: number): Pos => [
    p[0] + (metres * randNormal(rnd)) / (111000 * Math.cos((p[1] * Math.PI) / 180)),
    p[1] + (metres * randNormal(rnd)) / 111000,
  ];

  // 1. Commune centres and towns: Viettel everywhere, others where people are.
  for (const c of communes) {
    place(VIETTEL, c.centre, c.urban, c.ward, 0);
    const others: [string, number][] = [
      [VINAPHONE, c.urban ? 0.95 : 0.25 + c.population / 20000],
      [MOBIFONE, c.urban ? 0.8 : 0.12 + c.population / 30000],
      [VIETNAMOBILE, c.urban ? 0.45 : 0.03],
    ];
    for (const [op, p] of others) if (rnd() < p) place(op, jitter(c.centre, c.urban ? 400 : 900), c.urban, c.ward, 0.8);
    if (c.urban) {
      const heavy = [];
      for (let v = c.villageStart; v < c.villageEnd; v++) heavy.push(v);
      heavy.sort((a, b) => villages[b].population - villages[a].population || a - b);
      const extra = Math.floor(c.population / 3500);
      for (let i = 0; i < extra && i < heavy.length; i++) {
        const core = villages[heavy[i]].core;
        place(VIETTEL, core, true, c.ward, 0.1);
        if (rnd() < 0.6) place(VINAPHONE, jitter(core, 300), true, c.ward, 0.5);
        if (rnd() < 0.45) place(MOBIFONE, jitter(core, 300), true, c.ward, 0.5);
        if (rnd() < 0.2) place(VIETNAMOBILE, jitter(core, 300), true, c.ward, 0.4);
      }
    }
  }

  // 2. Along the national roads: Viettel every ~8 km, VinaPhone ~14 km, MobiFone ~22 km.
  for (const road of roads) {
    for (const line of road.lines) {
      let run = 0;
      const next: Record<string, number> = { [VIETTEL]: 4000, [VINAPHONE]: 7000, [MOBIFONE]: 11000 };
      const step: Record<string, number> = { [VIETTEL]: 8000, [VINAPHONE]: 14000, [MOBIFONE]: 22000 };
      for (let i = 1; i < line.length; i++) {
        const seg = distanceM(line[i - 1], line[i]);
        for (const op of [VIETTEL, VINAPHONE, MOBIFONE]) {
          while (next[op] <= run + seg) {
            const t = (next[op] - run) / seg;
            const p: Pos = [line[i - 1][0] + t * (line[i][0] - line[i - 1][0]), line[i - 1][1] + t * (line[i][1] - line[i - 1][1])];
            if (siteIndex.within(p, 2500).length === 0 || op !== VIETTEL) place(op, jitter(p, 150), false, false, 0.75);
            next[op] += step[op] * (0.8 + 0.4 * rnd());
          }
        }
        run += seg;
      }
    }
  }

  // 3. Fill: the least remote villages first, until only the target share lacks broadband.
  const isCovered = (v: number): boolean => covered.isReached(v);
  const remoteness = villages.map((v) => (v.urban ? -1e6 : v.roadDistanceM / 1000 + v.centreDistanceM / 3000 + 3 * rnd()));
  const order = villages.map((_, i) => i).sort((a, b) => remoteness[a] - remoteness[b] || a - b);
  const target = Math.round(TARGET_NO_BROADBAND_SHARE * villages.length);
  for (const v of order) {
    if (villages.length - covered.reached <= target) break;
    if (isCovered(v)) continue;
    const village = villages[v];
    for (let attempt = 0; attempt < 4 && !isCovered(v); attempt++) {
      let best = -1;
      for (let s = village.settlementStart; s < village.settlementEnd; s++) {
        if (!covered.flags[s] && (best < 0 || weights[s] > weights[best])) best = s;
      }
      if (best < 0) break;
      const op = rnd() < 0.8 ? VIETTEL : rnd() < 0.6 ? VINAPHONE : MOBIFONE;
      const pos: Pos = [settlements[best].lon, settlements[best].lat];
      place(op, jitter(pos, 200), village.urban, false, 0.6);
    }
  }

  // 4. Some villages without broadband still have an old 2G-only Viettel mast.
  for (let v = 0; v < villages.length; v++) {
    if (!isCovered(v) && rnd() < 0.4) {
      const site = newSite(jitter(villages[v].core, 300), false, false, 0);
      addRecords(site, VIETTEL, ['2G']);
    }
  }

  const bts = sites.flatMap((s) => s.records);
  return {
    bts,
    broadband: villages.map((_, v) => isCovered(v)),
    sites: sites.length,
    sharedSites: sites.filter((s) => s.operators.length >= 2).length,
  };
}

/**
 * Calibration weights: settlement population, or 1 per settlement in a village without population
 * (four Kon Tum communes have 0 in the 2009 source), so every village can be judged.
 */
export function settlementWeights(
  villages: VillageDraft[],
  settlements: SettlementDraft[],
): { weights: Float64Array; villageOf: Uint32Array; villageWeight: Float64Array } {
  const villageOf = new Uint32Array(settlements.length);
  villages.forEach((v, vi) => villageOf.fill(vi, v.settlementStart, v.settlementEnd));
  const weights = Float64Array.from(settlements, (s, i) => (villages[villageOf[i]].population > 0 ? s.population : 1));
  const villageWeight = new Float64Array(villages.length);
  for (let i = 0; i < settlements.length; i++) villageWeight[villageOf[i]] += weights[i];
  return { weights, villageOf, villageWeight };
}
