import { shortFieldName } from './formats/shapefile-field-names.ts';
import { InputError } from './input-error.ts';
import { foldDiacritics } from './normalize-text.ts';

/**
 * Maps the user's column / property names onto ours: case-, accent- and punctuation-insensitive,
 * a bracketed unit at the end ignored ("Bán kính (m)"), through a list of aliases per field (first
 * alias found wins; Vietnamese names included: Mã trạm, Nhà mạng, Công nghệ, Kinh độ, Vĩ độ, Góc
 * phương vị, Tên thôn, Dân số, Số hộ …), with a user override on top.
 * Field names follow the data contract (snake_case, as the README's data section and the readers use them).
 */

export type FieldName =
  | 'id'
  | 'name'
  | 'commune'
  | 'district'
  | 'province'
  | 'population'
  | 'households'
  | 'centre_lon'
  | 'centre_lat'
  | 'centre'
  | 'lon'
  | 'lat'
  | 'site_id'
  | 'operator'
  | 'mcc'
  | 'tech'
  | 'radius_m'
  | 'azimuth_deg'
  | 'beamwidth_deg'
  | 'height_m'
  | 'band_mhz'
  | 'kind';

/** Aliases per field, in priority order; compared after {@link normalizeFieldName}. */
export const FIELD_ALIASES: Readonly<Record<FieldName, readonly string[]>> = {
  id: ['id', 'fid', 'code', 'ma', 'ma_so', 'gid', 'objectid', 'uid', 'node_id', 'line_id', 'route_id', 'ma_tram', 'ma_bts',
    'ma_cell', 'ma_thon', 'ma_ban'],
  name: ['name', 'ten', 'ten_thon', 'ten_ban', 'village', 'thon', 'label', 'ten_thon_ban', 'ten_lang', 'ten_tram'],
  commune: ['commune', 'xa', 'ten_xa', 'commune_name', 'ward', 'phuong', 'xa_phuong', 'ten_phuong', 'xa_phuong_thi_tran'],
  district: ['district', 'huyen', 'ten_huyen', 'district_name', 'quan_huyen', 'huyen_thi_xa'],
  province: ['province', 'tinh', 'ten_tinh', 'province_name', 'tinh_thanh_pho', 'tinh_thanh'],
  population: ['population', 'pop', 'dan_so', 'so_dan', 'nhan_khau', 'so_nhan_khau', 'so_khau'],
  households: ['households', 'hh', 'ho', 'so_ho', 'ho_gia_dinh', 'household', 'so_ho_gia_dinh', 'so_ho_dan'],
  centre_lon: ['centre_lon', 'center_lon', 'centre_lng', 'center_lng', 'centre_x', 'center_x'],
  centre_lat: ['centre_lat', 'center_lat', 'centre_y', 'center_y'],
  centre: ['centre', 'center'],
  lon: ['lon', 'lng', 'long', 'longitude', 'x', 'kinh_do'],
  lat: ['lat', 'latitude', 'y', 'vi_do'],
  site_id: ['site_id', 'site', 'mast', 'mast_id', 'ma_vi_tri', 'vi_tri', 'ma_site', 'ma_tram', 'tram', 'siteid'],
  operator: ['operator', 'operator_name', 'carrier', 'nha_mang', 'network', 'net', 'mnc', 'doanh_nghiep', 'nha_cung_cap'],
  mcc: ['mcc'],
  tech: ['tech', 'radio', 'technology', 'cong_nghe', 'rat', 'generation', 'loai_tram', 'the_he'],
  radius_m: ['radius_m', 'radius', 'range_m', 'ban_kinh', 'ban_kinh_m', 'ban_kinh_phu_song'],
  azimuth_deg: ['azimuth_deg', 'azimuth', 'az', 'bearing', 'huong', 'goc_phuong_vi', 'phuong_vi', 'huong_anten'],
  beamwidth_deg: ['beamwidth_deg', 'beamwidth', 'bw', 'beam_width', 'hbw', 'do_rong_bup_song', 'bup_song', 'do_rong_bup', 'goc_mo'],
  height_m: ['height_m', 'height', 'antenna_height', 'do_cao', 'do_cao_anten', 'chieu_cao_anten', 'chieu_cao', 'do_cao_cot'],
  band_mhz: ['band_mhz', 'band', 'frequency_mhz', 'freq_mhz', 'bang_tan', 'tan_so'],
  kind: ['kind', 'type', 'loai', 'infrastructure_type', 'node_type', 'category'],
};

/** Names and places, where a file may hold a Vietnamese spelling beside an ASCII one. */
const NAME_FIELDS: ReadonlySet<FieldName> = new Set(['name', 'commune', 'district', 'province']);

/**
 * The aliases of `field` in the order they are tried. For a name or place each alias is tried
 * first with a Vietnamese suffix ("commune_vn", "name:vi" → name_vi): files such as the 2009 census
 * communes give "Phuc Xa" in `commune` and "Phường Phúc Xá" in `commune_vn`, and names keep their
 * diacritics.
 */
