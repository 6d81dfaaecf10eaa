import { TCVN3, VISCII, WINDOWS_1252, WINDOWS_1258 } from './byte-tables.ts';
import { decodeVni } from './vni.ts';

/**
 * The text encodings Vietnamese files come in, by one name each, and a decoder for every one that
 * returns NFC Unicode (Windows-1258 and TCVN3 spell some letters with combining tone marks; NFC
 * makes "a" + U+0300 the "à" a search and a comparison expect).
 */

export type TextEncoding =
  | 'utf-8'
  | 'utf-16le'
  | 'utf-16be'
  | 'windows-1258'
  | 'tcvn3'
  | 'vni'
  | 'viscii'
  | 'windows-1252';

/** Every encoding we read, in the order the app lists them. */
export const TEXT_ENCODINGS: readonly TextEncoding[] = [
  'utf-8', 'utf-16le', 'utf-16be', 'windows-1258', 'tcvn3', 'vni', 'viscii', 'windows-1252',
];

/** What a person calls each encoding (the app and the CLI show these). */
export const ENCODING_LABELS: Readonly<Record<TextEncoding, string>> = {
  'utf-8': 'UTF-8 (Unicode)',
  'utf-16le': 'UTF-16 LE (Unicode)',
  'utf-16be': 'UTF-16 BE (Unicode)',
  'windows-1258': 'Windows-1258 (CP1258)',
  tcvn3: 'TCVN3 (ABC, .VnTime)',
  vni: 'VNI (VNI-Times)',
  viscii: 'VISCII',
  'windows-1252': 'Windows-1252 (ANSI, Latin)',
};

const SINGLE_BYTE: Partial<Record<TextEncoding, readonly number[]>> = {
  'windows-1258': WINDOWS_1258,
  tcvn3: TCVN3,
  viscii: VISCII,
  'windows-1252': WINDOWS_1252,
};

/** Every spelling of an encoding's name we accept (compared lower-case, without spaces, `-` or `_`). */
const ALIASES: Readonly<Record<string, TextEncoding>> = {
  utf8: 'utf-8', '65001': 'utf-8', unicode: 'utf-8',
  utf16: 'utf-16le', utf16le: 'utf-16le', ucs2: 'utf-16le', '1200': 'utf-16le', utf16be: 'utf-16be', '1201': 'utf-16be',
  windows1258: 'windows-1258', cp1258: 'windows-1258', '1258': 'windows-1258', ansi1258: 'windows-1258', vn1258: 'windows-1258',
  tcvn3: 'tcvn3', tcvn: 'tcvn3', tcvn5712: 'tcvn3', tcvn57121: 'tcvn3', abc: 'tcvn3', vntime: 'tcvn3', vn3: 'tcvn3',
  vni: 'vni', vniwindows: 'vni', vnitimes: 'vni',
  viscii: 'viscii', viscii11: 'viscii',
  windows1252: 'windows-1252', cp1252: 'windows-1252', '1252': 'windows-1252', ansi1252: 'windows-1252', ansi: 'windows-1252',
  latin1: 'windows-1252', iso88591: 'windows-1252', '88591': 'windows-1252', ascii: 'windows-1252', usascii: 'windows-1252',
};

/**
 * The encoding a label names (a `.cpg` file's content, `--encoding NAME`, a user's choice): "UTF-8",
 * "65001", "CP1258", "TCVN3", "TCVN5712-1", "VNI", "VISCII", "ANSI 1252", … Null when unknown.
 */
export function parseEncodingLabel(label: string): TextEncoding | null {
  const key = label.trim().toLowerCase().replace(/[\s\-_.]+/g, '');
  return ALIASES[key] ?? null;
}

/** Decodes `bytes` in `encoding` to NFC text. Bytes invalid in the encoding become U+FFFD. */
export function decodeBytes(bytes: Uint8Array, encoding: TextEncoding): string {
  let text: string;
  if (encoding === 'utf-8' || encoding === 'utf-16le' || encoding === 'utf-16be') {
    text = new TextDecoder(encoding, { ignoreBOM: false }).decode(bytes);
  } else if (encoding === 'vni') {
    return decodeVni(bytes);
  } else {
    const table = SINGLE_BYTE[encoding] as readonly number[];
    const parts: string[] = [];
    // Chunks keep String.fromCharCode's argument list short.
    for (let start = 0; start < bytes.length; start += 8192) {
      const end = Math.min(bytes.length, start + 8192);
      const codes = new Array<number>(end - start);
      for (let i = start; i < end; i++) codes[i - start] = table[bytes[i]];
      parts.push(String.fromCharCode(...codes));
    }
    text = parts.join('');
  }
  return text.normalize('NFC');
}

/** True when `bytes` are valid UTF-8 (ASCII is valid UTF-8). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
