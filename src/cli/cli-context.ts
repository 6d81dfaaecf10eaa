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

type Bucket = TimingBucket | 'start';

/** The context of one run, with the step it is in and the wall and CPU time per bucket (ms). */
export class RunContext implements CliContext {
  /** What the command is doing, for the one-line message of an internal error. */
  current = 'starting';
  private bucket: Bucket = 'start';
  /** Since the process began (performance.now() counts from there; its CPU time too). */
  private since = { wall: 0, cpu: 0 };
  private readonly wall: Record<Bucket, number> = { start: 0, read: 0, compute: 0, write: 0 };
  private readonly cpu: Record<Bucket, number> = { start: 0, read: 0, compute: 0, write: 0 };

  constructor(private readonly write: (line: string) => void) {}

  say(line: string): void {
    this.write(line);
  }

  step(what: string, bucket: TimingBucket): void {
    this.close();
    this.current = what;
    this.bucket = bucket;
  }

  /**
   * Ends the current step; the timings line: wall time per bucket, then the process's CPU time per
   * bucket (all its threads together: on a busy machine, a steadier measure of the work).
   * "timings: start 41 ms, read 95 ms, compute 130 ms, write 57 ms, total 323 ms; cpu start 40 ms, …"
   */
  timings(): string {
    this.close();
    const line = (t: Record<Bucket, number>): string => {
      const ms = (x: number): string => `${Math.round(x)} ms`;
      return `start ${ms(t.start)}, read ${ms(t.read)}, compute ${ms(t.compute)}, write ${ms(t.write)}, total ${ms(t.start + t.read + t.compute + t.write)}`;
    };
    return `timings: ${line(this.wall)}; cpu ${line(this.cpu)}`;
  }

  private close(): void {
    const usage = process.cpuUsage();
    const now = { wall: performance.now(), cpu: (usage.user + usage.system) / 1000 };
    this.wall[this.bucket] += now.wall - this.since.wall;
    this.cpu[this.bucket] += now.cpu - this.since.cpu;
    this.since = now;
  }
}
