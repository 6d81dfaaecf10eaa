/**
 * Large generated inputs for the reading-memory benchmark: a GeoJSON of village polygons and a CSV
 * of sites, each of about `targetBytes` (300 MB by default), seeded so every run reads the same
 * bytes, written once into tests/bench/out/big/ in 1 MB pieces (never held whole) and reused.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../../src/core/random.ts';

const OUT = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'tests/bench/out/big');

/** Bump when what these files hold changes. */
const LAYOUT_VERSION = 1;

const NAMES = ['Thôn Đắk Hà', 'Bản Nà Lừa', 'Buôn Ma Thuột', 'Làng Kon Klor', 'Thôn Ngọc Hồi', 'Bản Phiêng Luông', 'Thôn Tân Lập', 'Làng Plei Krông'];
const OPERATORS = ['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile'];
const TECHS = ['2G', '3G', '4G', '4G', '5G'];

/** Writes `piece()` repeatedly into `path` until it holds at least `bytes` (through a temp file: a cut run leaves nothing). */
function writeUntil(path: string, bytes: number, head: string, piece: (i: number) => string, sep: string, tail: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, head);
    let written = head.length;
    let buffer = '';
    for (let i = 0; written < bytes; i++) {
      buffer += (i > 0 ? sep : '') + piece(i);
      if (buffer.length >= 1 << 20) {
        written += writeSync(fd, buffer);
        buffer = '';
      }
    }
    writeSync(fd, buffer + tail);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** A village: a jittered polygon of 24–64 vertices around a point in Vietnam's box. */
function village(random: () => number, i: number): string {
  const lon = 102.2 + random() * 7.2;
  const lat = 8.6 + random() * 14.7;
  const r = 0.004 + random() * 0.012;
  const n = 24 + Math.floor(random() * 41);
  const ring: string[] = [];
  for (let k = 0; k < n; k++) {
    const a = (2 * Math.PI * k) / n;
    const d = r * (0.75 + 0.25 * random());
    ring.push(`[${(lon + d * Math.cos(a)).toFixed(6)},${(lat + d * Math.sin(a)).toFixed(6)}]`);
  }
  ring.push(ring[0]);
  const name = NAMES[i % NAMES.length];
  const population = Math.floor(100 + random() * 2000);
  return `{"type":"Feature","properties":{"id":"v${i}","name":"${name} ${i}","commune":"Xã ${i % 977}","district":"Huyện ${i % 101}","province":"Tỉnh ${i % 34}","population":${population},"households":${Math.floor(population / 4.2)}},"geometry":{"type":"Polygon","coordinates":[[${ring.join(',')}]]}}`;
}

/** A site row: id, lon, lat, operator, tech, radius, azimuth, beamwidth. */
function site(random: () => number, i: number): string {
  const sector = random() < 0.5;
  return [
    `S${i}`,
    (102.2 + random() * 7.2).toFixed(6),
    (8.6 + random() * 14.7).toFixed(6),
    OPERATORS[i % OPERATORS.length],
    TECHS[Math.floor(random() * TECHS.length)],
    Math.floor(1000 + random() * 5000),
    sector ? Math.floor(random() * 360) : '',
    sector ? 65 : '',
  ].join(',');
}

export interface BigFiles {
  geojson: string;
  csv: string;
}

/** The two files for `targetBytes`, made when missing. */
export function ensureBigFiles(targetBytes = 300 * 1024 * 1024, log: (s: string) => void = () => {}): BigFiles {
  mkdirSync(OUT, { recursive: true });
  const tag = `v${LAYOUT_VERSION}-${Math.round(targetBytes / (1024 * 1024))}mb`;
  const files = { geojson: join(OUT, `villages-${tag}.geojson`), csv: join(OUT, `sites-${tag}.csv`) };
  if (!existsSync(files.geojson)) {
    log(`writing ${files.geojson}…`);
    const random = mulberry32(20260301);
    writeUntil(files.geojson, targetBytes, '{"type":"FeatureCollection","features":[\n', (i) => village(random, i), ',\n', '\n]}\n');
  }
  if (!existsSync(files.csv)) {
    log(`writing ${files.csv}…`);
    const random = mulberry32(20260302);
    writeUntil(files.csv, targetBytes, 'id,lon,lat,operator,tech,radius_m,azimuth_deg,beamwidth_deg\n', (i) => site(random, i), '\n', '\n');
  }
  log(`big files: ${(statSync(files.geojson).size / 2 ** 20).toFixed(0)} MiB GeoJSON, ${(statSync(files.csv).size / 2 ** 20).toFixed(0)} MiB CSV`);
  return files;
}
