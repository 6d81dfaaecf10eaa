import type { Tech } from '../../core/model.ts';
import { formatDistance } from '../planner/gap-list.ts';
import { formatNumber, t } from '../shell/i18n.ts';
import { formatSectors, parseSectors, type ProposalEntry } from './proposals.ts';
import { el, field } from '../ui/dom.ts';
import { errorMessage } from '../../core/error-message.ts';
import { parseTech } from '../../core/io/parse-tech.ts';

/**
 * The proposal's panel: place-site mode, undo/redo, clear, load a GeoJSON file; the list of proposed
 * sites; and a small form for the selected one (operators, technology, radius, sectors). Every
 * edit goes to the workflow as a whole new entry (one undo step).
 */

export interface ProposalsPanelState {
  entries: readonly ProposalEntry[];
  selected: string | null;
  placing: boolean;
  canUndo: boolean;
  canRedo: boolean;
  busy: boolean;
  operators: readonly string[];
  techs: readonly Tech[];
  /** Radius per technology of the assumptions (a site without its own radius gets it). */
  radiusM: Readonly<Record<Tech, number>>;
  /** Last incremental update: worker time, time to the recoloured map, villages recomputed. */
  timing: { workerMs: number; roundTripMs: number; applyMs: number; totalMs: number; recomputed: number } | null;
  message: string | null;
}

export interface ProposalsPanelActions {
  togglePlace(): void;
  undo(): void;
  redo(): void;
  clear(): void;
  load(file: File): void;
  select(key: string | null): void;
  edit(entry: ProposalEntry): void;
  remove(key: string): void;
}

export interface ProposalsPanel {
  render(state: ProposalsPanelState): void;
}

function button(action: string, className = 'small-button'): HTMLButtonElement {
  const b = el('button', className);
  b.type = 'button';
  b.dataset.action = action;
  return b;
}

