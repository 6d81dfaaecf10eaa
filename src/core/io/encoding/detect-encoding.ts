import { decodeBytes, isValidUtf8, parseEncodingLabel, type TextEncoding } from './text-encodings.ts';
import { isVietnameseSyllable, wordsOf } from './vietnamese-syllables.ts';

/**
 * Which encoding a file's text is in: the one the user chose, else a byte-order mark, else what the
 * file declares (a `.cpg`), else detected — every legacy Vietnamese decoding of the bytes is tried
 * and the one whose words are Vietnamese syllables wins. The answer says how it was found and, when
 * detected, the ranked candidates, so the app can show a preview and a choice and the CLI can say it
 * guessed.
 */

/** How the encoding was decided. */
export type EncodingSource = 'given' | 'bom' | 'declared' | 'detected';

export interface EncodingChoice {
  encoding: TextEncoding;
  from: EncodingSource;
  /** False when the text was too short or two decodings scored alike: the app should ask. */
  certain: boolean;
  /** Detected only: every decoding tried, best first, with its {@link TextScore}. */
  candidates: ({ encoding: TextEncoding } & TextScore)[];
  /** The label the file declared, when there was one (e.g. the `.cpg`'s "ANSI 1252"). */
  declared?: string;
}

/** Decodings tried when the file does not say, in the order that wins a tie. */
const LEGACY: readonly TextEncoding[] = ['windows-1258', 'tcvn3', 'vni', 'viscii', 'windows-1252'];

/** How much of a large text detection looks at. */
const SAMPLE_BYTES = 1 << 20;

/**
 * Labels that say little: ArcGIS and MapInfo write "ANSI 1252" / Latin-1 by default, and TCVN3 and VNI
 * text was typed into such files with Vietnamese fonts. Such a declaration only breaks ties.
 */
const WEAK: readonly TextEncoding[] = ['windows-1252'];

/**
 * Chooses the encoding of `bytes` (a whole text file, or a DBF's text fields joined). `given` is
 * the user's choice (wins), `declared` what the file says (a `.cpg`'s content).
 */
export function chooseEncoding(
  bytes: Uint8Array,
  options: { given?: TextEncoding; declared?: string | null } = {},
): EncodingChoice {
  const declared = options.declared?.trim() || undefined;
  const base = declared !== undefined ? { declared } : {};
  if (options.given) return { encoding: options.given, from: 'given', certain: true, candidates: [], ...base };
  const bom = bomOf(bytes);
  if (bom !== null) return { encoding: bom, from: 'bom', certain: true, candidates: [], ...base };
  const named = declared !== undefined ? parseEncodingLabel(declared) : null;
  const utf8 = isValidUtf8(bytes.subarray(0, cutAtCharacter(bytes, SAMPLE_BYTES)));
  if (named !== null && !WEAK.includes(named) && (named !== 'utf-8' || utf8)) {
    return { encoding: named, from: 'declared', certain: true, candidates: [], ...base };
  }
  const utf16 = utf16Without(bytes);
  if (utf16 !== null) return { encoding: utf16, from: 'detected', certain: true, candidates: [], ...base };
  if (utf8 && (hasNonAscii(bytes) || !hasLegacyControls(bytes))) {
    return { encoding: 'utf-8', from: 'detected', certain: true, candidates: [], ...base };
  }
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const order = named !== null ? [named, ...LEGACY.filter((e) => e !== named)] : LEGACY;
  const candidates = order.map((encoding) => ({ encoding, ...scoreText(decodeBytes(sample, encoding)) }));
  // Stable sort: a tie keeps the declared encoding, then the order of LEGACY.
  candidates.sort((a, b) => b.score - a.score);
  const [best, second] = candidates;
  // Certain: the winner reads (almost) only as syllables, the runner-up clearly does not.
  const wrongShare = (c: TextScore): number => (c.invalid + c.bad) / Math.max(1, c.valid + c.invalid + c.bad);
  const certain = best.valid >= 3 && wrongShare(best) <= 0.05 && wrongShare(second) >= 0.1;
  return { encoding: best.encoding, from: 'detected', certain, candidates, ...base };
}

/** The encoding a byte-order mark names, or null. */
function bomOf(bytes: Uint8Array): TextEncoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** How Vietnamese a decoded text reads. */
export interface TextScore {
  /** Words with a non-ASCII letter that are Vietnamese syllables. */
  valid: number;
  /** Words with a non-ASCII letter that are not. */
  invalid: number;
  /** Characters no text holds (U+FFFD, control codes). */
  bad: number;
  /** valid − invalid − 2 × bad. */
  score: number;
}

/** Scores a decoded text: see {@link TextScore}. Words of plain ASCII letters do not count. */
export function scoreText(text: string): TextScore {
  let valid = 0;
  let invalid = 0;
  for (const word of wordsOf(text)) {
    if (/^[A-Za-z]+$/.test(word)) continue;
    if (isVietnameseSyllable(word)) valid++;
    else invalid++;
  }
  const bad = text.match(/[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g)?.length ?? 0;
  return { valid, invalid, bad, score: valid - invalid - 2 * bad };
}

/** UTF-16 without a BOM: most even (BE) or odd (LE) bytes of the first kilobytes are zero. */
function utf16Without(bytes: Uint8Array): TextEncoding | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > 0.6 * pairs && evenZero < 0.1 * pairs) return 'utf-16le';
  if (evenZero > 0.6 * pairs && oddZero < 0.1 * pairs) return 'utf-16be';
  return null;
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return true;
  return false;
}

/** TCVN3 puts some capital letters (Ú, Ụ, Ừ …) on control bytes 0x01–0x17. */
function hasLegacyControls(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b >= 0x01 && b <= 0x17 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return true;
  }
  return false;
}

/** A length ≤ `max` that does not cut a UTF-8 character in two. */
function cutAtCharacter(bytes: Uint8Array, max: number): number {
  if (bytes.length <= max) return bytes.length;
  let end = max;
  while (end > max - 4 && (bytes[end] & 0xc0) === 0x80) end--;
  return end;
}
