import { ConformalFrame } from '../geo/conformal-frame.ts';
import { interiorPoint } from '../geo/interior-point.ts';
import type { MultiPolygonCoords, Position } from '../model.ts';
import { packVillages, villageBox, type PackedVillages } from './packed-villages.ts';
import { PlanarPolygon } from './planar-polygon.ts';

/**
 * The centre of a village, by one rule for every measure that uses it (centre covered, nearest
 * site, the planner's view): the declared centre, else an interior point of the polygon found in
 * the village's conformal frame.
 */

/**
 * Village `v`'s centre: in `frame` coordinates into `xy`, and as lon/lat into `lonLat`. `frame` is
 * centred on the village and `poly` holds it.
 */
export function centreInFrame(
  villages: PackedVillages,
  v: number,
  frame: ConformalFrame,
  poly: PlanarPolygon,
  xy: Float64Array,
  lonLat: Float64Array,
): void {
  const lon = villages.centres[v * 2];
  const lat = villages.centres[v * 2 + 1];
  if (Number.isNaN(lon)) {
    interiorPoint(poly, xy);
    frame.inverse(xy[0], xy[1], lonLat, 0);
  } else {
    frame.forward(lon, lat, xy, 0);
    lonLat[0] = lon;
    lonLat[1] = lat;
  }
}

/** The centre of one village given by its geometry and declared centre; null when its polygon has no area. */
export function villageCentre(declared: Position | null, geometry: MultiPolygonCoords): Position | null {
  const packed = packVillages([{ id: '', name: '', commune: null, district: null, province: null, population: null, households: null, centre: declared, geometry }]);
  const box = new Float64Array(4);
  if (!packed.valid[0] || !villageBox(packed, 0, box)) return null;
  const frame = new ConformalFrame((box[0] + box[2]) / 2, (box[1] + box[3]) / 2);
  const poly = new PlanarPolygon();
  poly.load(packed, 0, frame);
  if (!(poly.area > 0)) return null;
  const xy = new Float64Array(2);
  const lonLat = new Float64Array(2);
  centreInFrame(packed, 0, frame, poly, xy, lonLat);
  return [lonLat[0], lonLat[1]];
}