/** Builds the panel in `container`. */
export function renderProposalsPanel(container: HTMLElement, on: ProposalsPanelActions): ProposalsPanel {
  const bar = el('div', 'proposal-bar');
  const place = button('place-site');
  const undo = button('undo-proposal');
  const redo = button('redo-proposal');
  const clear = button('clear-proposals');
  const loadLabel = el('label', 'small-button file-button');
  const loadText = el('span');
  const file = el('input');
  file.type = 'file';
  file.accept = '.geojson,.json,application/geo+json,application/json';
  file.dataset.action = 'load-proposals';
  loadLabel.append(loadText, file);
  bar.append(place, undo, redo, clear, loadLabel);
  const status = el('p', 'hint proposal-status');
  status.setAttribute('aria-live', 'polite');
  const timing = el('p', 'hint proposal-timing');
  const list = el('ol', 'proposal-list');
  const form = el('form', 'proposal-form');
  container.replaceChildren(bar, status, timing, list, form);

  place.addEventListener('click', () => on.togglePlace());
  undo.addEventListener('click', () => on.undo());
  redo.addEventListener('click', () => on.redo());
  clear.addEventListener('click', () => on.clear());
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (f) on.load(f);
    file.value = '';
  });
  form.addEventListener('submit', (event) => event.preventDefault());

  function describe(e: ProposalEntry): string {
    const kind = t(e.kind === 'share' ? 'prop.kind.share' : 'prop.kind.new');
    const hosts = e.kind === 'share' && e.hostOperators.length > 0 ? ` (${e.hostOperators.join(', ')})` : '';
    return `${kind} ${e.siteId}${hosts} — ${e.operators.join(', ')} · ${e.tech}`;
  }

  function drawForm(state: ProposalsPanelState): void {
    const entry = state.entries.find((e) => e.key === state.selected) ?? null;
    form.hidden = entry === null;
    form.replaceChildren();
    if (!entry) return;
    form.dataset.key = entry.key;
    const title = el('h4', undefined, t('prop.form.title', { site: entry.siteId }));
    const position = el('p', 'hint', t('prop.form.position', { lon: entry.lon.toFixed(5), lat: entry.lat.toFixed(5) }));
    const ops = el('fieldset', 'proposal-operators');
    ops.append(el('legend', undefined, t('prop.form.operators')));
    const known = [...new Set([...state.operators, ...entry.operators])];
    for (const op of known) {
      const label = el('label', 'toggle');
      const box = el('input');
      box.type = 'checkbox';
      box.value = op;
      box.checked = entry.operators.includes(op);
      box.dataset.proposalOperator = op;
      box.addEventListener('change', () => {
        const operators = known.filter((o) => (o === op ? box.checked : entry.operators.includes(o)));
        if (operators.length === 0) {
          box.checked = true;
          box.setCustomValidity(t('prop.form.operators-none'));
          box.reportValidity();
          return;
        }
        on.edit({ ...entry, operators });
      });
      label.append(box, el('span', undefined, op));
      ops.append(label);
    }
    const tech = el('select');
    tech.dataset.proposalField = 'tech';
    for (const x of state.techs) tech.append(new Option(x, x));
    if (!state.techs.includes(entry.tech)) tech.append(new Option(entry.tech, entry.tech));
    tech.value = entry.tech;
    tech.addEventListener('change', () => on.edit({ ...entry, tech: parseTech(tech.value) ?? entry.tech }));
    const { label: techLabel } = field(tech, t('prop.form.tech'));
    const radius = el('input');
    radius.type = 'number';
    radius.min = '1';
    radius.step = 'any';
    radius.dataset.proposalField = 'radius';
    radius.value = entry.radiusM === null ? '' : String(entry.radiusM);
    radius.placeholder = t('prop.form.radius-default', { radius: formatNumber(state.radiusM[entry.tech] ?? 0) });
    radius.addEventListener('change', () => {
      const raw = radius.value.trim();
      const n = raw === '' ? null : Number(raw);
      if (n !== null && !(n > 0)) {
        radius.setCustomValidity(t('prop.form.radius-bad'));
        radius.reportValidity();
        return;
      }
      radius.setCustomValidity('');
      on.edit({ ...entry, radiusM: n });
    });
    const { label: radiusLabel } = field(radius, t('prop.form.radius'));
    const sectors = el('input');
    sectors.type = 'text';
    sectors.dataset.proposalField = 'sectors';
    sectors.value = formatSectors(entry.sectors);
    sectors.placeholder = '0/120, 120/120, 240/120';
    sectors.title = t('prop.form.sectors-hint');
    sectors.addEventListener('change', () => {
      try {
        const parsed = parseSectors(sectors.value);
        sectors.setCustomValidity('');
        on.edit({ ...entry, sectors: parsed });
      } catch (error) {
        sectors.setCustomValidity(t('prop.form.sectors-bad', { detail: errorMessage(error) }));
        sectors.reportValidity();
      }
    });
    const { label: sectorLabel } = field(sectors, t('prop.form.sectors'));
    const sectorHint = el('p', 'hint', t('prop.form.sectors-hint'));
    const actions = el('div', 'proposal-form-actions');
    const remove = button('delete-proposal');
    remove.textContent = t('prop.form.delete');
    remove.addEventListener('click', () => on.remove(entry.key));
    const close = button('close-proposal-form');
    close.textContent = t('prop.form.close');
    close.addEventListener('click', () => on.select(null));
    actions.append(remove, close);
    form.append(title, position, ops, techLabel, radiusLabel, sectorLabel, sectorHint, actions);
  }

  function render(state: ProposalsPanelState): void {
    place.textContent = t(state.placing ? 'prop.placing-stop' : 'prop.place');
    place.setAttribute('aria-pressed', String(state.placing));
    place.classList.toggle('active', state.placing);
    undo.textContent = t('prop.undo');
    undo.disabled = !state.canUndo;
    redo.textContent = t('prop.redo');
    redo.disabled = !state.canRedo;
    clear.textContent = t('prop.clear');
    clear.disabled = state.entries.length === 0;
    loadText.textContent = t('prop.load');
    const share = state.entries.filter((e) => e.kind === 'share').length;
    const lines: string[] = [];
    if (state.placing) lines.push(t('prop.placing'));
    if (state.message) lines.push(state.message);
    lines.push(
      state.entries.length === 0
        ? t('prop.empty')
        : t('prop.count', { count: formatNumber(state.entries.length), share: formatNumber(share), new: formatNumber(state.entries.length - share) }),
    );
    status.textContent = lines.join(' ');
    status.dataset.count = String(state.entries.length);
    container.setAttribute('aria-busy', String(state.busy));
    container.dataset.busy = String(state.busy);
    if (state.timing) {
      timing.hidden = false;
      timing.textContent = t('prop.updated', {
        ms: formatNumber(Math.round(state.timing.totalMs)),
        worker: formatNumber(Math.round(state.timing.workerMs)),
        villages: formatNumber(state.timing.recomputed),
      });
      timing.dataset.totalMs = String(state.timing.totalMs);
      timing.dataset.workerMs = String(state.timing.workerMs);
      timing.dataset.roundTripMs = String(state.timing.roundTripMs);
      timing.dataset.applyMs = String(state.timing.applyMs);
    } else timing.hidden = true;
    list.replaceChildren(
      ...state.entries.map((e) => {
        const item = el('li', 'proposal-item');
        item.dataset.key = e.key;
        item.dataset.kind = e.kind;
        item.tabIndex = 0;
        item.classList.toggle('selected', e.key === state.selected);
        const radius = e.radiusM ?? state.radiusM[e.tech] ?? null;
        item.textContent = `${describe(e)} · ${formatDistance(radius)}${e.sectors.length > 0 ? ` · ${formatSectors(e.sectors)}` : ''}`;
        const choose = (): void => on.select(e.key === state.selected ? null : e.key);
        item.addEventListener('click', choose);
        item.addEventListener('keydown', (event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            choose();
          }
        });
        return item;
      }),
    );
    drawForm(state);
  }

  return { render };
}
