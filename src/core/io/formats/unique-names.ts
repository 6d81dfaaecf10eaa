/**
 * Column names made unique for a table's properties: a name seen before gets `_2`, `_3` … (the
 * first keeps its own), so no column of a sheet or a DBF overwrites another.
 */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((n) => {
    let name = n;
    for (let k = 2; seen.has(name); k++) name = `${n}_${k}`;
    seen.add(name);
    return name;
  });
}
