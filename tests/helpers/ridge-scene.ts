import type { Position } from '../../src/core/model.ts';
import { DemSet } from '../../src/core/terrain/dem-set.ts';
import { readHgt } from '../../src/core/terrain/read-hgt.ts';
import { localSurfaceTile } from './synthetic-dem.ts';

/**
 * A SYNTHETIC 1″ tile with a straight 300 m ridge along x = 0 (2 km wide at its foot) between two
 * plains at 500 m, and helpers to place things on it in metres east (x) and north (y) of its centre.
 */
export const LON0 = 107.5;
export const LAT0 = 14.5;
export const ridgeTile = localSurfaceTile(LON0, LAT0, 3601, (x) => 500 + 300 * Math.max(0, 1 - Math.abs(x) / 1000));
export const ridgeDem = new DemSet([readHgt(ridgeTile.name, ridgeTile.bytes)]);

/** The position x metres east and y metres north of the tile's centre. */
export const at = (x: number, y: number): Position => [LON0 + x / ridgeTile.mx, LAT0 + y / ridgeTile.my];

/** A village ring from x0 to x1 (metres east), 800 m tall. */
export const square = (x0: number, x1: number): Position[] => [at(x0, -400), at(x1, -400), at(x1, 400), at(x0, 400), at(x0, -400)];
