import { fromArrayBuffer } from 'geotiff';
import { errorMessage } from '../error-message.ts';
import { InputError } from '../io/input-error.ts';
import type { DemRaster } from './dem-raster.ts';
import { fillVoids } from './fill-voids.ts';
import { groupDigits } from '../group-digits.ts';

/** GeoTIFF GeoKey values we rely on (GeoTIFF 1.1, OGC 19-008r4). */
const MODEL_GEOGRAPHIC = 2;
const RASTER_PIXEL_IS_POINT = 2;
const EPSG_WGS84 = 4326;
const DATUM_WGS84 = 6326;
const USER_DEFINED = 32767;
/** A raster larger than this many posts is refused (a 1° tile at 1″ has 13 M). */
const MAX_POSTS = 120_000_000;

/**
 * Reads a single-band GeoTIFF DEM in WGS84 lon/lat (Copernicus GLO-30/90, SRTM GeoTIFF, a
 * gdalwarp output), any compression geotiff.js decodes (none, deflate, LZW, packbits, zstd, lerc),
 * strips or tiles, integer or float samples. "Pixel is area" rasters have their posts at the pixel
 * centres; the GDAL no-data value marks voids, which are filled from their neighbours where small.
 * A raster in a projected CRS is refused with the gdalwarp line that converts it.
 */
export async function readGeoTiff(name: string, bytes: Uint8Array): Promise<DemRaster> {
  const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
  let image;
  try {
    const tiff = await fromArrayBuffer(buffer);
    image = await tiff.getImage(0);
  } catch (error) {
    throw new InputError('not-dem', `${name} could not be read as a GeoTIFF (${errorMessage(error)}). Check that the file is complete.`, {
      name,
      reason: 'tiff-unreadable',
    });
  }
  const keys = image.getGeoKeys() ?? {};
  const model = keys.GTModelTypeGeoKey as number | undefined;
  const geographic = keys.GeographicTypeGeoKey as number | undefined;
  const datum = keys.GeogGeodeticDatumGeoKey as number | undefined;
  const userDefined = geographic === undefined || geographic === USER_DEFINED;
  if (model !== MODEL_GEOGRAPHIC || !(geographic === EPSG_WGS84 || (userDefined && datum === DATUM_WGS84))) {
    const crs = keys.ProjectedCSTypeGeoKey ? `EPSG:${keys.ProjectedCSTypeGeoKey}` : geographic ? `EPSG:${geographic}` : 'no declared CRS';
    throw new InputError(
      'not-dem',
      `${name} is in ${crs}, not WGS84 longitude/latitude; convert it with gdalwarp -t_srs EPSG:4326 ${name} out.tif and load that.`,
      { name, reason: 'tiff-crs', crs },
    );
  }
  if (image.fileDirectory.getValue('ModelTransformation')) {
    throw new InputError('not-dem', `${name} is rotated or sheared (ModelTransformation); resample it with gdalwarp -t_srs EPSG:4326 first.`, {
      name,
      reason: 'tiff-rotated',
    });
  }
  const width = image.getWidth();
  const height = image.getHeight();
  if (width < 2 || height < 2 || width * height > MAX_POSTS) {
    throw new InputError('not-dem', `${name} has ${width} × ${height} posts; a DEM needs at least 2 × 2 and at most ${groupDigits(MAX_POSTS)}: cut it to your province with gdal_translate -projwin.`, {
      name,
      reason: 'tiff-size',
    });
  }
  const tie = (image.fileDirectory.getValue('ModelTiepoint') as number[] | undefined) ?? [0, 0, 0, 0, 0, 0];
  const [sx, sy] = image.getResolution();
  const dLon = Math.abs(sx);
  const dLat = Math.abs(sy);
  const pointGrid = keys.GTRasterTypeGeoKey === RASTER_PIXEL_IS_POINT;
  const half = pointGrid ? 0 : 0.5;
  const west = tie[3] + (half - tie[0]) * dLon;
  const north = tie[4] - (half - tie[1]) * dLat;
  let band: ArrayLike<number>;
  try {
    [band] = await image.readRasters({ samples: [0], interleave: false });
  } catch (error) {
    throw new InputError('not-dem', `${name}: its elevations could not be decoded (${errorMessage(error)}). The file is cut short or damaged; download it again.`, {
      name,
      reason: 'tiff-unreadable',
    });
  }
  const noData = image.getGDALNoData();
  let data: Float32Array | Int16Array;
  let voidValue: number;
  if (band instanceof Int16Array && (noData === null || Number.isInteger(noData))) {
    data = band;
    voidValue = noData ?? Number.NaN;
  } else {
    data = new Float32Array(width * height);
    for (let k = 0; k < data.length; k++) {
      const v = band[k];
      data[k] = v === noData || !Number.isFinite(v) ? Number.NaN : v;
    }
    voidValue = Number.NaN;
  }
  const west180 = ((((west + 180) % 360) + 360) % 360) - 180;
  if (!(Math.abs(north) <= 90) || !(dLon > 0 && dLat > 0) || dLon > 1 || dLat > 1) {
    throw new InputError('not-dem', `${name} has origin (${west}, ${north}) and spacing ${dLon} × ${dLat}, which are not WGS84 degrees; check its georeferencing.`, {
      name,
      reason: 'tiff-georef',
    });
  }
  const raster: DemRaster = {
    width,
    height,
    west: west180,
    north,
    dLon,
    dLat,
    data,
    voidValue,
    source: name,
    format: `GeoTIFF ${Math.round(Math.min(dLon, dLat) * 3600 * 100) / 100}″`,
    voids: 0,
    filled: 0,
  };
  fillVoids(raster);
  return raster;
}
