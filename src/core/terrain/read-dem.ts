import { errorMessage } from '../error-message.ts';
import { unzipSync } from 'fflate';
import { InputError } from '../io/input-error.ts';
import type { DemRaster } from './dem-raster.ts';
import { readGeoTiff } from './read-geotiff.ts';
import { readHgt } from './read-hgt.ts';

const DEM_FORMATS = 'SRTM .hgt tiles (1″ or 3″, plain or zipped) or GeoTIFF DEMs in WGS84 (Copernicus GLO-30, SRTM GeoTIFF)';

function isTiff(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const ii = bytes[0] === 0x49 && bytes[1] === 0x49 && (bytes[2] === 42 || bytes[2] === 43) && bytes[3] === 0;
  const mm = bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[2] === 0 && (bytes[3] === 42 || bytes[3] === 43);
  return ii || mm;
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
}

function extension(name: string): string {
  const clean = name.split(/[?#]/)[0].toLowerCase();
  return clean.endsWith('.hgt.zip') ? 'hgt.zip' : (clean.split('.').pop() ?? '');
}

/**
 * Reads one elevation file into rasters: an SRTM `.hgt` tile, a GeoTIFF, or a zip of either (one
 * or several tiles, as NASA's and OpenTopography's downloads come). Throws `not-dem` naming the
 * file and what we read instead.
 */
export async function readDem(name: string, bytes: Uint8Array): Promise<DemRaster[]> {
  if (bytes.byteLength === 0) throw new InputError('empty-file', `${name} is empty.`, { name });
  if (isZip(bytes)) {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(bytes, { filter: (f) => /\.(hgt|tiff?)$/i.test(f.name) });
    } catch (error) {
      throw new InputError('not-dem', `${name} is a damaged zip archive (${errorMessage(error)}); download it again.`, { name, reason: 'zip' });
    }
    const names = Object.keys(entries).sort();
    if (names.length === 0) {
      throw new InputError('not-dem', `${name} is a zip archive without any .hgt or .tif inside; we read ${DEM_FORMATS}.`, { name, reason: 'zip-empty' });
    }
    const out: DemRaster[] = [];
    for (const inner of names) {
      const label = `${name}/${inner}`;
      const rasters = await readDem(/\.hgt$/i.test(inner) && !/[NS]\d{2}[EW]\d{3}/i.test(inner) ? `${name.replace(/\.zip$/i, '')}` : label, entries[inner]);
      for (const r of rasters) out.push({ ...r, source: label });
    }
    return out;
  }
  if (isTiff(bytes)) return [await readGeoTiff(name, bytes)];
  const ext = extension(name);
  if (ext === 'hgt' || ext === 'hgt.zip') return [readHgt(name, bytes)];
  throw new InputError('not-dem', `${name} is not an elevation model we read: use ${DEM_FORMATS}.`, { name, reason: 'format' });
}
