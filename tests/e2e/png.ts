import { inflateSync } from 'node:zlib';

/**
 * A minimal PNG decoder (8-bit greyscale, RGB or RGBA, not interlaced: what Chromium's screenshots
 * are), so tests can look at pixels without another dependency.
 */

export interface DecodedPng {
  width: number;
  height: number;
  /** Channels per pixel (1, 2, 3 or 4). */
  channels: number;
  /** Row-major pixels, `channels` bytes each. */
  pixels: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/** Decodes `png`; throws naming the unsupported feature (bit depth, colour type, interlace). */
export function decodePng(png: Uint8Array): DecodedPng {
  if (!SIGNATURE.every((b, i) => png[i] === b)) throw new Error('not a PNG: bad signature');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Uint8Array[] = [];
  while (offset < png.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      const bitDepth = data[8];
      const colourType = data[9];
      if (bitDepth !== 8) throw new Error(`PNG bit depth ${bitDepth} unsupported (need 8)`);
      if (data[12] !== 0) throw new Error('interlaced PNG unsupported');
      channels = CHANNELS[colourType] ?? 0;
      if (channels === 0) throw new Error(`PNG colour type ${colourType} unsupported`);
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : null;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? out[i - channels] : 0;
      const b = prev ? prev[i] : 0;
      const c = prev && i >= channels ? prev[i - channels] : 0;
      let value: number;
      switch (filter) {
        case 0:
          value = line[i];
          break;
        case 1:
          value = line[i] + a;
          break;
        case 2:
          value = line[i] + b;
          break;
        case 3:
          value = line[i] + ((a + b) >> 1);
          break;
        case 4:
          value = line[i] + paeth(a, b, c);
          break;
        default:
          throw new Error(`PNG row ${y} has unknown filter ${filter}`);
      }
      out[i] = value & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Number of distinct RGB colours, and the share of pixels taken by the most common one. */
export function colourStats(image: DecodedPng): { distinct: number; dominantShare: number } {
  const counts = new Map<number, number>();
  const { pixels, channels } = image;
  const n = image.width * image.height;
  for (let p = 0; p < n; p++) {
    const i = p * channels;
    const key = channels >= 3 ? (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2] : pixels[i];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let max = 0;
  for (const count of counts.values()) max = Math.max(max, count);
  return { distinct: counts.size, dominantShare: n > 0 ? max / n : 1 };
}
