/**
 * Colours and zoom thresholds of the map, shared by the map style and the legend so they cannot
 * disagree. Chosen to stay distinguishable for common colour-vision deficiencies and on a projector.
 */

/** Operator colours (Vietnam's four mobile networks); anything else is drawn in OTHER_OPERATOR. */
export const OPERATOR_COLOURS: Readonly<Record<string, string>> = {
  Viettel: '#d62728',
  VinaPhone: '#1f77b4',
  MobiFone: '#17a589',
  Vietnamobile: '#ff9f1c',
};
export const OTHER_OPERATOR = '#7f7f7f';

/** Fibre routes by kind: colour and line width in pixels. */
export const FIBRE_ROUTE_STYLE: Readonly<Record<string, { colour: string; width: number }>> = {
  trunk: { colour: '#5b2a86', width: 3.2 },
  feeder: { colour: '#9b59b6', width: 2 },
  distribution: { colour: '#c39bd3', width: 1.2 },
};
export const OTHER_FIBRE = '#8e7cc3';

/** Fibre access points by kind: colour and circle radius in pixels. */
export const FIBRE_POINT_STYLE: Readonly<Record<string, { colour: string; radius: number }>> = {
  odf: { colour: '#3d1c5c', radius: 5 },
  cabinet: { colour: '#7d3c98', radius: 4 },
  splitter: { colour: '#bb8fce', radius: 3 },
};

/** Villages by gap class: green covered, orange no mobile, yellow no FTTH, red neither. */
export const GAP_COLOURS: Readonly<Record<'none' | 'mobile' | 'ftth' | 'both', string>> = {
  none: '#1a9850',
  mobile: '#f46d43',
  ftth: '#fee08b',
  both: '#d73027',
};
/** A village before its coverage is computed (or whose analysis failed). */
export const VILLAGE_FILL = '#b0bec5';
export const VILLAGE_OUTLINE = '#55803a';
export const VILLAGE_HOVER = '#1b5e20';
/** The village whose details are open. */
export const VILLAGE_SELECTED = '#0d47a1';
/** The uncovered part of the selected village (drawn over its gap colour). */
export const UNCOVERED_FILL = '#4a148c';
export const UNCOVERED_LINE = '#311b92';
/** Proposed sites and their footprints (dashed), and the one selected in the form. */
export const PROPOSED_FILL = '#00897b';
export const PROPOSED_LINE = '#004d40';
export const PROPOSED_SELECTED = '#ffab00';
export const SETTLEMENT_COLOUR = '#5d4037';
export const PROVINCE_LINE = '#263238';
export const DISTRICT_LINE = '#546e7a';
export const COMMUNE_LINE = '#90a4ae';
export const ROAD_COLOUR = '#f0a030';
export const ROAD_CASING = '#8d6e63';
export const BACKGROUND = '#dfe6ea';
export const CONTEXT_FILL = '#eef0ec';
export const CONTEXT_LINE = '#c9cfc9';
export const PROVINCE_FILL = '#fbfaf6';

/** BTS footprints (sectors or disks) appear from this zoom on. */
export const FOOTPRINT_MIN_ZOOM = 11;
/** Settlement points appear from this zoom on. */
export const SETTLEMENT_MIN_ZOOM = 11;
/** National context communes are read only from this zoom on (the whole country is ~11,000 polygons). */
export const CONTEXT_MIN_ZOOM = 6;
/**
 * A country-sized set draws village polygons (read from the coverage worker for the viewport) from
 * this zoom; below it each village is a dot in its gap colour. A province draws polygons at every zoom.
 */
export const VILLAGE_POLYGON_MIN_ZOOM = 9;
/** A country-sized set reads sites, fibre and settlements for the viewport from this zoom (too many to draw below). */
export const DETAIL_MIN_ZOOM = 10;
