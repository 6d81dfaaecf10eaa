import { blend } from './colour-vision.ts';

/**
 * Colours and zoom thresholds of the map, shared by the map style and the legend so they cannot
 * disagree. The four gap classes stay apart for people with red-green (and blue-yellow) colour
 * blindness; operators are told apart by shape, and their colours never repeat a gap colour
 * (tests/unit/map-palette.test.ts checks both).
 */

/** Shapes of BTS symbols; each operator has its own. */
export type OperatorShape = 'triangle' | 'square' | 'diamond' | 'pentagon' | 'circle';

/** Operator colours and shapes (Vietnam's four mobile networks); anything else is OTHER_OPERATOR. */
export const OPERATOR_STYLE: Readonly<Record<string, { colour: string; shape: OperatorShape }>> = {
  Viettel: { colour: '#2d2d2d', shape: 'triangle' },
  VinaPhone: { colour: '#1d5fa8', shape: 'square' },
  MobiFone: { colour: '#0b6e6e', shape: 'diamond' },
  Vietnamobile: { colour: '#8a5a14', shape: 'pentagon' },
};
export const OTHER_OPERATOR_STYLE: { colour: string; shape: OperatorShape } = { colour: '#6f6f6f', shape: 'circle' };
/** Operator colours alone (footprint outlines, charts). */
export const OPERATOR_COLOURS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(OPERATOR_STYLE).map(([name, s]) => [name, s.colour]),
);
export const OTHER_OPERATOR = OTHER_OPERATOR_STYLE.colour;

/** Fibre routes by kind: colour and line width in pixels (blues: apart from the gap fills and roads). */
export const FIBRE_ROUTE_STYLE: Readonly<Record<string, { colour: string; width: number }>> = {
  trunk: { colour: '#08306b', width: 3.2 },
  feeder: { colour: '#2171b5', width: 2 },
  distribution: { colour: '#6baed6', width: 1.2 },
};
export const OTHER_FIBRE = '#4292c6';

/** Fibre access points by kind: colour and circle radius in pixels. */
export const FIBRE_POINT_STYLE: Readonly<Record<string, { colour: string; radius: number }>> = {
  odf: { colour: '#08306b', radius: 5 },
  cabinet: { colour: '#2171b5', radius: 4 },
  splitter: { colour: '#6baed6', radius: 3 },
};

/**
 * Villages by gap class: green covered, orange no mobile, yellow no FTTH, dark magenta neither. They
 * differ in lightness as well as hue, so they stay apart when red and green cannot be told apart.
 */
export const GAP_COLOURS: Readonly<Record<'none' | 'mobile' | 'ftth' | 'both', string>> = {
  none: '#3fb58f',
  mobile: '#dd4a0e',
  ftth: '#f9e85c',
  both: '#7f0f4c',
};
/** Opacity of a village's gap fill on the map. */
export const GAP_FILL_OPACITY = 0.7;
/** Opacity of a hovered village's fill. */
export const GAP_HOVER_OPACITY = 0.85;
/** A village before its coverage is computed (or whose analysis failed). */
export const VILLAGE_FILL = '#b0bec5';
export const VILLAGE_OUTLINE = '#55803a';
export const VILLAGE_HOVER = '#1b5e20';
/** The village whose details are open. */
export const VILLAGE_SELECTED = '#0d47a1';
/** The uncovered part of the selected village (a dark veil over its gap colour). */
export const UNCOVERED_FILL = '#1a1a1a';
export const UNCOVERED_LINE = '#000000';
/** Proposed sites and their footprints (dashed), and the one selected in the form. */
export const PROPOSED_FILL = '#00897b';
export const PROPOSED_LINE = '#004d40';
export const PROPOSED_SELECTED = '#ffab00';
export const SETTLEMENT_COLOUR = '#5d4037';
export const PROVINCE_LINE = '#263238';
export const DISTRICT_LINE = '#546e7a';
export const COMMUNE_LINE = '#90a4ae';
/** Roads: white with a dark casing, drawn above fibre so both read (fibre trunks follow roads). */
export const ROAD_COLOUR = '#ffffff';
export const ROAD_CASING = '#4e342e';
export const BACKGROUND = '#dfe6ea';
export const CONTEXT_FILL = '#eef0ec';
export const CONTEXT_LINE = '#c9cfc9';
export const PROVINCE_FILL = '#fbfaf6';
/** Boundaries and names of the national basemap (2009 provinces, districts, communes). */
export const BASEMAP_PROVINCE_LINE = '#6d7b84';
export const BASEMAP_DISTRICT_LINE = '#9aa7af';
export const LABEL_TEXT = '#1f2a30';
export const LABEL_HALO = '#ffffff';
export const PLACE_DOT = '#37474f';

/** The colour a gap class shows on the map (its fill over the province), for legends and lists. */
export function gapSwatch(gap: keyof typeof GAP_COLOURS): string {
  return blend(GAP_COLOURS[gap], PROVINCE_FILL, GAP_FILL_OPACITY);
}

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
