import type { Gap } from '../../core/classify.ts';
import type { SignalClass } from '../../core/report/signal-class.ts';
import { VILLAGE_OUTLINE, gapSwatch } from '../../map/palette.ts';
import { GAP_CLASSES } from './gap-list-filter.ts';
import { formatNumber, t } from '../shell/i18n.ts';

/**
 * The gap map's legend: one row per gap class with its colour, its count of villages
 * (`data-gap-count="…"`, raw `data-value`) and a checkbox (`data-gap-toggle="…"`) that filters
 * the village layer.
 */

export interface GapLegend {
  /**
   * Shows the counts (null: not computed yet). Without a fibre layer (`ftthKnown` false) the FTTH
   * classes are unknown, not empty: "—", and the first class is read as mobile broadband alone.
   */
  setCounts(counts: Record<Gap, number> | null, options?: { ftthKnown: boolean }): void;
  /** Shows the villages trắng sóng and lõm sóng (`data-signal-count="…"`, raw `data-value`); null: not computed. */
  setSignalCounts(counts: Record<SignalClass, number> | null): void;
  /** Re-renders localised text (after a language switch). */
  refresh(): void;
}

/** Builds the legend in `container`; `onToggle` gets the classes left visible. */
export function renderGapLegend(container: HTMLElement, onToggle: (visible: ReadonlySet<Gap>) => void): GapLegend {
  const visible = new Set<Gap>(GAP_CLASSES);
  let counts: Record<Gap, number> | null = null;
  let ftthKnown = true;
  const list = document.createElement('ul');
  list.className = 'gap-legend';
  const countEls = new Map<Gap, HTMLElement>();
  const labelEls = new Map<Gap, HTMLElement>();
  for (const gap of GAP_CLASSES) {
    const item = document.createElement('li');
    const label = document.createElement('label');
    label.className = 'gap-legend-row';
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.checked = true;
    input.dataset.gapToggle = gap;
    input.addEventListener('change', () => {
      if (input.checked) visible.add(gap);
      else visible.delete(gap);
      onToggle(new Set(visible));
    });
    const mark = document.createElement('span');
    mark.className = 'swatch swatch-solid';
    mark.style.setProperty('--swatch', gapSwatch(gap));
    mark.style.setProperty('--swatch-outline', VILLAGE_OUTLINE);
    const text = document.createElement('span');
    text.className = 'gap-legend-label';
    const count = document.createElement('span');
    count.className = 'gap-legend-count';
    count.dataset.gapCount = gap;
    label.append(input, mark, text, count);
    item.append(label);
    list.append(item);
    countEls.set(gap, count);
    labelEls.set(gap, text);
  }
  const hint = document.createElement('p');
  hint.className = 'hint';
  // The provincial reports' two kinds of mobile gap, counted beside the map's classes.
  const signalHeading = document.createElement('h4');
  signalHeading.className = 'subheading';
  const signalList = document.createElement('ul');
  signalList.className = 'signal-legend';
  const signalEls = new Map<'trang-song' | 'lom-song', { label: HTMLElement; count: HTMLElement; item: HTMLElement }>();
  for (const cls of ['trang-song', 'lom-song'] as const) {
    const item = document.createElement('li');
    const label = document.createElement('span');
    const count = document.createElement('span');
    count.className = 'gap-legend-count';
    count.dataset.signalCount = cls;
    item.append(label, ' ', count);
    signalList.append(item);
    signalEls.set(cls, { label, count, item });
  }
  let signalCounts: Record<SignalClass, number> | null = null;
  container.replaceChildren(list, hint, signalHeading, signalList);

  const refresh = (): void => {
    hint.textContent = ftthKnown ? t('gapmap.hint') : `${t('gapmap.no-fibre')} ${t('gapmap.hint')}`;
    for (const gap of GAP_CLASSES) {
      (labelEls.get(gap) as HTMLElement).textContent = t(`gap.${gap}`);
      const el = countEls.get(gap) as HTMLElement;
      if (counts && !ftthKnown && (gap === 'ftth' || gap === 'both')) {
        el.textContent = '—';
        delete el.dataset.value;
        el.title = t('kpi.no-fibre-hint');
      } else if (counts) {
        el.textContent = formatNumber(counts[gap]);
        el.dataset.value = String(counts[gap]);
        el.title = t('gapmap.count', { count: formatNumber(counts[gap]) });
      } else {
        el.textContent = '—';
        delete el.dataset.value;
        el.title = t('plan.pending');
      }
    }
    signalHeading.textContent = t('gapmap.signal-heading');
    for (const [cls, el] of signalEls) {
      el.label.textContent = t(`signal.${cls}`);
      el.item.title = t(`signal.${cls}-hint`);
      if (signalCounts) {
        el.count.textContent = formatNumber(signalCounts[cls]);
        el.count.dataset.value = String(signalCounts[cls]);
      } else {
        el.count.textContent = '—';
        delete el.count.dataset.value;
      }
    }
  };
  refresh();
  return {
    setCounts(next, options) {
      counts = next;
      ftthKnown = options?.ftthKnown ?? true;
      refresh();
    },
    setSignalCounts(next) {
      signalCounts = next;
      refresh();
    },
    refresh,
  };
}
