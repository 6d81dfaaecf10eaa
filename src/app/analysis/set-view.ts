import type { ExportCrs, GapFile } from '../../core/output/gap-file.ts';
import type { GapFormat } from '../../core/output/gap-formats.ts';
import type { LayerSlot } from '../../../workers/protocol.ts';
import type { ExportableResult } from './export-gaps.ts';
import type { AnalysisRun } from './run-coverage.ts';

/**
 * How the page shows an analysed set. Two implementations, chosen once the villages are counted:
 * a province (province-view.ts: the page holds every layer and draws it whole) and a country
 * (country-view.ts: the coverage worker keeps the layers and the gap list, the page draws dots and
 * the viewport from it). Nothing else in the app asks which one it is.
 */
export interface SetView {
  /** Whether the coverage worker keeps the rows, geometries and sites (its analysis returns only the KPIs). */
  readonly lean: boolean;
  /** Whether a layer the coverage worker could not read needs a notice of its own (else the page's own reading already said why). */
  reportsOpenError(slot: LayerSlot): boolean;
  /** Draws a finished analysis (map, board, views); false when `isCurrent` says a newer run superseded it. */
  showResult(result: AnalysisRun, isCurrent: () => boolean): Promise<boolean>;
  /** Forgets the last result (the data it came from is gone): no file until the next analysis. */
  forgetResult(): void;
  /** The gap list file of the last result shown, as the CLI writes it (null before one was shown). */
  gapFile(format: GapFormat, options: { gapsOnly: boolean; crs: ExportCrs }): Promise<GapFile | null>;
  /** The last result shown, without any proposal (for a country: its rows, without geometries); null before one was shown. */
  lastResult(): ExportableResult | null;
  /** The last result with the proposed sites in it (null: no result, or no proposal). */
  withProposals(): Promise<ExportableResult | null>;
}
