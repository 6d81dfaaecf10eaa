import type { Tech } from '../model.ts';

const TECH_WORDS: Readonly<Record<string, Tech>> = {
  '2g': '2G', gsm: '2G', gprs: '2G', edge: '2G', '2': '2G',
  '3g': '3G', umts: '3G', wcdma: '3G', hspa: '3G', 'hspa+': '3G', cdma: '3G', '3': '3G',
  '4g': '4G', lte: '4G', 'lte-a': '4G', 'lte_a': '4G', '4': '4G',
  '5g': '5G', nr: '5G', '5g nr': '5G', '5': '5G',
};

/**
 * A technology from "2G".."5G", OpenCelliD's radio (GSM → 2G, UMTS/CDMA → 3G, LTE → 4G, NR → 5G),
 * or a digit; null when unknown.
 */
export function parseTech(value: unknown): Tech | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const key = String(value).trim().toLowerCase();
  return TECH_WORDS[key] ?? null;
}
