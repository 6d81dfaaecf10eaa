import { VN_OPERATORS } from '../defaults.ts';
import { foldDiacritics, normalizeName } from './normalize-text.ts';

/**
 * Operator names by MCC-MNC ("452-04"). MNCs are written with at least two digits. Vietnam comes
 * from the sample's table in defaults.ts; Ireland and Lesotho are here for the OpenCelliD test
 * sets. Ireland: 272-02 was O2's network, run by Three since the 2015 merger; 272-03 is Eir
 * (formerly Meteor).
 */
export const MCC_MNC_OPERATORS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(VN_OPERATORS.map((o) => [o.mccMnc, o.name])),
  '272-01': 'Vodafone',
  '272-02': 'Three',
  '272-03': 'Eir',
  '272-05': 'Three',
  '651-01': 'Vodacom',
  '651-02': 'Econet',
};

/** "452-04" from MCC and MNC in any integer form; null when either is not an integer. */
function formatMccMnc(mcc: unknown, mnc: unknown): string | null {
  const m = Number(typeof mcc === 'string' ? mcc.trim() : mcc);
  const n = Number(typeof mnc === 'string' ? mnc.trim() : mnc);
  if (!Number.isInteger(m) || !Number.isInteger(n) || m < 0 || n < 0 || (typeof mcc === 'string' && mcc.trim() === '') ||
      (typeof mnc === 'string' && mnc.trim() === '')) {
    return null;
  }
  return `${String(m).padStart(3, '0')}-${String(n).padStart(2, '0')}`;
}

/** The operator's name for an MCC-MNC, or the "MCC-MNC" string itself when it is not in the table. */
export function operatorFromMccMnc(mcc: unknown, mnc: unknown): string | null {
  const code = formatMccMnc(mcc, mnc);
  if (code === null) return null;
  return MCC_MNC_OPERATORS[code] ?? code;
}

const MCC_MNC_TEXT = /^(\d{3})[-\s_/]?(\d{2,3})$/;

/** An operator name folded for comparison: lower case, no diacritics, letters and digits only ("VNPT-VinaPhone" → "vnptvinaphone"). */
export function operatorKey(name: string): string {
  return foldDiacritics(name).replace(/[^a-z0-9]/g, '');
}

/** Every spelling of Vietnam's operators (their names and aliases, folded) → the operator's name. */
const VN_SPELLINGS: ReadonlyMap<string, string> = new Map(
  VN_OPERATORS.flatMap((o) => [o.name, ...o.aliases].map((spelling) => [operatorKey(spelling), o.name] as const)),
);

/**
 * The operator from a cell value: a name is kept (NFC), but any spelling of a Vietnamese operator
 * ("VIETTEL", "Mobifone", "VNPT-VinaPhone", "VMS") becomes its name; "452-04"/"45204" becomes the
 * name; a bare number with an MCC beside it is read as an MNC. Null when empty.
 */
export function parseOperator(value: unknown, mcc?: unknown): string | null {
  const name = normalizeName(value);
  if (name === null) return null;
  if (/^\d{1,3}$/.test(name) && mcc !== undefined && mcc !== null && String(mcc).trim() !== '') {
    return operatorFromMccMnc(mcc, name) ?? name;
  }
  const m = MCC_MNC_TEXT.exec(name);
  if (m) return MCC_MNC_OPERATORS[`${m[1]}-${m[2]}`] ?? `${m[1]}-${m[2]}`;
  return VN_SPELLINGS.get(operatorKey(name)) ?? name;
}
