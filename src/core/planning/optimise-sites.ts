import type { CoverageProblem } from './coverage-problem.ts';

/** Where the optimiser is; sent after every step. */
export interface OptimiseProgress {
  phase: 'evaluate' | 'share' | 'new' | 'prune';
  /** Additions chosen so far. */
  selected: number;
  coveredWeight: number;
  targetWeight: number;
}

export interface OptimiseOptions {
  /** Weight to reach (villages, or people); Infinity: as much as possible. */
  targetWeight: number;
  /** Stop after this many additions (null: no budget). */
  maxSites: number | null;
  /**
   * Candidate lists tried one after the other (numbers into the problem's candidates). The planner
   * passes [shares, shares + new sites]: sharing is exhausted before anything is built.
   */
  phases: { name: 'share' | 'new'; candidates: readonly number[]; allowPartialSteps: boolean }[];
  signal?: AbortSignal;
  onProgress?: (p: OptimiseProgress) => void;
}

export interface OptimiseResult {
  /** Chosen candidates, in the order they were added (after pruning). */
  selected: number[];
  coveredWeight: number;
  reached: boolean;
  /** Marginal evaluations made (lazy greedy makes far fewer than candidates × steps). */
  evaluations: number;
}

const EPS = 1e-9;

interface Entry {
  c: number;
  gain: number;
  progress: number;
  stamp: number;
}

/** A before b: larger gain, then larger progress, then lower candidate number (shares come first). */
function better(a: Entry, b: Entry): boolean {
  if (Math.abs(a.gain - b.gain) > EPS) return a.gain > b.gain;
  if (Math.abs(a.progress - b.progress) > EPS) return a.progress > b.progress;
  return a.c < b.c;
}

class Heap {
  items: Entry[] = [];
  push(e: Entry): void {
    const a = this.items;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!better(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  pop(): Entry | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && better(a[l], a[m])) m = l;
        if (r < a.length && better(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Fewest candidates that bring the covered weight to the target: lazy-greedy maximum coverage
 * (Minoux's accelerated greedy), deterministic, phase by phase, then a pruning pass.
 *
 * A candidate's score is the weight of villages it would newly cover (`gain`), then how far it
 * moves uncovered villages towards the threshold (`progress`, the truncated measure, which is
 * submodular). The gain of covering by a threshold is not submodular (two sites may together cover
 * a village neither covers alone), so a stale score can be low: when the best fresh score is zero,
 * every candidate is re-evaluated once before the phase gives up. Partial steps (progress without
 * gain) are allowed only in phases that say so, so sharing never takes a site that covers nothing.
 * Pruning then drops, newest first, any addition the target does not need any more.
 *
 * The abort signal is checked between steps and every 64 evaluations; an abort rejects with the
 * signal's reason (an `AbortError`).
 */
export function optimiseSites(problem: CoverageProblem, options: OptimiseOptions): OptimiseResult {
  const ev = problem.evaluator;
  const { signal } = options;
  ev.reset();
  const n = problem.weight.length;
  let covered = 0;
  for (let v = 0; v < n; v++) if (ev.isCovered(v)) covered += problem.weight[v];
  const target = options.targetWeight;
  const budget = options.maxSites ?? Infinity;
  const selected: number[] = [];
  const chosen = new Set<number>();
  let evaluations = 0;
  const required = ev.required;
  const done = (): boolean => covered >= target - EPS || selected.length >= budget;
  const report = (phase: OptimiseProgress['phase']): void =>
    options.onProgress?.({ phase, selected: selected.length, coveredWeight: covered, targetWeight: target });

  const evaluate = (c: number, stamp: number): Entry => {
    evaluations++;
    if ((evaluations & 63) === 0) signal?.throwIfAborted();
    let gain = 0;
    let progress = 0;
    const fs = problem.footprints(c);
    for (const v of problem.touched[c]) {
      if (ev.isCovered(v)) continue;
      const w = problem.weight[v];
      if (w <= 0) continue;
      const hits = problem.hits(c, v);
      const cur = ev.value[v];
      const next = ev.valueAdding(v, fs, hits);
      if (ev.covers(next)) gain += w;
      progress += (w * (Math.min(next, required) - Math.min(cur, required))) / required;
    }
    return { c, gain, progress, stamp };
  };

  const commit = (c: number): void => {
    const fs = problem.footprints(c);
    for (const v of problem.touched[c]) {
      const was = ev.isCovered(v);
      ev.commit(v, fs, problem.hits(c, v));
      if (!was && ev.isCovered(v)) covered += problem.weight[v];
    }
    selected.push(c);
    chosen.add(c);
  };

  signal?.throwIfAborted();
  report('evaluate');
  for (const phase of options.phases) {
    if (done()) break;
    let round = 0;
    const heap = new Heap();
    for (const c of phase.candidates) if (!chosen.has(c)) heap.push(evaluate(c, round));
    let refreshedAt = -1;
    while (!done()) {
      const top = heap.pop();
      if (!top) break;
      if (top.stamp !== round) {
        heap.push(evaluate(top.c, round));
        continue;
      }
      const useful = top.gain > EPS || (phase.allowPartialSteps && top.progress > EPS);
      if (!useful) {
        if (refreshedAt === round) break;
        // Scores can rise after other additions (joint coverage): re-evaluate everything once.
        refreshedAt = round;
        const rest = [top, ...heap.items];
        heap.items = [];
        for (const e of rest) heap.push(evaluate(e.c, round));
        continue;
      }
      commit(top.c);
      round++;
      signal?.throwIfAborted();
      report(phase.name);
    }
  }

  // Pruning: newest additions first; keep the target (or, without one, every covered village).
  const order = [...selected].reverse();
  for (const c of order) {
    signal?.throwIfAborted();
    const without = new Set(chosen);
    without.delete(c);
    let lost = 0;
    for (const v of problem.touched[c]) {
      if (!problem.coveredWith(v, chosen)) continue;
      if (!problem.coveredWith(v, without)) lost += problem.weight[v];
    }
    const reachedNow = covered >= target - EPS;
    if (lost <= EPS || (reachedNow && covered - lost >= target - EPS)) {
      chosen.delete(c);
      covered -= lost;
      report('prune');
    }
  }
  const final = selected.filter((c) => chosen.has(c));
  const finalWeight = problem.coveredWeight(chosen);
  return { selected: final, coveredWeight: finalWeight, reached: finalWeight >= target - EPS, evaluations };
}
