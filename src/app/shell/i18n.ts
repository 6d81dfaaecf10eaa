/**
 * Every label and message of the app, in Vietnamese (the default) and English: one `t()` over the
 * messages each group keeps beside its code (`src/app/<group>/i18n-<group>.ts`; the file formats'
 * in `own-data/i18n-formats.ts`, the input layers' in `shell/i18n-layers.ts`, terrain's in
 * `planner/i18n-terrain.ts`). Vietnamese names
 * keep their diacritics. `{name}` placeholders are filled by `t(key, params)`.
 */

import { ANALYSIS_EN, ANALYSIS_VI } from '../analysis/i18n-analysis.ts';
import { OPERATOR_EN, OPERATOR_VI } from '../operator/i18n-operator.ts';
import { FORMATS_EN, FORMATS_VI } from '../own-data/i18n-formats.ts';
import { OWN_DATA_EN, OWN_DATA_VI } from '../own-data/i18n-own-data.ts';
import { PLANNER_EN, PLANNER_VI } from '../planner/i18n-planner.ts';
import { REPORT_EN, REPORT_VI } from '../report/i18n-report.ts';
import { TERRAIN_EN, TERRAIN_VI } from '../planner/i18n-terrain.ts';
import { LAYERS_EN, LAYERS_VI } from './i18n-layers.ts';
import { SHELL_EN, SHELL_VI } from './i18n-shell.ts';

export type Lang = 'vi' | 'en';
export const DEFAULT_LANG: Lang = 'vi';

const vi = { ...LAYERS_VI, ...SHELL_VI, ...ANALYSIS_VI, ...PLANNER_VI, ...OPERATOR_VI, ...OWN_DATA_VI, ...FORMATS_VI, ...REPORT_VI, ...TERRAIN_VI };

/** Keys of every translatable string. */
export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = { ...LAYERS_EN, ...SHELL_EN, ...ANALYSIS_EN, ...PLANNER_EN, ...OPERATOR_EN, ...OWN_DATA_EN, ...FORMATS_EN, ...REPORT_EN, ...TERRAIN_EN };

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { vi, en };

const STORAGE_KEY = 'vunglom.lang';
let current: Lang = DEFAULT_LANG;
const listeners = new Set<(lang: Lang) => void>();

/** True when `value` names a supported language. */
export function isLang(value: unknown): value is Lang {
  return value === 'vi' || value === 'en';
}

/**
 * Picks the starting language: `?lang=` in the URL wins (and is remembered), then the stored
 * choice, then Vietnamese.
 */
export function initLang(search: string = location.search): Lang {
  const fromUrl = new URLSearchParams(search).get('lang');
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    stored = null;
  }
  const lang = isLang(fromUrl) ? fromUrl : isLang(stored) ? stored : DEFAULT_LANG;
  setLang(lang);
  return lang;
}

/** The language in use. */
export function getLang(): Lang {
  return current;
}

/** Switches language, remembers it, updates `<html lang>` and tells every listener. */
export function setLang(lang: Lang): void {
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Storage can be disabled (private mode, policy): the choice then lasts for this page only.
  }
  document.documentElement.lang = lang;
  for (const listener of listeners) listener(lang);
}

/** Calls `listener` after every language switch; returns a function that unsubscribes. */
export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The message for `key` in the current language, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = DICTIONARIES[current][key];
  return template.replace(/\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g, (whole, name: string, one?: string, other?: string) => {
    if (!(name in params)) return whole;
    // "{count|site|sites}": English's singular for one, its plural else (Vietnamese has no plural).
    if (one !== undefined && other !== undefined) return isOne(params[name]) ? one : other;
    return String(params[name]);
  });
}

/** Whether a count (a number, or as formatted: "1") is one. */
function isOne(value: string | number): boolean {
  return typeof value === 'number' ? value === 1 : value.trim() === '1';
}

/** Formats a number for the current language (Vietnamese uses "." for thousands). */
export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(current === 'vi' ? 'vi-VN' : 'en-GB', options).format(value);
}

/**
 * Fills every element under `root` that names a message: `data-i18n` sets the text,
 * `data-i18n-title` the tooltip, `data-i18n-aria` the accessible label.
 */
export function applyTranslations(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n as MessageKey, readParams(el));
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-title]')) {
    el.title = t(el.dataset.i18nTitle as MessageKey, readParams(el));
  }
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-aria]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nAria as MessageKey, readParams(el)));
  }
}

function readParams(el: HTMLElement): Record<string, string> {
  const raw = el.dataset.i18nParams;
  if (!raw) return {};
  const parsed: unknown = JSON.parse(raw);
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
}
