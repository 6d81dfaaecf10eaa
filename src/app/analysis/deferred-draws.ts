import type { FeatureCollection } from 'geojson';
import type { DataSource } from '../../map/style.ts';
import type { MapView } from '../../map/map-view.ts';
import { nextTask } from '../ui/tasks.ts';

/**
 * Map data held back until the first analysis has finished. Handing the map a layer starts work on
 * every core (tiling in its workers, buckets and frames on the page), and on a two-core laptop that
 * work would share the cores with the coverage worker, and the page's thread with frames of 50 ms
 * and more, exactly while the planner waits for the gaps. The outlines, the context communes and
 * the input layers all wait (a province's analysis takes a fifth of a second once read).
 * Held layers are drawn one per task once the analysis is done (or has failed); after that, layers
 * are drawn at once.
 */
export class DeferredDraws {
  private readonly pending = new Map<Exclude<DataSource, 'bts-footprints' | 'proposed-footprints'>, FeatureCollection>();
  private released = false;

  constructor(private readonly view: MapView) {}

  set(source: Exclude<DataSource, 'bts-footprints' | 'proposed-footprints'>, data: FeatureCollection): void {
    if (this.released) this.view.setData(source, data);
    else this.pending.set(source, data);
  }

  /** Draws what was held, one layer per task; the sources in `skip` are dropped (the caller draws them itself). */
  async release(skip: readonly DataSource[] = []): Promise<void> {
    if (this.released) return;
    this.released = true;
    const held = [...this.pending];
    this.pending.clear();
    for (const [source, data] of held) {
      if (skip.includes(source)) continue;
      this.view.setData(source, data);
      await nextTask();
    }
  }
}
