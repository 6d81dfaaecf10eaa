import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/io/input-error.ts';
import { fetchBytes, parseContentRange, RangeSource, type WholeFileReason } from '../../src/core/io/range-source.ts';
import { type RangeServer, startRangeServer } from '../helpers/range-server.ts';
import { rejection } from '../helpers/rejection.ts';

/** 1,000 bytes: byte i holds i mod 251, so any slice is recognisable. */
const FILE = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
const slice = (from: number, to: number): number[] => Array.from(FILE.subarray(from, to));


/** A fetch that answers every request with `answer(range)` and counts the requests. */
function fakeServer(answer: (range: { from: number; to: number } | null, init?: RequestInit) => Response): typeof fetch & { calls: number } {
  const f = ((_url: string | URL | Request, init?: RequestInit) => {
    f.calls++;
    const header = new Headers(init?.headers).get('range');
    const m = header ? /bytes=(\d+)-(\d+)/.exec(header) : null;
    return Promise.resolve(answer(m ? { from: Number(m[1]), to: Number(m[2]) } : null, init));
  }) as typeof fetch & { calls: number };
  f.calls = 0;
  return f;
}

const whole = (): Response => new Response(FILE.slice(), { status: 200, headers: { 'content-length': String(FILE.length) } });
const partial = (from: number, to: number, headers: Record<string, string> = {}): Response =>
  new Response(FILE.slice(from, to + 1), { status: 206, headers: { 'content-range': `bytes ${from}-${to}/${FILE.length}`, ...headers } });

describe('parseContentRange', () => {
  it('reads the three forms and refuses others', () => {
    expect(parseContentRange('bytes 0-99/1234')).toEqual({ start: 0, end: 99, total: 1234 });
    expect(parseContentRange('bytes 5-9/*')).toEqual({ start: 5, end: 9, total: null });
    expect(parseContentRange('bytes */1234')).toEqual({ unsatisfied: 1234 });
    expect(parseContentRange('bytes 9-5/10')).toBeNull();
    expect(parseContentRange('items 0-1/2')).toBeNull();
    expect(parseContentRange(null)).toBeNull();
  });
});

