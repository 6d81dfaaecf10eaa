import { InputError } from './input-error.ts';
import { errorMessage } from '../error-message.ts';

/**
 * GeoJSON parsed in pieces: a byte scanner walks the top-level object of a FeatureCollection, and
 * each element of its `features` array is parsed on its own (JSON.parse of that element's text)
 * and handed over before the next one is looked at. So a file of N bytes never becomes one string
 * of N characters and one object tree of several times N: reading it costs the bytes and one
 * feature at a time. Other top-level members (`type`, `crs`, …) are parsed whole, they are small.
 * Syntax errors name the line they are on.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;

const utf8 = new TextDecoder('utf-8');

/** The refusal of text that is not valid JSON, at a line. */
export function jsonError(line: number, detail: string): InputError {
  return new InputError(
    'not-geojson',
    `This is not valid JSON: line ${line}: ${detail}. Export the layer again as GeoJSON (RFC 7946).`,
    { line, detail: `line ${line}: ${detail}` },
  );
}

/**
 * `JSON.parse(text)`, its error turned into {@link jsonError} at the right line (`firstLine` is
 * the line `text` starts on in the file).
 */
export function parseJsonAt(text: string, firstLine: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = errorMessage(error);
    const position = /position (\d+)/.exec(message);
    let line = firstLine;
    if (position) {
      const end = Math.min(Number(position[1]), text.length);
      for (let i = 0; i < end; i++) if (text.charCodeAt(i) === NEWLINE) line++;
    }
    throw jsonError(line, message.replace(/\s*\(line \d+ column \d+\)/, ''));
  }
}

/** What the scan found: the top-level members other than `features`, and whether there was a `features` array. */
export interface ScannedCollection {
  members: Record<string, unknown>;
  /** Elements of `features` handed to `onFeature`; null when the top level has no `features` array. */
  features: number | null;
}

/**
 * Scans `bytes` (UTF-8 JSON). When the top level is an object with a `features` array, calls
 * `on.feature` with each element, parsed, its index and the line it starts on; returns the other
 * members (and hands each to `on.member` as it comes). Returns null when the top level is not an object (the caller parses the text whole and
 * says what it is). Throws `not-geojson` with a line number on a syntax error.
 */
export function scanFeatureCollection(
  bytes: Uint8Array,
  on: {
    /** Each top-level member but `features`, as soon as it is parsed. */
    member?: (key: string, value: unknown) => void;
    feature: (value: unknown, index: number, line: number) => void;
  },
): ScannedCollection | null {
  const s = new Scanner(bytes);
  s.space();
  if (s.peek() !== OPEN_BRACE) return null;
  s.pos++;
  const members: Record<string, unknown> = {};
  let features: number | null = null;
  s.space();
  if (s.peek() === CLOSE_BRACE) {
    s.pos++;
  } else {
    for (;;) {
      if (s.peek() !== QUOTE) throw s.error('expected a member name in double quotes');
      const keyStart = s.pos;
      s.string();
      const key = parseJsonAt(utf8.decode(bytes.subarray(keyStart, s.pos)), s.line) as string;
      s.space();
      if (s.peek() !== COLON) throw s.error(`expected ":" after "${key}"`);
      s.pos++;
      s.space();
      if (key === 'features' && s.peek() === OPEN_BRACKET) {
        features = s.elements(on.feature);
      } else {
        const start = s.pos;
        const line = s.line;
        s.value();
        members[key] = parseJsonAt(utf8.decode(bytes.subarray(start, s.pos)), line);
        on.member?.(key, members[key]);
      }
      s.space();
      const c = s.peek();
      s.pos++;
      if (c === CLOSE_BRACE) break;
      if (c !== COMMA) throw s.error('expected "," or "}" after a member', -1);
      s.space();
    }
  }
  s.space();
  if (s.pos < bytes.length) throw s.error('unexpected text after the end of the document');
  return { members, features };
}

/** A cursor over the bytes that knows its line. */
class Scanner {
  pos = 0;
  line = 1;

  constructor(private readonly bytes: Uint8Array) {
    // A UTF-8 byte-order mark is not JSON.
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) this.pos = 3;
  }

  peek(): number {
    return this.pos < this.bytes.length ? this.bytes[this.pos] : -1;
  }

  error(what: string, back = 0): InputError {
    if (this.pos + back >= this.bytes.length) return jsonError(this.line, 'the file ends too early (it is cut short)');
    return jsonError(this.line, what);
  }

  /** Skips white space. */
  space(): void {
    const b = this.bytes;
    while (this.pos < b.length) {
      const c = b[this.pos];
      if (c === NEWLINE) this.line++;
      else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return;
      this.pos++;
    }
  }

  /** Skips a string (at its opening quote). */
  string(): void {
    const b = this.bytes;
    let i = this.pos + 1;
    for (;;) {
      // The next quote, found natively; it ends the string unless an odd run of backslashes escapes it.
      const q = b.indexOf(QUOTE, i);
      if (q === -1) {
        this.pos = b.length;
        throw this.error('a string is never closed');
      }
      for (let k = i; k < q; k++) if (b[k] === NEWLINE) this.line++;
      let slashes = 0;
      while (b[q - 1 - slashes] === BACKSLASH) slashes++;
      i = q + 1;
      if (slashes % 2 === 0) {
        this.pos = i;
        return;
      }
    }
  }

  /** Skips one value of any kind; brackets are only counted (JSON.parse of the value checks the rest). */
  value(): void {
    const b = this.bytes;
    const n = b.length;
    const first = this.peek();
    if (first === QUOTE) {
      this.string();
      return;
    }
    let pos = this.pos;
    if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
      const start = pos;
      while (pos < n) {
        const c = b[pos];
        if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c === 0x20 || c === NEWLINE || c === 0x0d || c === 0x09) break;
        pos++;
      }
      this.pos = pos;
      if (pos === start) throw this.error('expected a value');
      return;
    }
    let depth = 0;
    let line = this.line;
    while (pos < n) {
      const c = b[pos++];
      if (c === QUOTE) {
        this.pos = pos - 1;
        this.line = line;
        this.string();
        pos = this.pos;
        line = this.line;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        depth++;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (--depth === 0) {
          this.pos = pos;
          this.line = line;
          return;
        }
      } else if (c === NEWLINE) {
        line++;
      }
    }
    this.pos = pos;
    this.line = line;
    throw this.error('the file ends inside an object or array (it is cut short)');
  }

  /** The elements of an array (at its "["), each parsed and handed over; their count. */
  elements(onElement: (value: unknown, index: number, line: number) => void): number {
    const b = this.bytes;
    this.pos++;
    this.space();
    let n = 0;
    if (this.peek() === CLOSE_BRACKET) {
      this.pos++;
      return 0;
    }
    for (;;) {
      const start = this.pos;
      const line = this.line;
      this.value();
      onElement(parseJsonAt(utf8.decode(b.subarray(start, this.pos)), line), n, line);
      n++;
      this.space();
      const c = this.peek();
      this.pos++;
      if (c === CLOSE_BRACKET) return n;
      if (c !== COMMA) throw this.error(`expected "," or "]" after feature ${n - 1}`, -1);
      this.space();
    }
  }
}
