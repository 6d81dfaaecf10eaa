import './report.css';
import { ResultFileError, readResultFile, type ResultSnapshot } from '../../core/report/read-result.ts';
import { buildReportModel, type MapFigure, type ReportModel, type ReportPlan } from '../../core/report/report-model.ts';
import { renderReportHtml, renderReportParts } from '../../core/report/render-report-html.ts';
import { foldDiacritics } from '../../core/io/normalize-text.ts';
import { errorMessage } from '../../core/error-message.ts';
import { downloadFile } from '../ui/download.ts';
import { el } from '../ui/dom.ts';
import { getLang, isLang, onLangChange, setLang, t, type MessageKey } from '../shell/i18n.ts';
import { syntheticLayersOf } from './report-inputs.ts';

/**
 * The quarterly report view: a page over the app that shows the report exactly as it prints and
 * downloads (the core renders it; the app only adds a toolbar). Earlier results are loaded here
 * (our GeoJSON or CSV exports); a file that cannot be read is refused with one sentence and the
 * others stay. Printing uses the browser's "Print / Save as PDF" with the report's A4 stylesheet;
 * "Download" saves the same document as one HTML file.
 *
 * Automation: `[data-action="open-report"]` opens it; `html[data-report]` is `building`, `ready`
 * or `error`; `input[data-report-previous]` takes earlier files; `[data-report-error]` lists refusals.
 */

/** What the report is made from, asked for when the view opens. */
export interface ReportContext {
  /** This quarter's result (null: no finished analysis). */
  current(): Promise<ResultSnapshot | null>;
  /** The result with the proposed sites, and how many (null: no proposal). */
  withProposals(): Promise<{ sites: number; after: ResultSnapshot } | null>;
  /** A picture of the live map with its legend, scale and attribution (null: no map). */
  captureMap(): Promise<MapFigure | null>;
  plan(): ReportPlan | null;
  /** The plans to choose from (named in the current language) and the one chosen. */
  planChoice(): { options: { id: string; name: string }[]; chosen: string | null };
  /** Chooses the plan whose targets the report compares with (the board's choice too). */
  choosePlan(id: string): void;
  region(): string | null;
  /** URLs of the sample's synthetic files, to tell whether this result's inputs are them. */
  sampleUrls(): string[];
}

export interface ReportView {
  open(): Promise<void>;
  close(): void;
}

/** A translated sentence for a file the report could not read. */
function describeReadError(err: unknown, file: string): string {
  if (!(err instanceof ResultFileError)) return t('error.unexpected', { detail: errorMessage(err) });
  const p = err.params;
  const where = (n: unknown): string => t(p.rowKind === 'feature' ? 'report.where.feature' : 'report.where.line', { n: String(n) });
  switch (err.code) {
    case 'not-gap-list':
      return t('report.error.not-gap-list', {
        file,
        reason: t(`report.reason.${String(p.reason)}` as MessageKey, { feature: String(p.feature ?? ''), column: String(p.column ?? '') }),
      });
    case 'bad-value':
      return p.column === 'id'
        ? t('report.error.no-id', { file, where: where(p.row) })
        : t('report.error.bad-value', { file, where: where(p.row), column: String(p.column), value: String(p.value) });
    case 'duplicate-id':
      return t('report.error.duplicate-id', { file, id: String(p.id), where: where(p.row), second: where(p.second) });
    case 'bad-csv':
      return t('report.error.bad-csv', { file, line: String(p.line) });
    case 'missing-columns':
      return t('report.error.missing-columns', { file, columns: String(p.columns) });
    case 'bad-json':
      return t('report.error.bad-json', { file });
    case 'empty':
      return t('report.error.empty', { file });
  }
}

/** `vunglom-report-kon-tum-2026-q4.html` (ASCII, so every system takes it). */
function reportFileName(model: ReportModel): string {
  const slug = foldDiacritics(model.region ?? 'region').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'region';
  const when = model.quarter ? model.quarter.toLowerCase() : (model.created ?? '').slice(0, 10);
  return `vunglom-report-${slug}-${when || 'undated'}.html`;
}

