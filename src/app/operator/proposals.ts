import { errorMessage } from '../../core/error-message.ts';
import { parseTech } from '../../core/io/parse-tech.ts';
import type { Tech } from '../../core/model.ts';
import type { Candidate, CandidateOrigin } from '../../core/planning/candidates.ts';
import type { ProposedSite } from '../../core/planning/incremental-analysis.ts';

/**
 * The proposal being built: sites the user placed, existing sites to share, and the optimiser's
 * additions, in order, with undo/redo and a form kept in the browser session. Pure (no DOM).
 */

/** One sector of a proposed site: centre bearing clockwise from north, full opening (degrees). */
export interface Sector {
  azimuthDeg: number;
  beamwidthDeg: number;
}

/** One proposed site as the app edits it. */
export interface ProposalEntry {
  /** Unique in the session (the list, the map and the form refer to it). */
  key: string;
  /** Physical site id: an existing site's for a share, a generated one for a new site. */
  siteId: string;
  kind: 'share' | 'new';
  origin: CandidateOrigin;
  /** Operators already on an existing site (share); empty for a new site. */
  hostOperators: string[];
  lon: number;
  lat: number;
  operators: string[];
  tech: Tech;
  /** null: the technology's radius in the assumptions. */
  radiusM: number | null;
  /** None: an omnidirectional disk. */
  sectors: Sector[];
}

/** The core's view of the entries (what `IncrementalAnalysis.propose` takes). */
export function toProposedSites(entries: readonly ProposalEntry[]): ProposedSite[] {
  return entries.map((e) => ({
    siteId: e.siteId,
    lon: e.lon,
    lat: e.lat,
    operators: [...e.operators],
    tech: e.tech,
    radiusM: e.radiusM,
    sectors: e.sectors.map((s) => ({ ...s })),
  }));
}

/** A key not used by `entries` ("p1", "p2", …). */
function nextKey(entries: readonly { key: string }[]): string {
  let n = 0;
  for (const e of entries) {
    const m = /^p(\d+)$/.exec(e.key);
    if (m) n = Math.max(n, Number(m[1]));
  }
  return `p${n + 1}`;
}

/** A new site placed by the user at `lon`, `lat`. */
export function placedEntry(entries: readonly ProposalEntry[], at: { lon: number; lat: number }, cell: { operators: string[]; tech: Tech; radiusM: number | null }): ProposalEntry {
  const key = nextKey(entries);
  return {
    key,
    siteId: `user-${key}`,
    kind: 'new',
    origin: 'user',
    hostOperators: [],
    lon: at.lon,
    lat: at.lat,
    operators: [...cell.operators],
    tech: cell.tech,
    radiusM: cell.radiusM,
    sectors: [],
  };
}

/** An optimiser candidate or a sharing opportunity as an entry (its records' operators, technology, radius, sectors). */
function entryFromCandidate(candidate: Candidate, key: string): ProposalEntry {
  const first = candidate.records[0];
  const sectors: Sector[] = [];
  for (const r of candidate.records) {
    if (r.azimuthDeg === null || r.beamwidthDeg === null) continue;
    if (!sectors.some((s) => s.azimuthDeg === r.azimuthDeg && s.beamwidthDeg === r.beamwidthDeg)) {
      sectors.push({ azimuthDeg: r.azimuthDeg, beamwidthDeg: r.beamwidthDeg });
    }
  }
  return {
    key,
    siteId: candidate.siteId,
    kind: candidate.kind,
    origin: candidate.origin,
    hostOperators: [...candidate.hostOperators],
    lon: candidate.lon,
    lat: candidate.lat,
    operators: [...new Set(candidate.records.map((r) => r.operator))],
    tech: first?.tech ?? '4G',
    radiusM: first?.radiusM ?? null,
    sectors,
  };
}

/**
 * Candidates appended to `entries` with fresh keys. A new site whose id is already taken (a second
 * optimiser run numbers its sites from 1 again) gets a suffix: one id is one physical site.
 */
