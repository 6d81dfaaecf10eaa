/**
 * Vietnamese village names for the synthetic villages: "Tổ dân phố N" in urban wards and towns,
 * numbered "Thôn N" or Central-Highlands ethnic-minority style names ("Làng Kon …", "Plei …", "Đăk …")
 * in rural communes.
 */
import { pick, type Random } from '../../src/core/random.ts';

const ETHNIC_PREFIXES = ['Làng Kon', 'Plei', 'Đăk', 'Kon', 'Làng', 'Tea', 'Thôn Kon', 'Ngọc'];
const ETHNIC_STEMS = [
  'Rbang', 'Klor', 'Hra', 'Jri', 'Tum', 'Rlong', 'Mơ Nay', 'Năng', 'Sao', 'Xú', 'Pxi', 'Trâm', 'Ri', 'Lốp',
  'Chờ', 'Pơ Ê', 'Wang', 'Krong', 'Kơ Nâm', 'Rơ Wa', 'Blà', 'Hring', 'Mơ Ham', 'Brông', 'Tu', 'Rêu', 'Sút',
  'Đe', 'Jơ Drăp', 'Kơ Lang', 'Dơ Xing', 'Tơ Ven', 'Krăk', 'Gia', 'Mút', 'Ôp', 'Pao', 'Ang', 'Lung', 'Plông',
];

/** True for urban units: phường (ward) and thị trấn (town). */
export function isUrban(communeName: string): boolean {
  return communeName.startsWith('Phường') || communeName.startsWith('Thị trấn');
}

/** `count` distinct village names for one commune. */
export function villageNames(communeName: string, count: number, rnd: Random): string[] {
  if (isUrban(communeName)) return Array.from({ length: count }, (_, i) => `Tổ dân phố ${i + 1}`);
  // About a third of rural communes number their thôn; the others carry ethnic-minority names.
  if (rnd() < 0.35) return Array.from({ length: count }, (_, i) => `Thôn ${i + 1}`);
  const names: string[] = [];
  const used = new Set<string>();
  for (let tries = 0; names.length < count; tries++) {
    const name = tries < 200 ? `${pick(rnd, ETHNIC_PREFIXES)} ${pick(rnd, ETHNIC_STEMS)}` : `Thôn ${names.length + 1}`;
    if (used.has(name)) continue;
    used.add(name);
    names.push(name);
  }
  return names;
}
