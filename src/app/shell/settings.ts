/**
 * User settings kept in localStorage between visits. Reads never throw: storage may be disabled
 * by policy or private browsing, and then the defaults apply.
 */

export interface Settings {
  /** Show OpenStreetMap raster tiles under the data (needs internet; off by default). */
  onlineBasemap: boolean;
  /**
   * The assumptions the user changed (what differs from the defaults, as `resolveParams` takes
   * it); null when none. Kept raw: it is validated when used, so a stale or edited value cannot
   * break the page.
   */
  params: Record<string, unknown> | null;
}

const STORAGE_KEY = 'vunglom.settings';
const DEFAULTS: Settings = { onlineBasemap: false, params: null };

/** The stored settings merged over the defaults. */
export function loadSettings(): Settings {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return { ...DEFAULTS };
    const parsed: unknown = JSON.parse(raw);
    const stored = typeof parsed === 'object' && parsed !== null ? (parsed as Partial<Settings>) : {};
    const params = typeof stored.params === 'object' && stored.params !== null && !Array.isArray(stored.params) ? stored.params : null;
    return { onlineBasemap: stored.onlineBasemap === true, params };
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

/** Remembers the changed assumptions (null or `{}` forgets them), keeping the other settings. */
export function saveParams(params: Record<string, unknown> | null): void {
  const keep = params !== null && Object.keys(params).length > 0 ? params : null;
  saveSettings({ ...loadSettings(), params: keep });
}
