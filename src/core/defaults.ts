import type { Tech } from './model.ts';

/**
 * Documented defaults for the analysis. Every one is editable in the app's assumptions panel and
 * through `--config` on the command line; README "Assumptions" explains each choice.
 */

/** Coverage radius per technology when a site gives no `radius_m` (rural macro cells, metres). */
export const DEFAULT_RADIUS_M: Record<Tech, number> = {
  '2G': 6000,
  '3G': 4000,
  '4G': 3500,
  '5G': 1000,
};

/** Technologies that count as mobile broadband (the plans' "mobile broadband": 4G or 5G; 3G where the user says so). */
export const DEFAULT_BROADBAND_TECHS: readonly Tech[] = ['4G', '5G'];

/** Drop-cable reach from a fibre route or access point (metres). */
export const DEFAULT_FTTH_REACH_M = 1000;

/** Share of a village's settlement weight within reach for it to count as having FTTH. */
export const DEFAULT_FTTH_THRESHOLD = 0.5;

/** The measure that decides "covered by mobile broadband", and its threshold. */
export type CoverageMeasure = 'area' | 'population' | 'centre';
export const DEFAULT_COVERAGE_MEASURE: CoverageMeasure = 'population';
export const DEFAULT_COVERAGE_THRESHOLD = 0.9;

/** Records of different operators closer than this are one physical site (metres). */
export const DEFAULT_SITE_MERGE_M = 30;

/**
 * Persons per household where a village gives its population but not its households: Vietnam's
 * 2019 census counted 3.5 persons per household on average (rural areas and the Central Highlands
 * a little more). Editable: another country or province types its own.
 */
export const DEFAULT_PERSONS_PER_HOUSEHOLD = 3.5;

/**
 * Vietnam's mobile operators (those of the Kon Tum sample), their MCC-MNC (MCC 452), and the other
 * names site lists give them: VinaPhone's masts are listed under its group, VNPT; MobiFone was VMS.
 */
export const VN_OPERATORS: readonly { name: string; mccMnc: string; aliases: readonly string[] }[] = [
  { name: 'Viettel', mccMnc: '452-04', aliases: ['Viettel Telecom', 'Tập đoàn Viettel'] },
  { name: 'VinaPhone', mccMnc: '452-02', aliases: ['VNPT', 'VNPT-VinaPhone', 'VNPT VinaPhone'] },
  { name: 'MobiFone', mccMnc: '452-01', aliases: ['VMS', 'VMS-MobiFone', 'Tổng công ty Viễn thông MobiFone'] },
  { name: 'Vietnamobile', mccMnc: '452-05', aliases: [] },
];
