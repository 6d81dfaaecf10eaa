import { WINDOWS_1252 } from './byte-tables.ts';

/**
 * VNI (VNI-Windows), the font encoding of the "VNI-Times" family: a Vietnamese letter is its Latin
 * base letter followed by one Windows-1252 character that carries its marks ("Xin chaøo" = "Xin
 * chào"; "Ñaék" = "Đắk"), except for a few letters that are one character on their own (ơ = ô,
 * ư = ö, đ = ñ, the marked i's and ỵ). Upper-case letters use the upper-case mark characters.
 * No library reads it (glibc and iconv-lite do not know it), so the rules are written out here.
 */

const COMBINING = {
  acute: '\u0301',
  grave: '\u0300',
  hook: '\u0309',
  tilde: '\u0303',
  dot: '\u0323',
  circumflex: '\u0302',
  breve: '\u0306',
  horn: '\u031b',
} as const;

/** The five tones, in VNI's order of marks: sắc, huyền, hỏi, ngã, nặng. */
const TONES = [COMBINING.acute, COMBINING.grave, COMBINING.hook, COMBINING.tilde, COMBINING.dot] as const;

/** A tone after any vowel: ù ø û õ ï. */
const TONE_MARKS = 'ùøûõï';
/** Circumflex (â) and circumflex with a tone (á à å ã ä), after a, e, o. */
const CIRCUMFLEX_MARKS = 'âáàåãä';
/** Breve (ê) and breve with a tone (é è ú ü ë), after a. */
const BREVE_MARKS = 'êéèúüë';

/** Letters that are one VNI character: ơ ư đ, the five marked i's, ỵ. */
const SINGLE: Readonly<Record<string, string>> = {
  'ô': 'o' + COMBINING.horn,
  'ö': 'u' + COMBINING.horn,
  'ñ': 'đ',
  'í': 'i' + COMBINING.acute,
  'ì': 'i' + COMBINING.grave,
  'æ': 'i' + COMBINING.hook,
  'ó': 'i' + COMBINING.tilde,
  'ò': 'i' + COMBINING.dot,
  'î': 'y' + COMBINING.dot,
};

function lower(c: string): string {
  return c.toLowerCase();
}

/** Marks (combining characters) for the VNI mark character `m` after base `base`, or null. */
function marksAfter(base: string, m: string): string | null {
  const b = lower(base);
  const k = lower(m);
  const tone = TONE_MARKS.indexOf(k);
  if (tone !== -1 && 'aeiouy'.includes(b)) return TONES[tone];
  const circ = CIRCUMFLEX_MARKS.indexOf(k);
  if (circ !== -1 && 'aeo'.includes(b)) return COMBINING.circumflex + (circ === 0 ? '' : TONES[circ - 1]);
  const breve = BREVE_MARKS.indexOf(k);
  if (breve !== -1 && b === 'a') return COMBINING.breve + (breve === 0 ? '' : TONES[breve - 1]);
  return null;
}

/** Decodes VNI bytes to NFC Unicode. Bytes that are not part of a VNI letter read as Windows-1252. */
export function decodeVni(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i++) text += String.fromCharCode(WINDOWS_1252[bytes[i]]);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const single = SINGLE[lower(c)];
    if (single !== undefined) {
      const upper = c !== lower(c);
      let letter = upper ? single[0].toUpperCase() + single.slice(1) : single;
      // ơ and ư take a tone mark after them.
      const next = text[i + 1];
      if ((lower(c) === 'ô' || lower(c) === 'ö') && next !== undefined && TONE_MARKS.includes(lower(next))) {
        letter += TONES[TONE_MARKS.indexOf(lower(next))];
        i++;
      }
      out += letter;
      continue;
    }
    if ('aeiouyAEIOUY'.includes(c) && i + 1 < text.length) {
      const marks = marksAfter(c, text[i + 1]);
      if (marks !== null) {
        out += c + marks;
        i++;
        continue;
      }
    }
    out += c;
  }
  return out.normalize('NFC');
}
