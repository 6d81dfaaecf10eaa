import { describe, expect, it } from 'vitest';
import { packFootprints } from '../../src/core/coverage/packed-footprints.ts';
import { KIND_DISK, S_KIND, S_U0X, S_Q1Y, SHAPE_STRIDE, ShapeBuffer } from '../../src/core/coverage/shapes.ts';
import { ConformalFrame } from '../../src/core/geo/conformal-frame.ts';
import { defaultParams } from '../../src/core/params.ts';
import { btsRecord } from '../helpers/coverage-scene.ts';

/** The shapes of footprints `fs` of `fp` in `frame`, as plain numbers (a disk's unused wedge fields left out). */
function shapesOf(buffer: ShapeBuffer, fp: ReturnType<typeof packFootprints>, fs: readonly number[], frame: ConformalFrame): number[] {
  buffer.clear();
  for (const f of fs) buffer.addFootprint(fp, f, frame);
  const out: number[] = [];
  for (let s = 0; s < buffer.count; s++) {
    const shape = Array.from(buffer.data.subarray(s * SHAPE_STRIDE, (s + 1) * SHAPE_STRIDE));
    out.push(...(shape[S_KIND] === KIND_DISK ? shape.filter((_, k) => k < S_U0X || k > S_Q1Y) : shape));
  }
  return out;
}

describe('ShapeBuffer', () => {
  // The buffer keeps each packed set's per-site terms between villages; a stale or mixed-up cache
  // would give shapes that differ from a fresh buffer's.
  it('gives the same shapes bit for bit when one buffer alternates two footprint sets over many frames', () => {
    const params = defaultParams();
    const a = packFootprints(
      [
        btsRecord('a1', 105.78, 10.03, { radiusM: 3000 }),
        btsRecord('a2', 105.8, 10.05, { radiusM: 2500, azimuthDeg: 40, beamwidthDeg: 65 }),
        btsRecord('a3', 105.76, 10.0, { radiusM: 6000, azimuthDeg: 300, beamwidthDeg: 240 }),
      ],
      params,
    );
    const b = packFootprints(
      [btsRecord('b1', 105.9, 10.2, { radiusM: 1500, azimuthDeg: 10, beamwidthDeg: 90 }), btsRecord('b2', 105.7, 9.95, { radiusM: 4000 })],
      params,
    );
    const reused = new ShapeBuffer();
    for (const [lon, lat] of [
      [105.78, 10.03],
      [105.85, 10.1],
      [105.7, 9.98],
    ]) {
      const frame = new ConformalFrame(lon, lat);
      for (const [fp, fs] of [
        [a, [0, 1, 2]],
        [b, [1, 0]],
        [a, [2, 0]],
      ] as const) {
        const got = shapesOf(reused, fp, fs, frame);
        expect(got).toEqual(shapesOf(new ShapeBuffer(), fp, fs, frame));
        expect(got.every(Number.isFinite)).toBe(true);
      }
    }
  });
});