function aliasesOf(field: FieldName): readonly string[] {
  const aliases = FIELD_ALIASES[field];
  return NAME_FIELDS.has(field) ? aliases.flatMap((a) => [`${a}_vn`, `${a}_vi`, a]) : aliases;
}

/** The user's choice: our field → their column name (exact or in any case/accents). */
export type FieldMapping = Partial<Record<FieldName, string>>;

/** Our field → the column actually used (absent when none was found). */
export type ResolvedFields = Partial<Record<FieldName, string>>;

/** A unit or note in brackets at the end of a column name: "Kinh độ (E)", "Bán kính [m]". */
const BRACKETED_SUFFIX = /\s*[([{][^)\]}]*[)\]}]\s*$/;

/** Lower case, diacritics folded, every run of other characters turned into `_`: "Nhà mạng" → "nha_mang". */
export function normalizeFieldName(name: string): string {
  return foldDiacritics(name)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * Resolves our fields against the columns present. An override naming a column that does not
 * exist is ignored here and shows up as missing in {@link findMissingFields}.
 */
export function resolveFields(
  columns: readonly string[],
  fields: readonly FieldName[],
  override: FieldMapping = {},
): ResolvedFields {
  const byNormal = new Map<string, string>();
  for (const c of columns) {
    const key = normalizeFieldName(c);
    if (!byNormal.has(key)) byNormal.set(key, c);
  }
  // Then without a bracketed unit ("Bán kính (m)" → ban_kinh), where that name is not a column of its own.
  for (const c of columns) {
    const key = normalizeFieldName(c.replace(BRACKETED_SUFFIX, ''));
    if (key !== '' && !byNormal.has(key)) byNormal.set(key, c);
  }
  const resolved: ResolvedFields = {};
  const taken = new Set<string>();
  // Overrides first, so an alias cannot steal the column the user assigned elsewhere.
  for (const field of fields) {
    const wanted = override[field];
    if (wanted === undefined) continue;
    const column = columns.includes(wanted) ? wanted : byNormal.get(normalizeFieldName(wanted));
    if (column !== undefined) {
      resolved[field] = column;
      taken.add(column);
    }
  }
  for (const field of fields) {
    if (resolved[field] !== undefined || override[field] !== undefined) continue;
    for (const alias of aliasesOf(field)) {
      const column = byNormal.get(alias);
      if (column !== undefined && !taken.has(column)) {
        resolved[field] = column;
        taken.add(column);
        break;
      }
    }
  }
  // Last, the 10-character names our own shapefiles give long fields ("azimut_deg" for azimuth_deg).
  for (const field of fields) {
    if (resolved[field] !== undefined || override[field] !== undefined) continue;
    const column = byNormal.get(shortFieldName(field));
    if (column !== undefined && !taken.has(column)) {
      resolved[field] = column;
      taken.add(column);
    }
  }
  return resolved;
}

export interface MissingFieldsReport {
  /** Required fields no column was found for. */
  missing: FieldName[];
  /** Every column that was present, for the app's mapping step. */
  found: string[];
  /** What was matched. */
  resolved: ResolvedFields;
}

/** Which of `required` cannot be mapped onto `columns`, with the columns that were found. */
export function findMissingFields(
  columns: readonly string[],
  required: readonly FieldName[],
  override: FieldMapping = {},
  optional: readonly FieldName[] = [],
): MissingFieldsReport {
  const resolved = resolveFields(columns, [...required, ...optional], override);
  return {
    missing: required.filter((f) => resolved[f] === undefined),
    found: [...columns],
    resolved,
  };
}

/**
 * Resolves the fields, throwing `missing-columns` (with `missing` and `found` in `params`) when a
 * required one has no column. `layer` names the layer in the message ("BTS", "villages", …).
 */
export function requireFields(
  layer: string,
  columns: readonly string[],
  required: readonly FieldName[],
  optional: readonly FieldName[],
  override: FieldMapping = {},
): ResolvedFields {
  const report = findMissingFields(columns, required, override, optional);
  if (report.missing.length > 0) {
    const hints = report.missing.map((f) => `${f} (e.g. ${FIELD_ALIASES[f].slice(0, 4).join(', ')})`);
    throw new InputError(
      'missing-columns',
      `The ${layer} layer has no column for ${hints.join('; ')}. Columns found: ` +
        `${report.found.length > 0 ? report.found.join(', ') : 'none'}. ` +
        'Rename the column or choose it in the field mapping.',
      { layer, missing: report.missing, found: report.found },
    );
  }
  return report.resolved;
}

/** The columns the fields were resolved to (what a reader that reads only its fields reads). */
export function mappedColumns(fields: ResolvedFields): string[] {
  const out: string[] = [];
  for (const column of Object.values(fields)) if (column !== undefined) out.push(column);
  return out;
}

/** The union of property names over features, in first-seen order. */
export function listColumns(rows: Iterable<Record<string, unknown> | null | undefined>): string[] {
  const seen = new Set<string>();
  for (const row of rows) {
    if (row) for (const k of Object.keys(row)) seen.add(k);
  }
  return [...seen];
}
