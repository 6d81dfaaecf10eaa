import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputs } from '../../src/cli/check-outputs.ts';
import { CliInputError } from '../../src/cli/cli-errors.ts';
import type { CliContext } from '../../src/cli/cli-context.ts';
import { defineCommand } from '../../src/cli/command.ts';
import { flagOption, valueOption } from '../../src/cli/option-spec.ts';
import { runCli } from '../../src/cli/run-cli.ts';
import { InputError } from '../../src/core/io/input-error.ts';

const dir = mkdtempSync(join(tmpdir(), 'vunglom-dispatch-'));

/** A command whose run does what the test says: the dispatcher's side of every outcome. */
function probe(behaviour: (ctx: CliContext) => Promise<void>) {
  const ran: string[] = [];
  const command = defineCommand({
    name: 'probe',
    summary: 'a test command',
    about: 'Runs what the test gives it.',
    options: {
      out: valueOption('--out', 'FILE', 'where to write', { required: true, output: true }),
      loud: flagOption('--loud', 'say more'),
    },
    examples: ['probe --out x.json'],
    load: async () => async (args, ctx) => {
      ran.push(args.out);
      await behaviour(ctx);
    },
  });
  return { command, ran };
}

async function run(argv: string[], behaviour: (ctx: CliContext) => Promise<void> = async () => {}, env = { debugEnv: false }) {
  const { command, ran } = probe(behaviour);
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, [command], { version: '9.8.7', out: (t) => out.push(t), err: (l) => err.push(...l.split('\n')), ...env });
  return { code, out: out.join('\n'), err, ran };
}

describe('the dispatcher', () => {
  it('answers --help, -h, help and help <command> on stdout with exit 0, and --version', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const r = await run(argv);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^vunglom 9\.8\.7: /);
      expect(r.out).toMatch(/\n {2}probe +a test command\n/);
      expect(r.err).toEqual([]);
    }
    for (const argv of [['help', 'probe'], ['probe', '--help'], ['probe', '--out', 'x', '-h']]) {
      const r = await run(argv);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^usage: vunglom probe --out FILE \[options\]/);
      expect(r.out).toMatch(/--loud +say more/);
      expect(r.ran).toEqual([]);
    }
    for (const argv of [['--version'], ['-V'], ['version']]) expect((await run(argv)).out).toBe('9.8.7');
  });

  it('refuses an unknown command or help topic with the closest name, exit 2, one line', async () => {
    for (const argv of [['prob'], ['help', 'prob']]) {
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.err).toEqual(['vunglom: Unknown command "prob": did you mean "probe"? The commands: probe, help.']);
    }
    expect((await run([])).err).toEqual(['vunglom: No command given. Try vunglom --help.']);
  });

  it('checks the outputs before the command runs', async () => {
    const r = await run(['probe', '--out', join(dir, 'missing', 'x.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^vunglom: --out .*missing\/x\.json: the folder .*missing does not exist/);
    expect(r.ran).toEqual([]);
  });

  it('prints a user error as one line, exit 2, and an internal error as one line naming the step, exit 1', async () => {
    const bad = await run(['probe', '--out', join(dir, 'a.json')], async () => {
      throw new InputError('no-features', 'villages.fgb: no features.');
    });
    expect(bad).toMatchObject({ code: 2, err: ['vunglom: villages.fgb: no features.'] });

    const crash = async (ctx: CliContext): Promise<void> => {
      ctx.step('computing coverage', 'compute');
      throw new TypeError("Cannot read properties of undefined (reading 'push')");
    };
    const internal = await run(['probe', '--out', join(dir, 'b.json')], crash);
    expect(internal.code).toBe(1);
    expect(internal.err).toHaveLength(1);
    expect(internal.err[0]).toMatch(/^vunglom: internal error while computing coverage: TypeError: .+ \(run again with --debug, or VUNGLOM_DEBUG=1, for the stack trace\)$/);

    for (const [argv, env] of [
      [['probe', '--out', join(dir, 'c.json'), '--debug'], { debugEnv: false }],
      [['probe', '--out', join(dir, 'c.json')], { debugEnv: true }],
    ] as const) {
      const debug = await run([...argv], crash, env);
      expect(debug.code).toBe(1);
      expect(debug.err[0]).toMatch(/^vunglom: internal error while computing coverage: TypeError: /);
      expect(debug.err[1]).toMatch(/^TypeError: /);
      expect(debug.err.some((l) => /^\s+at /.test(l))).toBe(true);
    }
  });

  it('prints the timings line under --timings', async () => {
    const r = await run(['probe', '--out', join(dir, 'd.json'), '--timings'], async (ctx) => {
      ctx.step('reading', 'read');
      ctx.step('computing', 'compute');
      ctx.step('writing', 'write');
    });
    expect(r.code).toBe(0);
    expect(r.err.at(-1)).toMatch(/^timings: start \d+ ms, read \d+ ms, compute \d+ ms, write \d+ ms, total \d+ ms; cpu start \d+ ms, read \d+ ms, compute \d+ ms, write \d+ ms, total \d+ ms$/);
  });
});

describe('output check', () => {
  it('accepts a new file or an existing one in a writable folder, and leaves no trace', () => {
    writeFileSync(join(dir, 'exists.geojson'), 'keep');
    expect(() => checkOutputs([{ flag: '--out', path: join(dir, 'new.geojson') }, { flag: '--csv', path: join(dir, 'exists.geojson') }])).not.toThrow();
  });

  it('refuses a missing folder, a folder, a file as folder, the same file twice', () => {
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'plain.txt'), '');
    const cases: [{ flag: string; path: string }[], RegExp][] = [
      [[{ flag: '--out', path: join(dir, 'nope', 'g.geojson') }], /^--out .*: the folder .*nope does not exist: create it, or write somewhere else\.$/],
      [[{ flag: '--out', path: join(dir, 'sub') }], /that is a folder: give a file name/],
      [[{ flag: '--csv', path: join(dir, 'plain.txt', 'g.csv') }], /plain\.txt is not a folder/],
      [
        [
          { flag: '--out', path: join(dir, 'same.geojson') },
          { flag: '--csv', path: join(dir, '.', 'same.geojson') },
        ],
        /--csv .*: --out writes the same file/,
      ],
    ];
    for (const [outputs, message] of cases) {
      expect(() => checkOutputs(outputs)).toThrow(CliInputError);
      expect(() => checkOutputs(outputs)).toThrow(message);
    }
  });
});
