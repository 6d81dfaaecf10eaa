import { byId } from '../ui/dom.ts';
import { t } from './i18n.ts';
import type { PageState, ProvinceName } from './page-state.ts';

/** The set's name in the current language. */
export function provinceText(name: ProvinceName): string {
  return 'text' in name ? name.text : t(name.key, name.params);
}

/** The name from the villages' provinces: the one, "N provinces" (chosen on the plan board), or "your data". */
export function nameFromProvinces(state: PageState, provinces: readonly string[]): void {
  const count = provinces.length;
  showProvinceName(state, count === 1 ? { text: provinces[0] } : count === 0 ? { key: 'panel.province-unknown' } : { key: 'panel.provinces', params: { count } });
}

/** Names the set in the state and in the panel's heading. */
export function showProvinceName(state: PageState, name: ProvinceName): void {
  state.province = name;
  byId('province-name').textContent = provinceText(name);
}
