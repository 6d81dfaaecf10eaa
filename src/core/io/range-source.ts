import { DEFAULT_MAX_INPUT_BYTES, checkInputSize } from './detect-format.ts';
import { InputError } from './input-error.ts';
import { errorMessage, isAbortError } from '../error-message.ts';

/**
 * Bytes of a file on a web server, by HTTP range requests that are checked before they are
 * trusted, for the page and the workers alike (pure: it takes a `fetch`).
 *
 * A range answer is taken only when it is a 206 whose `Content-Range` names exactly the bytes asked
 * for, whose body has that many bytes, and which is not compressed (`Content-Encoding`): a server
 * that compresses, or a browser cache that answers a range from a compressed whole-file copy,
 * reports the range of the compressed bytes. Range requests bypass the HTTP cache for that reason.
 * When the server ignores `Range` (a 200 with the whole file, as `python3 -m http.server` does) or
 * answers it unusably, the whole file is read once, kept, and every later range is cut from it;
 * `onWholeFile` hears of it once, with the reason. A 416 means the file ends before the range.
 * The AbortSignal is checked after every await; an abort rejects with its `AbortError`.
 */

/** Why a file was read whole instead of by ranges. */
export type WholeFileReason = 'ignores-range' | 'compressed' | 'no-content-range' | 'wrong-range';

export interface RangeSourceOptions {
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Largest whole file read when the server cannot answer ranges (bytes; default 500 MB). */
  maxBytes?: number;
  /** Heard once, when the file had to be read whole. */
  onWholeFile?: (reason: WholeFileReason) => void;
}

/** `bytes start-end/total` of a Content-Range header; total is null for `*`. */
export interface ContentRange {
  start: number;
  end: number;
  total: number | null;
}

/** Parses a Content-Range header (`bytes 0-99/1234`, `bytes 0-99/*`, `bytes *\/1234`); null when it is not one. */
export function parseContentRange(value: string | null): ContentRange | { unsatisfied: number } | null {
  if (value === null) return null;
  const unsatisfied = /^\s*bytes\s+\*\/(\d+)\s*$/i.exec(value);
  if (unsatisfied) return { unsatisfied: Number(unsatisfied[1]) };
  const m = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(value);
  if (!m) return null;
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (!(end >= start)) return null;
  return { start, end, total: m[3] === '*' ? null : Number(m[3]) };
}

/** True when the response body is not the file's own bytes (compressed by the server). */
function isEncoded(response: Response): boolean {
  const encoding = response.headers.get('content-encoding');
  return encoding !== null && encoding.trim() !== '' && encoding.trim().toLowerCase() !== 'identity';
}

/** An HTTP status other than the ones a reader expects, as an InputError naming the URL. */
export function httpError(url: string, status: number, statusText: string): InputError {
  return new InputError(
    'http-error',
    `Could not read ${url}: the server answered ${status}${statusText ? ` ${statusText}` : ''}. Check the address and that the file is public.`,
    { url, status },
  );
}

/**
 * A GET, tried twice: a keep-alive connection the server closed while it was idle fails the first
 * try (seen with Node's fetch against Node's server). A network failure (offline, CORS, a wrong
 * host) is then an InputError naming the URL; an abort stays an abort.
 */
async function request(url: string, init: RequestInit, options: RangeSourceOptions): Promise<Response> {
  const doFetch = options.fetch ?? fetch;
  let failure: unknown;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const response = await doFetch(url, { ...init, signal: options.signal });
      options.signal?.throwIfAborted();
      return response;
    } catch (error) {
      options.signal?.throwIfAborted();
      if (isAbortError(error)) throw error;
      failure = error;
    }
  }
  const detail = errorMessage(failure);
  throw new InputError(
    'http-error',
    `Could not reach ${url} (${detail}): check the address, the connection, and that the server allows this site (CORS).`,
    { url, detail },
  );
}

/**
 * The body of a 200 answer, chunk by chunk, refusing it when its declared length is over
 * `maxBytes` and checking, when the body is not compressed, that every declared byte arrived.
 */
export async function* responseChunks(
  response: Response,
  url: string,
  options: Pick<RangeSourceOptions, 'signal' | 'maxBytes'> = {},
): AsyncGenerator<Uint8Array> {
  const { signal } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  const declared = isEncoded(response) ? NaN : Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared)) {
    try {
      checkInputSize(declared, { name: url, maxBytes });
    } catch (error) {
      await response.body?.cancel();
      throw error;
    }
  }
  const body = response.body;
  if (!body) return;
  const reader = body.getReader();
  let received = 0;
  // Whether the stream ended or failed by itself; if not, the download is stopped on the way out.
  let settled = false;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        settled = true;
        throw error;
      }
      signal?.throwIfAborted();
      if (chunk.done) {
        settled = true;
        break;
      }
      received += chunk.value.byteLength;
      checkInputSize(received, { name: url, maxBytes });
      yield chunk.value;
    }
  } finally {
    if (!settled) await reader.cancel();
  }
  if (Number.isFinite(declared) && received !== declared) {
    throw new InputError(
      'truncated',
      `${url} arrived incomplete: ${received} of the ${declared} bytes the server announced. Load it again; if it stays short, the copy on the server is cut.`,
      { url, received, expected: declared },
    );
  }
}

/** Fetches `url` whole (one GET), chunk by chunk as the bytes arrive. */
export async function* fetchChunks(url: string, options: RangeSourceOptions = {}): AsyncGenerator<Uint8Array> {
  options.signal?.throwIfAborted();
  const response = await request(url, {}, options);
  if (response.status !== 200) {
    await response.body?.cancel();
    throw httpError(url, response.status, response.statusText);
  }
  yield* responseChunks(response, url, options);
}