/** Mounts the view (hidden) and wires `button` to open it (the page enables it with the other actions a result enables). */
export function mountReportView(button: HTMLButtonElement, context: ReportContext): ReportView {
  const root = el('div', 'report-view');
  root.id = 'report-view';
  root.hidden = true;
  root.setAttribute('role', 'dialog');
  root.setAttribute('aria-modal', 'true');
  const toolbar = el('div', 'report-toolbar');
  const title = el('h2', 'report-toolbar-title');
  const fileLabel = el('label', 'report-file');
  const fileText = el('span');
  const fileInput = el('input');
  fileInput.type = 'file';
  fileInput.multiple = true;
  fileInput.accept = '.geojson,.json,.csv,application/geo+json,text/csv';
  fileInput.dataset.reportPrevious = '';
  fileInput.className = 'report-file-input';
  fileLabel.append(fileText, fileInput);
  const planSelect = el('select');
  planSelect.dataset.reportPlan = '';
  const planLabel = el('label', 'report-choice');
  const planText = el('span');
  planLabel.append(planText, planSelect);
  const langSelect = el('select');
  langSelect.dataset.reportLang = '';
  // Each language named in itself, so it can be found whatever the language shown.
  langSelect.append(new Option('Tiếng Việt', 'vi'), new Option('English', 'en'));
  const langLabel = el('label', 'report-choice');
  const langText = el('span');
  langLabel.append(langText, langSelect);
  const clear = el('button');
  clear.type = 'button';
  clear.dataset.action = 'clear-report-previous';
  const print = el('button');
  print.type = 'button';
  print.dataset.action = 'print-report';
  const download = el('button');
  download.type = 'button';
  download.dataset.action = 'download-report';
  const close = el('button', 'report-close');
  close.type = 'button';
  close.dataset.action = 'close-report';
  const hint = el('p', 'report-hint');
  const loaded = el('p', 'report-loaded');
  const errors = el('ul', 'report-errors');
  // Not role="alert": the app counts its alerts, and an empty list is none.
  errors.setAttribute('aria-live', 'assertive');
  const status = el('p', 'report-status');
  status.setAttribute('aria-live', 'polite');
  toolbar.append(title, fileLabel, clear, planLabel, langLabel, print, download, close, hint, loaded, errors, status);
  const paper = el('div', 'report-paper');
  root.append(toolbar, paper);
  document.body.append(root);
  const style = document.createElement('style');
  style.id = 'vl-report-css';
  document.head.append(style);

  let current: ResultSnapshot | null = null;
  let proposals: { sites: number; after: ResultSnapshot } | null = null;
  let map: MapFigure | null = null;
  let synthetic: string[] = [];
  let previous: ResultSnapshot[] = [];
  let refused: { file: string; error: unknown }[] = [];
  let model: ReportModel | null = null;
  let opening = 0;
  /** The page's title, put back when the report closes (while open, the title names the report: it becomes the PDF's). */
  let appTitle = document.title;

  const setState = (state: 'building' | 'ready' | 'error' | 'closed'): void => {
    document.documentElement.dataset.report = state;
  };

  function labels(): void {
    title.textContent = t('report.heading');
    fileText.textContent = t('report.previous');
    planText.textContent = t('report.plan');
    const plans = context.planChoice();
    planSelect.replaceChildren(...plans.options.map((p) => new Option(p.name, p.id)));
    if (plans.chosen) planSelect.value = plans.chosen;
    langText.textContent = t('report.lang');
    langSelect.value = getLang();
    hint.textContent = t('report.hint');
    clear.textContent = t('report.clear');
    print.textContent = t('report.print');
    download.textContent = t('report.download');
    close.textContent = '×';
    close.title = t('report.close');
    close.setAttribute('aria-label', t('report.close'));
    loaded.textContent = previous.length > 0 ? t('report.previous-loaded', { files: previous.map((p) => p.name).join(', ') }) : t('report.previous-none');
    clear.disabled = previous.length === 0;
    errors.replaceChildren(
      ...refused.map((r) => {
        const item = el('li');
        item.dataset.reportError = r.file;
        item.textContent = describeReadError(r.error, r.file);
        return item;
      }),
    );
  }

  /** Builds the model from what is held and shows it in the current language. */
  function render(): void {
    labels();
    if (!current) return;
    model = buildReportModel({ current, previous, region: context.region(), plan: context.plan(), proposals, map, syntheticLayers: synthetic });
    const parts = renderReportParts(model, getLang());
    style.textContent = parts.css;
    if (!root.hidden) document.title = parts.title;
    // The renderer escapes every value taken from the data; its output has no script.
    paper.innerHTML = parts.body;
    print.disabled = false;
    download.disabled = false;
  }

  async function open(): Promise<void> {
    const mine = ++opening;
    if (root.hidden) appTitle = document.title;
    root.hidden = false;
    document.body.classList.add('report-open');
    setState('building');
    status.textContent = t('report.building');
    print.disabled = true;
    download.disabled = true;
    paper.replaceChildren();
    labels();
    try {
      const snapshot = await context.current();
      if (mine !== opening) return;
      if (!snapshot) throw new Error(t('report.pending'));
      const [withProposals, figure, roles] = await Promise.all([context.withProposals(), context.captureMap(), syntheticLayersOf(snapshot.inputs, context.sampleUrls())]);
      if (mine !== opening) return;
      current = snapshot;
      proposals = withProposals;
      map = figure;
      synthetic = roles;
      render();
      status.textContent = '';
      setState('ready');
    } catch (err) {
      if (mine !== opening) return;
      status.textContent = t('error.unexpected', { detail: errorMessage(err) });
      setState('error');
    }
  }

  function closeView(): void {
    opening++;
    root.hidden = true;
    document.body.classList.remove('report-open');
    document.title = appTitle;
    setState('closed');
  }

  fileInput.addEventListener('change', () => {
    const files = [...(fileInput.files ?? [])];
    fileInput.value = '';
    void (async () => {
      for (const file of files) {
        refused = refused.filter((r) => r.file !== file.name);
        try {
          const snapshot = readResultFile(new Uint8Array(await file.arrayBuffer()), file.name, { fallbackCreated: new Date(file.lastModified).toISOString() });
          previous = [...previous.filter((p) => p.name !== file.name), snapshot];
        } catch (err) {
          refused.push({ file: file.name, error: err });
        }
      }
      render();
    })();
  });
  planSelect.addEventListener('change', () => {
    context.choosePlan(planSelect.value);
    render();
  });
  langSelect.addEventListener('change', () => {
    // The app's language: the report, its toolbar and the page behind it follow (onLangChange).
    if (isLang(langSelect.value)) setLang(langSelect.value);
  });
  clear.addEventListener('click', () => {
    previous = [];
    refused = [];
    render();
  });
  print.addEventListener('click', () => window.print());
  download.addEventListener('click', () => {
    if (model) downloadFile(renderReportHtml(model, getLang()), reportFileName(model), 'text/html;charset=utf-8');
  });
  close.addEventListener('click', closeView);
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closeView();
  });
  button.addEventListener('click', () => void open());
  onLangChange(() => {
    if (!root.hidden) render();
    else labels();
  });
  labels();
  return {
    open,
    close: closeView,
  };
}
