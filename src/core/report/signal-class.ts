/**
 * The Vietnamese reporting classes of mobile coverage (provincial quarterly reports count them
 * separately, e.g. Tuyên Quang, January 2026: 91 of 3,802 villages "trắng sóng", 182 "lõm sóng"):
 * - `trang-song` ("trắng sóng", no signal): the village centre is outside every broadband footprint;
 * - `lom-song` ("lõm sóng", a dip): the centre is covered, but the village is not covered under the
 *   analysis's "covered" rule (its populated parts or area are not);
 * - `phu-song` ("phủ sóng", covered): otherwise.
 */
export type SignalClass = 'trang-song' | 'lom-song' | 'phu-song';

export const SIGNAL_CLASSES: readonly SignalClass[] = ['trang-song', 'lom-song', 'phu-song'];

/** What the class is decided from: the gap list's mobile columns (null: not measured). */
export interface SignalInput {
  status: 'ok' | 'invalid';
  mobile_centre_covered: boolean | null;
  mobile_covered: boolean | null;
}

/**
 * The reporting class of one village, or null when it cannot be told: an invalid polygon (nothing
 * was measured) or a mobile measure that is unknown (no BTS layer). The centre decides first, as
 * the issue defines it: a village whose centre is dark is "trắng sóng" even when the rule counts it
 * covered by area or population.
 */
export function signalClass(row: SignalInput): SignalClass | null {
  if (row.status !== 'ok' || row.mobile_centre_covered === null || row.mobile_covered === null) return null;
  if (!row.mobile_centre_covered) return 'trang-song';
  return row.mobile_covered ? 'phu-song' : 'lom-song';
}
