import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * A picture of the live map for the printed report: the map framed on a bbox, drawn, and read from
 * its canvas in the same frame (render-then-capture: without `preserveDrawingBuffer`, WebGL clears
 * the buffer once the frame is shown, so the read happens in the `render` event), then the camera
 * is put back. With the scale at the picture's centre and the map's attribution as text.
 */

/** What a capture gives the report. */
export interface MapCapture {
  /** PNG data URL. */
  image: string;
  /** Size of the picture in pixels (device pixels of the canvas). */
  width: number;
  height: number;
  /** Ground metres per picture pixel at the picture's centre. */
  metresPerPixel: number;
  /** The attributions of the map's sources, as plain text. */
  attribution: string;
}

/** Web Mercator: metres per CSS pixel at zoom 0 on the equator, for 512-pixel tiles. */
const EQUATOR_M_PER_PX_Z0 = 40_075_016.686 / 512;

function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&copy;/g, '©')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    // Last, so an escaped entity ("&amp;lt;") stays the text "&lt;" instead of being decoded twice.
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The attribution strings of the style's sources and of the map's own control, deduplicated. */
function attributionOf(map: MapLibreMap, extra: readonly string[]): string {
  const parts: string[] = [];
  for (const source of Object.values(map.getStyle().sources)) {
    const a = (source as { attribution?: unknown }).attribution;
    if (typeof a === 'string') parts.push(plainText(a));
  }
  for (const a of extra) parts.push(plainText(a));
  return [...new Set(parts.filter((p) => p !== ''))].join(' · ');
}

const idle = (map: MapLibreMap): Promise<void> =>
  new Promise((resolve) => {
    map.once('idle', () => resolve());
    map.triggerRepaint();
  });

/**
 * Frame `bbox` (when given), wait until every tile and source is drawn, read the canvas in the
 * next frame, and restore the camera. `attribution` adds lines the map shows in its corner
 * (the data sources), as HTML or text.
 */
export async function captureMap(map: MapLibreMap, options: { bbox?: [number, number, number, number] | null; attribution?: readonly string[] } = {}): Promise<MapCapture> {
  const camera = { center: map.getCenter(), zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
  try {
    if (options.bbox) map.fitBounds(options.bbox, { padding: 24, animate: false });
    await idle(map);
    const image = await new Promise<string>((resolve, reject) => {
      map.once('render', () => {
        try {
          resolve(map.getCanvas().toDataURL('image/png'));
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
      map.triggerRepaint();
    });
    const canvas = map.getCanvas();
    const lat = map.getCenter().lat;
    const cssWidth = canvas.clientWidth || canvas.width;
    const ratio = canvas.width / cssWidth;
    const metresPerCssPx = (EQUATOR_M_PER_PX_Z0 * Math.cos((lat * Math.PI) / 180)) / 2 ** map.getZoom();
    return {
      image,
      width: canvas.width,
      height: canvas.height,
      metresPerPixel: metresPerCssPx / ratio,
      attribution: attributionOf(map, options.attribution ?? []),
    };
  } finally {
    map.jumpTo(camera);
  }
}