/** Joins chunks into one array (the chunks are not kept). */
export function concatChunks(chunks: readonly Uint8Array[], total?: number): Uint8Array {
  const length = total ?? chunks.reduce((n, c) => n + c.byteLength, 0);
  if (chunks.length === 1 && chunks[0].byteLength === length) return chunks[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Fetches `url` whole into one array. */
export async function fetchBytes(url: string, options: RangeSourceOptions = {}): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of fetchChunks(url, options)) chunks.push(chunk);
  return concatChunks(chunks);
}

/** See the module comment. */
export class RangeSource {
  readonly url: string;
  private readonly options: RangeSourceOptions;
  private total: number | null = null;
  /** The whole file, once the server could not answer a range. */
  private whole: Promise<Uint8Array> | null = null;

  constructor(url: string, options: RangeSourceOptions = {}) {
    this.url = url;
    this.options = options;
  }

  /** The file's length in bytes, once an answer said it (null before). */
  get size(): number | null {
    return this.total;
  }

  /** Whether the file is held whole (the server could not answer a range). */
  get readWhole(): boolean {
    return this.whole !== null;
  }

  /**
   * Bytes `offset … offset + length - 1`, or fewer when the file ends before (none at or after its
   * end). See the module comment for what is checked. `signal` (default: the source's) stops this read.
   */
  async readAtMost(offset: number, length: number, signal = this.options.signal): Promise<Uint8Array> {
    signal?.throwIfAborted();
    const options = { ...this.options, signal };
    if (!(Number.isSafeInteger(offset) && offset >= 0 && Number.isSafeInteger(length) && length >= 0)) {
      throw new RangeError(`A byte range needs a whole offset and length ≥ 0, got ${offset} and ${length}.`);
    }
    if (length === 0) return new Uint8Array(0);
    if (this.whole) return cut(await this.whole, offset, length);
    if (this.total !== null && offset >= this.total) return new Uint8Array(0);
    const response = await request(this.url, { headers: { Range: `bytes=${offset}-${offset + length - 1}` }, cache: 'no-store' }, options);
    if (response.status === 416) {
      await response.body?.cancel();
      const range = parseContentRange(response.headers.get('content-range'));
      if (range && 'unsatisfied' in range) this.total = range.unsatisfied;
      return new Uint8Array(0);
    }
    if (response.status === 200) return cut(await this.keepWhole('ignores-range', response, options), offset, length);
    if (response.status !== 206) {
      await response.body?.cancel();
      throw httpError(this.url, response.status, response.statusText);
    }
    if (isEncoded(response)) return this.refetchWhole('compressed', response, offset, length, options);
    const range = parseContentRange(response.headers.get('content-range'));
    if (range === null || 'unsatisfied' in range) return this.refetchWhole('no-content-range', response, offset, length, options);
    const wantedEnd = offset + length - 1;
    const endOk = range.end === wantedEnd || (range.total !== null && range.end === range.total - 1 && range.end < wantedEnd);
    const totalOk = range.total === null || this.total === null || range.total === this.total;
    if (range.start !== offset || !endOk || !totalOk) return this.refetchWhole('wrong-range', response, offset, length, options);
    const body = new Uint8Array(await response.arrayBuffer());
    signal?.throwIfAborted();
    if (body.byteLength !== range.end - range.start + 1) return this.refetchWhole('wrong-range', null, offset, length, options);
    if (range.total !== null) this.total = range.total;
    return body;
  }

  /** Exactly `length` bytes from `offset`; `truncated` when the file ends before. */
  async read(offset: number, length: number, signal = this.options.signal): Promise<Uint8Array> {
    const bytes = await this.readAtMost(offset, length, signal);
    if (bytes.byteLength < length) {
      const size = this.total ?? offset + bytes.byteLength;
      throw new InputError(
        'truncated',
        `${this.url} ends at byte ${size}, before byte ${offset + length} that its own layout points to: the file is cut or corrupt. Download or export it again.`,
        { url: this.url, size, needed: offset + length },
      );
    }
    return bytes;
  }

  /** Reads the file whole (once), answering every range from it from now on. */
  private keepWhole(reason: WholeFileReason, response: Response | null, options: RangeSourceOptions): Promise<Uint8Array> {
    if (!this.whole) {
      this.options.onWholeFile?.(reason);
      // A failed whole read is not kept: the next range asks again.
      this.whole = this.readAll(response, options).catch((error: unknown) => {
        this.whole = null;
        throw error;
      });
    }
    return this.whole;
  }

  private async refetchWhole(reason: WholeFileReason, response: Response | null, offset: number, length: number, options: RangeSourceOptions): Promise<Uint8Array> {
    await response?.body?.cancel();
    return cut(await this.keepWhole(reason, null, options), offset, length);
  }

  private async readAll(response: Response | null, options: RangeSourceOptions): Promise<Uint8Array> {
    let answer = response;
    if (answer === null) {
      answer = await request(this.url, { cache: 'no-store' }, options);
      if (answer.status !== 200) {
        await answer.body?.cancel();
        throw httpError(this.url, answer.status, answer.statusText);
      }
    }
    const chunks: Uint8Array[] = [];
    for await (const chunk of responseChunks(answer, this.url, options)) chunks.push(chunk);
    const bytes = concatChunks(chunks);
    this.total = bytes.byteLength;
    return bytes;
  }
}

function cut(bytes: Uint8Array, offset: number, length: number): Uint8Array {
  return bytes.subarray(Math.min(offset, bytes.byteLength), Math.min(offset + length, bytes.byteLength));
}
