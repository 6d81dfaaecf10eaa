/**
 * User settings kept in localStorage between visits. Reads never throw: storage may be disabled
 * by policy or private browsing, and then the defaults apply.
 */

export interface Settings {
  /** Show OpenStreetMap raster tiles under the data (needs internet; off by default). */
  onlineBasemap: boolean;
}

const STORAGE_KEY = 'vunglom.settings';
const DEFAULTS: Settings = { onlineBasemap: false };

/** The stored settings merged over the defaults. */
export function loadSettings(): Settings {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return { ...DEFAULTS };
    const parsed: unknown = JSON.parse(raw);
    const stored = typeof parsed === 'object' && parsed !== null ? (parsed as Partial<Settings>) : {};
    return { onlineBasemap: stored.onlineBasemap === true };
  } catch {
    return { ...DEFAULTS };
  }
}

/** Stores `settings`; a storage failure only means the choice is not remembered. */
export function saveSettings(settings: Settings): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // Not remembered across visits, still applied to this page.
  }
}
