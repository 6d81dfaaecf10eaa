import type { Rect } from '../layer-input.ts';
import { type FgbHeader, NODE_BYTES, levelNodeCounts } from './fgb-header.ts';
import { CorruptBuffer } from './flat-table.ts';

/**
 * Search of a FlatGeobuf's packed Hilbert R-tree (root first, leaves last; a leaf holds a
 * feature's box and its byte offset in the feature section, an inner node its children's box and
 * its first child's node number), level by level, reading only the nodes whose boxes meet the
 * rectangle. Node numbers and offsets are checked against the tree and the file before they are
 * followed.
 */

/** Where bytes come from: a file in memory or a {@link RangeSource}. */
export interface ByteSource {
  /** Exactly `length` bytes from `offset` (the file is cut otherwise). */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A feature the search found: its number in the file and where its bytes are. */
export interface IndexHit {
  index: number;
  /** Offset of its size prefix, from the file's start. */
  offset: number;
  /** Bytes of size prefix + feature; null for the file's last feature (read its size prefix). */
  length: number | null;
}

/** Nodes read in one request may include up to this many unwanted ones between wanted ranges. */
const MERGE_GAP_NODES = 256;

/** The features of `header`'s file whose boxes meet `rect`, in file order. */
export async function searchIndex(source: ByteSource, header: FgbHeader, rect: Rect): Promise<IndexHit[]> {
  const n = header.featuresCount;
  const nodeSize = header.indexNodeSize;
  const counts = levelNodeCounts(n, nodeSize);
  const total = counts.reduce((a, b) => a + b, 0);
  // Level k (0 = leaves) occupies nodes [starts[k], starts[k] + counts[k]).
  const starts: number[] = [];
  let end = total;
  for (const c of counts) {
    end -= c;
    starts.push(end);
  }
  const leafStart = starts[0];
  let ranges: [number, number][] = [[0, 1]];
  const hits: IndexHit[] = [];
  for (let level = counts.length - 1; level >= 0 && ranges.length > 0; level--) {
    const next: [number, number][] = [];
    for (const [from, to] of mergeRanges(ranges)) {
      // One node more at the leaves: its offset ends the last wanted feature.
      const readTo = level === 0 ? Math.min(to + 1, total) : to;
      const bytes = await source.read(header.indexStart + from * NODE_BYTES, (readTo - from) * NODE_BYTES);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let node = from; node < to; node++) {
        const at = (node - from) * NODE_BYTES;
        if (rect.maxX < view.getFloat64(at, true) || rect.maxY < view.getFloat64(at + 8, true) ||
            rect.minX > view.getFloat64(at + 16, true) || rect.minY > view.getFloat64(at + 24, true)) continue;
        const offset = Number(view.getBigUint64(at + 32, true));
        if (level === 0) {
          const index = node - leafStart;
          let length: number | null = null;
          if (node + 1 < total) {
            length = Number(view.getBigUint64(at + NODE_BYTES + 32, true)) - offset;
            if (!(length > 4)) throw new CorruptBuffer(`its spatial index gives feature ${index} ${length} bytes`);
          }
          hits.push({ index, offset: header.featuresStart + offset, length });
          continue;
        }
        const childLevel = level - 1;
        const childEnd = starts[childLevel] + counts[childLevel];
        if (!(offset >= starts[childLevel] && offset < childEnd)) {
          throw new CorruptBuffer(`its spatial index points from node ${node} to node ${offset}, outside the level below`);
        }
        next.push([offset, Math.min(offset + nodeSize, childEnd)]);
      }
    }
    ranges = next;
  }
  hits.sort((a, b) => a.offset - b.offset);
  return hits;
}

/** Sorted ranges, those closer than {@link MERGE_GAP_NODES} joined. */
function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + MERGE_GAP_NODES) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
