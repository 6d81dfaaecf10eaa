import type { WholeFileReason } from '../../core/io/range-source.ts';
import type { LayerKind } from '../../core/io/read-layer.ts';
import type { LayerSlot, OpenedLayer } from '../../../workers/protocol.ts';
import { fileNameOf } from '../own-data/load-layer.ts';
import { showIssues } from '../own-data/own-data-panel.ts';
import { t } from '../shell/i18n.ts';
import { showNotice } from '../shell/notices.ts';

/**
 * What reading the layers by URL has to tell the user: that a server could not answer range
 * requests (once, whichever file showed it first), and for a user's layer the rows skipped or
 * changed, in the same expandable notice as for a picked file.
 */

let toldWholeFile = false;

/** Says once that `url`'s server could not answer range requests, so the file was read whole. */
export function sayWholeFile(url: string, reason: WholeFileReason): void {
  if (toldWholeFile) return;
  toldWholeFile = true;
  showNotice('whole-file', () => t('notice.whole-file', { file: fileNameOf(url), reason: t(`range.${reason}`) }), { kind: 'info' });
}

const SLOT_KINDS: Record<LayerSlot, LayerKind> = { villages: 'villages', bts: 'bts', fibreRoutes: 'fibre', fibrePoints: 'fibre', settlements: 'settlements' };

/**
 * The notices of the layers the coverage worker read: a whole-file read, and for the user's own
 * layers (`userUrls`: the URL given for each slot) the rows skipped or changed.
 */
export function reportReads(opened: Record<LayerSlot, OpenedLayer | null>, urls: Record<LayerSlot, string | null>, userUrls: Record<LayerSlot, string | null>): void {
  for (const slot of Object.keys(opened) as LayerSlot[]) {
    const o = opened[slot];
    const url = urls[slot];
    if (!o || !url) continue;
    if (o.wholeFile) sayWholeFile(url, o.wholeFile);
    const user = userUrls[slot];
    if ('error' in o || !user || o.issueCount === 0) continue;
    showIssues({
      kind: SLOT_KINDS[slot],
      name: fileNameOf(user),
      count: o.count,
      repaired: o.repaired ?? 0,
      invalid: o.invalid ?? 0,
      issues: o.issues,
      issueCount: o.issueCount,
    });
  }
}
