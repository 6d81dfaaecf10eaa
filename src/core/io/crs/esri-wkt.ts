import { type CrsDefinition, VN2000_TM3_ZONES } from './crs-registry.ts';

/**
 * The `.prj` text of a shapefile we write, in the ESRI form GDAL itself writes (and ArcGIS and QGIS
 * read): WGS 84, or a VN-2000 TM-3 zone naming the datum `D_Vietnam_2000` (which our reader, GDAL and
 * QGIS take with the EPSG 6960 shift).
 */

const WGS84_SPHEROID = 'SPHEROID["WGS_1984",6378137.0,298.257223563]';
const GEOG_TAIL = 'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

const WGS84_ESRI_WKT = `GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",${WGS84_SPHEROID}],${GEOG_TAIL}`;

const VN2000_GEOG = `GEOGCS["GCS_VN_2000",DATUM["D_Vietnam_2000",${WGS84_SPHEROID}],${GEOG_TAIL}`;

/** The ESRI WKT of `def`; only WGS 84 and the VN-2000 TM-3 zones are written. */
export function esriWkt(def: CrsDefinition): string {
  if (def.isWgs84) return WGS84_ESRI_WKT;
  const code = def.code === null ? NaN : Number(def.code.replace(/^EPSG:/, ''));
  const zone = VN2000_TM3_ZONES[code];
  if (zone === undefined) throw new Error(`esriWkt: ${def.code ?? def.name} is not WGS 84 or a VN-2000 TM-3 zone; write in one of those`);
  const name = zone.name.replace('VN-2000 / ', 'VN-2000_').replace(/ /g, '_');
  return `PROJCS["${name}",${VN2000_GEOG},PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],` +
    `PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${zone.lon0}],PARAMETER["Scale_Factor",0.9999],` +
    'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
}
