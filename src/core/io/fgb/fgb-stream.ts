import type { GeoFeature } from '../geojson-types.ts';
import { InputError } from '../input-error.ts';
import { ByteQueue } from './byte-queue.ts';
import { decodeFgbFeature } from './fgb-feature.ts';
import { HEADER_START, type FgbHeader, hasFgbMagic, headerLength, parseFgbHeader } from './fgb-header.ts';
import { CorruptBuffer } from './flat-table.ts';
import { errorMessage } from '../../error-message.ts';

/**
 * A whole FlatGeobuf file read front to back as its bytes arrive: the header (checked), the
 * spatial index (skipped), then every feature, decoded as soon as its last byte is in. What the
 * header promises is checked against what arrives: a file that ends inside its header, its index
 * or a feature, or holds fewer or more features than its header says, is refused with a one-line
 * `truncated` or `corrupt` InputError naming the file; so is a feature that does not decode.
 * Synchronous per chunk, so that a large file costs no promise per feature.
 */

/** A feature larger than this is taken for corruption. */
const MAX_FEATURE_BYTES = 1 << 30;

const AGAIN = 'Download or export it again.';

/** The refusal of a file that is not FlatGeobuf at all. */
export function notFlatGeobuf(source: string): InputError {
  return new InputError(
    'not-flatgeobuf',
    `${source} is not a FlatGeobuf file (its first bytes are not "fgb\\x03"). Choose a .fgb file, ` +
      'or convert the layer: ogr2ogr -f FlatGeobuf out.fgb in.geojson.',
    { source },
  );
}

/** The refusal of a file whose content does not hold together. */
export function corrupt(source: string, what: string): InputError {
  return new InputError('corrupt', `${source} is corrupt: ${what}. ${AGAIN}`, { source, detail: what });
}

function cut(source: string, what: string, params: Record<string, number>): InputError {
  return new InputError('truncated', `${source} is cut short: ${what}. ${AGAIN}`, { source, detail: what, ...params });
}

/**
 * Decodes feature `index` (its bytes after the size prefix; only the `wanted` columns' values, by header index, when given), turning
 * a decoding failure into a `corrupt` error naming it.
 */
export function decodeOrRefuse(bytes: DataView, header: FgbHeader, index: number, source: string, wanted: readonly boolean[] | null = null): GeoFeature {
  try {
    return decodeFgbFeature(bytes, header, wanted);
  } catch (error) {
    if (error instanceof CorruptBuffer || error instanceof RangeError) {
      throw corrupt(source, `feature ${index + 1} of ${header.featuresCount || '?'} does not decode (${error.message})`);
    }
    throw error;
  }
}

/** See the module comment: `push` the chunks in order, take what `next` gives after each, then `finish`. */
export class FgbStreamParser {
  private readonly queue = new ByteQueue();
  private current: FgbHeader | null = null;
  private indexLeft = 0;
  private count = 0;
  /** Size of the feature whose prefix was read (0: none pending). */
  private pending = 0;
  /** The columns whose values are decoded, by header index (null: all); see {@link decodeFgbFeature}. */
  wanted: readonly boolean[] | null = null;

  /** `onHeader` hears the header as soon as it is taken, before the first feature is decoded (it may set `wanted`). */
  constructor(
    private readonly source: string,
    private readonly onHeader: (header: FgbHeader) => void = () => {},
  ) {}

  /** The header, once it has arrived. */
  get header(): FgbHeader | null {
    return this.current;
  }

  /** Features decoded so far. */
  get features(): number {
    return this.count;
  }

  push(chunk: Uint8Array): void {
    this.queue.push(chunk);
  }

  /**
   * Reads what the bytes pushed so far allow: true once the header has arrived (check `header`);
   * then, on each call, the next complete feature, or null when more bytes are needed.
   */
  next(): GeoFeature | null {
    const queue = this.queue;
    if (this.current === null && !this.takeHeader()) return null;
    const header = this.current as FgbHeader;
    if (this.indexLeft > 0) {
      const n = Math.min(this.indexLeft, queue.length);
      queue.skip(n);
      this.indexLeft -= n;
      if (this.indexLeft > 0) return null;
    }
    if (this.pending === 0) {
      if (queue.length < 4) return null;
      const at = queue.position;
      const size = queue.takeUint32();
      if (header.featuresCount > 0 && this.count >= header.featuresCount) {
        throw corrupt(this.source, `it goes on after the last of the ${header.featuresCount} features its header announces (byte ${at})`);
      }
      if (size < 4 || size > MAX_FEATURE_BYTES) {
        throw corrupt(this.source, `feature ${this.count + 1} claims to be ${size} bytes long (byte ${at})`);
      }
      this.pending = size;
    }
    if (queue.length < this.pending) return null;
    const feature = decodeOrRefuse(queue.takeView(this.pending), header, this.count, this.source, this.wanted);
    this.pending = 0;
    this.count++;
    return feature;
  }

  /** After the last chunk: refuses a file that ended early (inside its header, index or a feature, or short of features). */
  finish(): void {
    const queue = this.queue;
    const size = queue.position + queue.length;
    const header = this.current;
    if (header === null) {
      if (size === 0) throw new InputError('empty-file', `${this.source} is empty. Choose a file that contains data.`, { source: this.source });
      const start = queue.peek(Math.min(size, HEADER_START));
      if (!hasFgbMagic(start)) throw notFlatGeobuf(this.source);
      const needed = size >= HEADER_START ? HEADER_START + headerLength(start) : HEADER_START;
      throw cut(this.source, `it ends at byte ${size}, inside its header, which needs ${needed} bytes`, { size, needed });
    }
    if (this.indexLeft > 0) {
      throw cut(this.source, `it ends at byte ${size}, inside its spatial index, which ends at byte ${header.featuresStart}`, { size, needed: header.featuresStart });
    }
    const expected = header.featuresCount;
    if (this.pending > 0 || queue.length > 0) {
      const of = expected > 0 ? ` of ${expected}` : '';
      throw cut(this.source, `it ends at byte ${size}, inside feature ${this.count + 1}${of}`, { size, count: this.count, expected });
    }
    if (expected > 0 && this.count < expected) {
      throw cut(this.source, `it holds ${this.count} of the ${expected} features its header announces`, { size, count: this.count, expected });
    }
  }

  /** Takes the header once it is all there; refuses a bad one. */
  private takeHeader(): boolean {
    const queue = this.queue;
    if (queue.length < HEADER_START) return false;
    const start = queue.peek(HEADER_START);
    if (!hasFgbMagic(start)) throw notFlatGeobuf(this.source);
    let length: number;
    try {
      length = headerLength(start);
    } catch (error) {
      throw corrupt(this.source, errorMessage(error));
    }
    if (queue.length < HEADER_START + length) return false;
    try {
      this.current = parseFgbHeader(queue.peek(HEADER_START + length));
    } catch (error) {
      if (error instanceof CorruptBuffer) throw corrupt(this.source, error.message);
      throw error;
    }
    queue.skip(HEADER_START + length);
    this.indexLeft = this.current.indexBytes;
    this.onHeader(this.current);
    return true;
  }
}
