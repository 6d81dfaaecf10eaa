/** `vunglom analyze`: its options and help (light: the work is in run-analyze.ts, loaded when it runs). */
import { defineCommand } from '../command.ts';
import { ANALYZE_OPTIONS } from './analyze-options.ts';

export const analyzeCommand = defineCommand({
  name: 'analyze',
  summary: "the gap list: every village's mobile broadband and FTTH coverage",
  about:
    'Measures every village by area, population and centre, per operator and technology, and FTTH reach;\n' +
    'writes the gap list (GeoJSON, FlatGeobuf or Shapefile, and CSV with --csv) with the parameters, input\n' +
    'hashes and KPIs. Reads GeoJSON, FlatGeobuf, CSV/TSV, zipped shapefiles (VN-2000, TCVN3), KML/KMZ and\n' +
    'Excel; a layer of an archive or a sheet is named after the file: thon.zip#thon, sites.xlsx#Viettel.',
  options: ANALYZE_OPTIONS,
  examples: [
    'analyze --villages villages.fgb --bts bts.fgb --fibre fibre.geojson --settlements settlements.fgb --out gaps.geojson --csv gaps.csv',
    'analyze --villages villages.fgb --bts bts.fgb --bts opencellid.csv --config params.json --out gaps.geojson --gaps-only',
    'analyze --villages thon-vn2000.zip --bts tram.xlsx --fibre cap-quang.kmz --crs EPSG:9216 --out gaps.shp --out-crs province',
  ],
  load: async () => (await import('./run-analyze.ts')).runAnalyze,
});
