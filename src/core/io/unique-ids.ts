/**
 * Keeps ids unique: the second "a" becomes "a#2", the third "a#3", and so on (skipping a suffixed
 * id the file itself holds). The ids seen are kept in an open-addressing table of 32-bit string
 * hashes (each slot a hash and the id's number, side by side in one Int32Array), which a country's
 * 624,000 settlement ids fill in less than half the time a `Set<string>` takes: the Set's chained
 * hash table costs a cache miss or two per id, this table about one.
 */
export class UniqueIds {
  /** Slot i: [2i] the id's hash, [2i + 1] its number in `ids` + 1 (0: empty). */
  private slots: Int32Array;
  /** Slots - 1 (the slot count is a power of two). */
  private mask: number;
  private readonly ids: string[] = [];
  /** For an id seen more than once: the last suffix given to it. */
  private readonly suffix = new Map<string, number>();

  /** `expected`: about how many ids will be taken (a file's feature count), to make the table once; it grows past it. */
  constructor(options: { expected?: number } = {}) {
    let slots = 1024;
    while (slots < 2 * Math.min(options.expected ?? 0, 1 << 24)) slots *= 2;
    this.slots = new Int32Array(2 * slots);
    this.mask = slots - 1;
  }

  /** How many ids are taken (given out) so far. */
  get size(): number {
    return this.ids.length;
  }

  /** The id to use: `id` itself, or a changed one when it was already taken (compare to tell). */
  take(id: string): string {
    const hash = hashString(id);
    const at = this.slotOf(id, hash);
    if (at < 0) {
      this.insert(id, hash, -1 - at);
      return id;
    }
    let k = (this.suffix.get(id) ?? 1) + 1;
    let unique = `${id}#${k}`;
    let uniqueHash = hashString(unique);
    let free = this.slotOf(unique, uniqueHash);
    while (free >= 0) {
      k++;
      unique = `${id}#${k}`;
      uniqueHash = hashString(unique);
      free = this.slotOf(unique, uniqueHash);
    }
    this.suffix.set(id, k);
    this.insert(unique, uniqueHash, -1 - free);
    return unique;
  }

  /** True when `id` was taken. */
  has(id: string): boolean {
    return this.slotOf(id, hashString(id)) >= 0;
  }

  /** The slot holding `id`, or -1 − the empty slot where it would go. */
  private slotOf(id: string, hash: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let i = hash & mask;
    for (;;) {
      const n = slots[2 * i + 1];
      if (n === 0) return -1 - i;
      if (slots[2 * i] === hash && this.ids[n - 1] === id) return i;
      i = (i + 1) & mask;
    }
  }

  /** Takes `id` into `empty`, the slot `slotOf` found for it (looked for again if the table grows). */
  private insert(id: string, hash: number, empty: number): void {
    this.ids.push(id);
    // At most half full, so that a probe ends after a slot or two.
    if (2 * this.ids.length > this.mask + 1) {
      this.grow();
      this.place(hash, this.ids.length);
    } else this.fill(empty, hash, this.ids.length);
  }

  /** Puts number `n` (1-based) with its hash into the first empty slot from the hash's own. */
  private place(hash: number, n: number): void {
    const slots = this.slots;
    const mask = this.mask;
    let i = hash & mask;
    while (slots[2 * i + 1] !== 0) i = (i + 1) & mask;
    this.fill(i, hash, n);
  }

  private fill(i: number, hash: number, n: number): void {
    this.slots[2 * i] = hash;
    this.slots[2 * i + 1] = n;
  }

  private grow(): void {
    const old = this.slots;
    this.mask = 2 * (this.mask + 1) - 1;
    this.slots = new Int32Array(2 * (this.mask + 1));
    for (let i = 0; i < old.length; i += 2) {
      if (old[i + 1] !== 0) this.place(old[i], old[i + 1]);
    }
  }
}

/** FNV-1a over the string's UTF-16 code units, with a final mix so that the low bits (the slot) depend on every unit. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}