export function withCandidates(entries: readonly ProposalEntry[], candidates: readonly Candidate[]): ProposalEntry[] {
  const out = [...entries];
  const taken = new Set(entries.filter((e) => e.kind === 'new').map((e) => e.siteId));
  for (const c of candidates) {
    const entry = entryFromCandidate(c, nextKey(out));
    if (entry.kind === 'new') {
      let id = entry.siteId;
      for (let n = 2; taken.has(id); n++) id = `${entry.siteId}-${n}`;
      entry.siteId = id;
      taken.add(id);
    }
    out.push(entry);
  }
  return out;
}

/**
 * "0/120, 120/120, 240/120" → three sectors; "" → none (a disk). Throws an Error naming the bad
 * part and the expected form.
 */
export function parseSectors(text: string): Sector[] {
  const parts = text.split(/[;,]/).map((p) => p.trim()).filter((p) => p !== '');
  return parts.map((part) => {
    const m = /^(-?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(part);
    if (!m) throw new Error(`"${part}" is not a sector: write azimuth/beamwidth in degrees, e.g. 0/120, 120/120, 240/120.`);
    const azimuthDeg = ((Number(m[1]) % 360) + 360) % 360;
    const beamwidthDeg = Number(m[2]);
    if (!(beamwidthDeg > 0 && beamwidthDeg <= 360)) throw new Error(`Sector "${part}" has beamwidth ${beamwidthDeg}°: it must be above 0 and at most 360.`);
    return { azimuthDeg, beamwidthDeg };
  });
}

/** The sectors as the form shows them ("0/120, 120/120"). */
export function formatSectors(sectors: readonly Sector[]): string {
  return sectors.map((s) => `${s.azimuthDeg}/${s.beamwidthDeg}`).join(', ');
}

/** Undo and redo over whole lists of entries (each edit is one step). */
export class ProposalHistory {
  private past: ProposalEntry[][] = [];
  private future: ProposalEntry[][] = [];

  constructor(private current: ProposalEntry[] = []) {}

  get entries(): readonly ProposalEntry[] {
    return this.current;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** Makes `next` the list; the previous one can be restored by `undo`. */
  apply(next: ProposalEntry[]): void {
    this.past.push(this.current);
    this.current = next;
    this.future = [];
  }

  undo(): boolean {
    const previous = this.past.pop();
    if (!previous) return false;
    this.future.push(this.current);
    this.current = previous;
    return true;
  }

  redo(): boolean {
    const next = this.future.pop();
    if (!next) return false;
    this.past.push(this.current);
    this.current = next;
    return true;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function num(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;
}


/** Checks one stored entry; null when it is not one. */
function checkEntry(value: unknown): ProposalEntry | null {
  if (!isRecord(value)) return null;
  const lon = num(value.lon);
  const lat = num(value.lat);
  const tech = parseTech(value.tech);
  const operators = Array.isArray(value.operators) ? value.operators.filter((o): o is string => typeof o === 'string' && o !== '') : [];
  if (lon === null || lat === null || Math.abs(lon) > 180 || Math.abs(lat) > 90 || !tech || operators.length === 0) return null;
  const key = str(value.key);
  const siteId = str(value.siteId);
  if (!key || !siteId) return null;
  const sectors = Array.isArray(value.sectors)
    ? value.sectors.flatMap((s) => {
        const a = isRecord(s) ? num(s.azimuthDeg) : null;
        const b = isRecord(s) ? num(s.beamwidthDeg) : null;
        return a !== null && b !== null && b > 0 ? [{ azimuthDeg: a, beamwidthDeg: b }] : [];
      })
    : [];
  const radius = num(value.radiusM);
  return {
    key,
    siteId,
    kind: value.kind === 'share' ? 'share' : 'new',
    origin: (str(value.origin) ?? 'user') as CandidateOrigin,
    hostOperators: Array.isArray(value.hostOperators) ? value.hostOperators.filter((o): o is string => typeof o === 'string') : [],
    lon,
    lat,
    operators,
    tech,
    radiusM: radius !== null && radius > 0 ? radius : null,
    sectors,
  };
}

/** The entries as kept in session storage. */
export function serialiseEntries(entries: readonly ProposalEntry[]): string {
  return JSON.stringify({ version: 1, entries });
}

/** Entries read back from session storage, and how many could not be read (never throws). */
export interface StoredEntries {
  entries: ProposalEntry[];
  /** Entries left out because they could not be read back; -1 when the stored text itself could not. */
  dropped: number;
}

/** Entries read back from session storage; what is unreadable is counted, for a notice, and left out. */
export function parseStoredEntries(text: string | null): StoredEntries {
  if (!text) return { entries: [], dropped: 0 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { entries: [], dropped: -1 };
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.entries)) return { entries: [], dropped: -1 };
  const entries: ProposalEntry[] = [];
  let dropped = 0;
  for (const e of parsed.entries) {
    const entry = checkEntry(e);
    if (!entry) dropped++;
    else if (!entries.some((o) => o.key === entry.key)) entries.push(entry);
  }
  return { entries, dropped };
}

/**
 * Entries from a proposals GeoJSON file (ours, or any BTS points): the records of one site and
 * rank become one entry (its operators and sectors), in file order. Throws an Error saying what
 * is wrong with the file and what is expected.
 */
export function entriesFromGeoJson(text: string, existing: readonly ProposalEntry[] = []): ProposalEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`The file is not JSON (${errorMessage(error)}): choose a proposals GeoJSON file.`);
  }
  if (!isRecord(parsed) || parsed.type !== 'FeatureCollection' || !Array.isArray(parsed.features)) {
    throw new Error('The file is not a GeoJSON FeatureCollection: choose a proposals GeoJSON file exported by Vùng Lõm.');
  }
  const groups = new Map<string, ProposalEntry>();
  const out = [...existing];
  let skipped = 0;
  for (const f of parsed.features) {
    const g = isRecord(f) && isRecord(f.geometry) ? f.geometry : null;
    const p = isRecord(f) && isRecord(f.properties) ? f.properties : {};
    const coords = g && g.type === 'Point' && Array.isArray(g.coordinates) ? g.coordinates : null;
    const lon = coords ? num(coords[0]) : null;
    const lat = coords ? num(coords[1]) : null;
    const tech = parseTech(p.tech);
    const operator = str(p.operator);
    if (lon === null || lat === null || !tech || !operator) {
      skipped++;
      continue;
    }
    const siteId = str(p.site_id) ?? str(p.id) ?? `${lon},${lat}`;
    const groupKey = `${siteId}|${str(p.rank) ?? ''}`;
    let entry = groups.get(groupKey);
    if (!entry) {
      const key = nextKey(out);
      entry = {
        key,
        siteId,
        kind: p.kind === 'share' ? 'share' : 'new',
        origin: (str(p.origin) ?? 'user') as CandidateOrigin,
        hostOperators: Array.isArray(p.host_operators) ? p.host_operators.filter((o): o is string => typeof o === 'string') : [],
        lon,
        lat,
        operators: [],
        tech,
        radiusM: (num(p.radius_m) ?? 0) > 0 ? num(p.radius_m) : null,
        sectors: [],
      };
      groups.set(groupKey, entry);
      out.push(entry);
    }
    if (!entry.operators.includes(operator)) entry.operators.push(operator);
    const az = num(p.azimuth_deg);
    const bw = num(p.beamwidth_deg);
    if (az !== null && bw !== null && bw > 0 && !entry.sectors.some((s) => s.azimuthDeg === az && s.beamwidthDeg === bw)) {
      entry.sectors.push({ azimuthDeg: az, beamwidthDeg: bw });
    }
  }
  if (groups.size === 0) {
    throw new Error(`The file has no usable proposed site (${skipped} features without a point, operator or technology): each needs a Point, operator and tech.`);
  }
  return out;
}
