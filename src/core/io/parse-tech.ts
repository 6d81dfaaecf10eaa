import type { Tech } from '../model.ts';

/**
 * Spellings of each technology, squeezed (lower case, without spaces, hyphens, underscores, dots
 * or slashes): the generations, 3GPP's radio names as OpenCelliD writes them (GSM, UMTS, LTE, NR),
 * and what operators' site lists say ("4G+", "LTE-A", "LTE Advanced", "5G NR", "HSPA+", "4.5G").
 */
const TECH_WORDS: Readonly<Record<string, Tech>> = {
  '2g': '2G', '2': '2G', gsm: '2G', gprs: '2G', edge: '2G', '25g': '2G', '275g': '2G', gsmedge: '2G', '2ggsm': '2G', gsm900: '2G', gsm1800: '2G',
  '3g': '3G', '3': '3G', umts: '3G', wcdma: '3G', hspa: '3G', 'hspa+': '3G', hsdpa: '3G', hsupa: '3G', 'h+': '3G', '3g+': '3G', '35g': '3G',
  '375g': '3G', cdma: '3G', cdma2000: '3G', evdo: '3G', umtshspa: '3G', '3gumts': '3G', '3gwcdma': '3G',
  '4g': '4G', '4': '4G', lte: '4G', '4glte': '4G', lte4g: '4G', '4g+': '4G', 'lte+': '4G', ltea: '4G', lteadvanced: '4G', 'lteadvanced+': '4G', lteapro: '4G',
  lteadvancedpro: '4G', '45g': '4G', '4gltea': '4G', '4gplus': '4G', lteplus: '4G', ltefdd: '4G', ltetdd: '4G', tddlte: '4G', fddlte: '4G',
  '5g': '5G', '5': '5G', nr: '5G', '5gnr': '5G', nr5g: '5G', '5gnsa': '5G', '5gsa': '5G', nrnsa: '5G', nrsa: '5G', '5g+': '5G',
  // 3GPP's names of the base stations themselves.
  nodeb: '3G', enodeb: '4G', enb: '4G', gnodeb: '5G', gnb: '5G',
};

/** The squeezed form of a spelling: lower case, "trạm"/"tram" (station) and separators dropped ("LTE-A" → "ltea", "Trạm 4G" → "4g"). */
function squeeze(value: string): string {
  return value.trim().toLowerCase().replace(/^tr(ạ|a)m\s+/, '').replace(/[\s_\-./]+/g, '');
}

/** What joins the technologies of one multi-technology site in a list: "2G/3G/4G", "3G, 4G", "4G+5G", "3G & 4G", "3G và 4G". */
const TECH_LIST = /\s+(?:và|va|and)\s+|\s*[/,;+&|]\s*/i;

/**
 * The technologies of a cell value: one ({@link parseTech}), or several for a site a list gives as
 * "2G/3G/4G" (each part a spelling parseTech takes, in the order written, each once); null when
 * any part is unknown.
 */
export function parseTechs(value: unknown): Tech[] | null {
  const one = parseTech(value);
  if (one !== null) return [one];
  if (typeof value !== 'string') return null;
  // "Trạm 2G/3G": the first part's "trạm" goes as parseTech squeezes it.
  const parts = value.split(TECH_LIST).filter((p) => p.trim() !== '');
  if (parts.length < 2) return null;
  const techs: Tech[] = [];
  for (const part of parts) {
    const tech = parseTech(part);
    if (tech === null) return null;
    if (!techs.includes(tech)) techs.push(tech);
  }
  return techs;
}

/**
 * A technology from "2G".."5G", OpenCelliD's radio (GSM → 2G, UMTS/CDMA → 3G, LTE → 4G, NR → 5G),
 * a common spelling ("4G+", "LTE-A", "LTE Advanced" → 4G; "NR", "5G NR" → 5G; "HSPA+" → 3G), a
 * generation with its radio in brackets ("4G (LTE)"; they must agree), a radio with its band
 * ("LTE 1800", "UMTS 2100"), or a digit; null when unknown.
 */
export function parseTech(value: unknown): Tech | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value);
  const direct = TECH_WORDS[squeeze(text)];
  if (direct !== undefined) return direct;
  // "4G (LTE)", "LTE (4G)": a generation with its radio, or the reverse; both parts must agree.
  const bracketed = /^(.+?)\s*\(([^()]+)\)\s*$/.exec(text);
  if (bracketed) {
    const outer = TECH_WORDS[squeeze(bracketed[1])];
    const inner = TECH_WORDS[squeeze(bracketed[2])];
    return outer !== undefined && (inner === undefined || inner === outer) ? outer : null;
  }
  // "LTE 1800", "UMTS 2100", "NR 3500 MHz": a radio with its band.
  const banded = /^(.*?\D)\s*\d{3,4}\s*(?:mhz)?$/i.exec(text.trim());
  return banded ? (TECH_WORDS[squeeze(banded[1])] ?? null) : null;
}

/** Example spellings for messages ("use one of …"). */
export const TECH_SPELLINGS = '2G, 3G, 4G, 5G, GSM, UMTS, LTE, LTE-A, 4G+, NR';
