/** What a running command reports through: lines on stderr, the step it is in, where the time went. */

/** The buckets of `--timings` (start is everything before the first step: Node, parsing, loading code). */
export type TimingBucket = 'read' | 'compute' | 'write';

/** The context a command runs in. */
export interface CliContext {
  /** One line on stderr (progress, notices, the summary). */
  say(line: string): void;
  /** Starts a step: an internal error then says "while <what>"; its time goes to `bucket` for --timings. */
  step(what: string, bucket: TimingBucket): void;
}

/** The context of one run, with the step it is in and the time per bucket (ms). */
export class RunContext implements CliContext {
  /** What the command is doing, for the one-line message of an internal error. */
  current = 'starting';
  private bucket: TimingBucket | 'start' = 'start';
  private since: number;
  private readonly spent: Record<TimingBucket | 'start', number> = { start: 0, read: 0, compute: 0, write: 0 };

  /** `startedAt`: performance.now() when the process began its own work (0 = the process start). */
  constructor(
    private readonly write: (line: string) => void,
    startedAt = 0,
  ) {
    this.since = startedAt;
  }

  say(line: string): void {
    this.write(line);
  }

  step(what: string, bucket: TimingBucket): void {
    this.close();
    this.current = what;
    this.bucket = bucket;
  }

  /**
   * Ends the current step; the timings line ("timings: start 41 ms, read 95 ms, …, cpu 310 ms"). The
   * CPU time is the process's, all its threads together: on a busy machine, a steadier measure of
   * the work than the wall time.
   */
  timings(): string {
    this.close();
    const s = this.spent;
    const total = s.start + s.read + s.compute + s.write;
    const cpu = process.cpuUsage();
    const ms = (x: number): string => `${Math.round(x)} ms`;
    return `timings: start ${ms(s.start)}, read ${ms(s.read)}, compute ${ms(s.compute)}, write ${ms(s.write)}, total ${ms(total)}, cpu ${ms((cpu.user + cpu.system) / 1000)}`;
  }

  private close(): void {
    const now = performance.now();
    this.spent[this.bucket] += now - this.since;
    this.since = now;
  }
}