describe('RangeSource', () => {
  it('takes a correct 206 answer and learns the size', async () => {
    const f = fakeServer((r) => partial(r!.from, r!.to));
    const source = new RangeSource('http://x/f.fgb', { fetch: f });
    expect(Array.from(await source.read(10, 5))).toEqual(slice(10, 15));
    expect(source.size).toBe(1000);
    expect(source.readWhole).toBe(false);
  });

  it('asks ranges past the HTTP cache (a cached compressed copy must not answer them)', async () => {
    let cache: RequestCache | undefined;
    const f = fakeServer((r, init) => {
      cache = init?.cache;
      return partial(r!.from, r!.to);
    });
    await new RangeSource('http://x/f.fgb', { fetch: f }).read(0, 4);
    expect(cache).toBe('no-store');
  });

  const FALLBACKS: [string, WholeFileReason, (r: { from: number; to: number }) => Response][] = [
    ['ignores Range (200 with the whole file)', 'ignores-range', () => whole()],
    ['compresses the range (Content-Encoding)', 'compressed', (r) => partial(r.from, r.to, { 'content-encoding': 'gzip' })],
    ['sends no Content-Range', 'no-content-range', (r) => new Response(FILE.slice(r.from, r.to + 1), { status: 206 })],
    // The range of a compressed copy: the right length, the wrong total.
    ['answers another range', 'wrong-range', (r) => new Response(FILE.slice(r.from, r.to + 1), { status: 206, headers: { 'content-range': `bytes ${r.from + 1}-${r.to + 1}/135` } })],
  ];

  it.each(FALLBACKS)('reads the whole file once when the server %s, and says so once', async (_what, reason, answer) => {
    const f = fakeServer((r) => (r ? answer(r) : whole()));
    const reasons: WholeFileReason[] = [];
    const source = new RangeSource('http://x/f.fgb', { fetch: f, onWholeFile: (why) => reasons.push(why) });
    expect(Array.from(await source.read(100, 20))).toEqual(slice(100, 120));
    expect(Array.from(await source.read(990, 10))).toEqual(slice(990, 1000));
    expect(Array.from(await source.readAtMost(995, 50))).toEqual(slice(995, 1000));
    expect(reasons).toEqual([reason]);
    expect(source.readWhole).toBe(true);
    expect(source.size).toBe(1000);
    // The first range request, plus one whole-file request unless the first answer was already the whole file.
    expect(f.calls).toBe(reason === 'ignores-range' ? 1 : 2);
  });

  it('treats 416 as the end of the file, and a range past it as a cut file', async () => {
    const f = fakeServer(() => new Response(null, { status: 416, headers: { 'content-range': 'bytes */1000' } }));
    const source = new RangeSource('http://x/f.fgb', { fetch: f });
    expect((await source.readAtMost(2000, 10)).byteLength).toBe(0);
    expect(source.size).toBe(1000);
    const e = (await rejection(source.read(2000, 10))) as InputError;
    expect(e).toBeInstanceOf(InputError);
    expect(e.code).toBe('truncated');
    expect(e.message).toMatch(/http:\/\/x\/f\.fgb ends at byte 1000, before byte 2010/);
  });

  it('gives fewer bytes at the end of the file, and refuses them where exactly that many were needed', async () => {
    const f = fakeServer((r) => partial(r!.from, Math.min(r!.to, 999)));
    const source = new RangeSource('http://x/f.fgb', { fetch: f });
    expect(Array.from(await source.readAtMost(990, 100))).toEqual(slice(990, 1000));
    expect(((await rejection(source.read(995, 100))) as InputError).code).toBe('truncated');
  });

  it('names the URL and the status of an HTTP error', async () => {
    const f = fakeServer(() => new Response('gone', { status: 404, statusText: 'Not Found' }));
    const e = (await rejection(new RangeSource('http://x/f.fgb', { fetch: f }).read(0, 4))) as InputError;
    expect(e.code).toBe('http-error');
    expect(e.params.status).toBe(404);
    expect(e.message).toMatch(/http:\/\/x\/f\.fgb: the server answered 404 Not Found/);
  });

  it('turns a network failure into a sentence, and an abort into an AbortError', async () => {
    const down = (() => Promise.reject(new TypeError('fetch failed'))) as unknown as typeof fetch;
    const e = (await rejection(new RangeSource('http://x/f.fgb', { fetch: down }).read(0, 4))) as InputError;
    expect(e.code).toBe('http-error');
    expect(e.message).toMatch(/Could not reach http:\/\/x\/f\.fgb \(fetch failed\)/);
    const controller = new AbortController();
    const f = fakeServer((r) => {
      controller.abort();
      return partial(r!.from, r!.to);
    });
    const aborted = await rejection(new RangeSource('http://x/f.fgb', { fetch: f, signal: controller.signal }).read(0, 4));
    expect(aborted.name).toBe('AbortError');
  });
});

describe('whole-file reads', () => {
  it('refuse a body shorter than its announced length', async () => {
    const f = fakeServer(() => new Response(FILE.slice(0, 600), { status: 200, headers: { 'content-length': '1000' } }));
    const e = (await rejection(fetchBytes('http://x/f.csv', { fetch: f }))) as InputError;
    expect(e.code).toBe('truncated');
    expect(e.message).toMatch(/http:\/\/x\/f\.csv arrived incomplete: 600 of the 1000 bytes/);
  });

  it('refuse a file over the size limit from its announced length, before reading it', async () => {
    const f = fakeServer(() => whole());
    expect(((await rejection(fetchBytes('http://x/f.csv', { fetch: f, maxBytes: 500 }))) as InputError).code).toBe('too-large');
  });

  it('take a compressed body whole (its length is that of the compressed bytes)', async () => {
    const f = fakeServer(() => new Response(FILE.slice(), { status: 200, headers: { 'content-length': '300', 'content-encoding': 'gzip' } }));
    expect((await fetchBytes('http://x/f.csv', { fetch: f })).byteLength).toBe(1000);
  });
});

describe('RangeSource against a real server', () => {
  let dir: string;
  let server: RangeServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vunglom-range-'));
    writeFileSync(join(dir, 'f.bin'), FILE);
    server = await startRangeServer(dir);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads exact ranges and only them', async () => {
    server.resetBytes();
    const source = new RangeSource(`${server.url}/f.bin`);
    expect(Array.from(await source.read(500, 8))).toEqual(slice(500, 508));
    expect(Array.from(await source.readAtMost(996, 8))).toEqual(slice(996, 1000));
    expect((await source.readAtMost(1000, 8)).byteLength).toBe(0);
    expect(server.bytesSent()).toBe(12);
  });
});
