/**
 * Text normalisation for names: keep them as the user wrote them (NFC, nothing stripped or
 * interpreted), and fold them for diacritic-free search.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;

/**
 * Folds a string for search: NFD, combining marks removed, đ/Đ → d, lower case, whitespace collapsed.
 * `foldDiacritics("Đắk Hà") === "dak ha"`.
 */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A display name from any property value: strings are NFC-normalised and trimmed, numbers turned
 * into text, anything else gives null. HTML is kept as literal text; rendering must escape it.
 */
export function normalizeName(value: unknown): string | null {
  if (typeof value === 'string') {
    const s = value.normalize('NFC').trim();
    return s === '' ? null : s;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  return null;
}
