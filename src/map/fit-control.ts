import type { IControl } from 'maplibre-gl';

/**
 * A map button that frames the data again (after panning away or zooming into a village), drawn in
 * MapLibre's control style under the zoom buttons. Its words come from the app (`label`), in the
 * language shown.
 */
export class FitControl implements IControl {
  private container: HTMLDivElement | null = null;
  private button: HTMLButtonElement | null = null;

  constructor(private readonly options: { onFit: () => void; label: () => string }) {}

  onAdd(): HTMLElement {
    const container = document.createElement('div');
    container.className = 'maplibregl-ctrl maplibregl-ctrl-group';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'vunglom-fit-data';
    button.dataset.action = 'fit-data';
    // Four corners pointing outwards: "show everything".
    button.innerHTML =
      '<svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true"><path d="M3 8V3h5M12 3h5v5M17 12v5h-5M8 17H3v-5" fill="none" stroke="#333" stroke-width="2"/></svg>';
    button.addEventListener('click', () => this.options.onFit());
    container.append(button);
    this.container = container;
    this.button = button;
    this.refresh();
    return container;
  }

  onRemove(): void {
    this.container?.remove();
    this.container = null;
    this.button = null;
  }

  /** Re-reads the button's words (after a language switch). */
  refresh(): void {
    if (!this.button) return;
    const label = this.options.label();
    this.button.title = label;
    this.button.setAttribute('aria-label', label);
  }
}
