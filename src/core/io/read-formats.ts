/** The formats the readers take, in one sentence: said by refusals and by the CLI's help. */
export const READ_FORMATS =
  'GeoJSON (.geojson, .json), FlatGeobuf (.fgb), CSV/TSV (.csv, incl. OpenCelliD exports), ' +
  'zipped shapefiles (.zip), KML/KMZ and Excel (.xlsx)';
