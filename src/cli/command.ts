/**
 * A command of the CLI, declared once: its options, help text and examples live in a light module
 * (read for `--help` and for parsing), the work in a module loaded only when the command runs.
 * Adding a command: a `<name>-command.ts` with `defineCommand`, its `run-<name>.ts`, one line in
 * `commands.ts`.
 */
import type { CliContext } from './cli-context.ts';
import { flagOption, type OptionSet, type OptionValues } from './option-spec.ts';
import { parseOptions } from './parse-options.ts';

/** Options every command takes (one place: add a global option here). */
export const COMMON_OPTIONS = {
  timings: flagOption('--timings', 'print where the time went on stderr: start, read, compute, write'),
  debug: flagOption('--debug', 'print the stack trace of an internal error (or set VUNGLOM_DEBUG=1)'),
};

/** The work of a command, given its parsed options. */
export type CommandRunner<O extends OptionSet> = (args: OptionValues<O>, context: CliContext) => Promise<void>;

/** What a command module declares. */
export interface CommandSpec<O extends OptionSet> {
  name: string;
  /** One line, in `vunglom --help`. */
  summary: string;
  /** The paragraph atop `vunglom help <name>`. */
  about: string;
  options: O;
  /** Command lines shown in the help (without the leading "vunglom "). */
  examples: readonly string[];
  /** Loads the code that does the work (a separate chunk of the build, so `--help` never reads it). */
  load(): Promise<CommandRunner<O>>;
}

/** A command line, parsed and ready to run. */
export interface ParsedCommand {
  debug: boolean;
  timings: boolean;
  /** Files the command will write, checked before the work starts. */
  outputs: { flag: string; path: string }[];
  run(context: CliContext): Promise<void>;
}

/** A command with its option types erased, as the dispatcher holds it. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Its own flags (not the common ones). */
  readonly flags: readonly string[];
  /** The text of `vunglom help <name>`. */
  help(): string;
  /** Parses the words after the command name; throws a UsageError on a mistake. */
  parse(argv: readonly string[], elsewhere: ReadonlyMap<string, string>): ParsedCommand;
}

/** Makes a command from its declaration. */
export function defineCommand<O extends OptionSet>(spec: CommandSpec<O>): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    flags: Object.values(spec.options).map((o) => o.flag),
    help: () => commandHelp(spec),
    parse: (argv, elsewhere) => {
      const { values, common, outputs } = parseOptions(spec.options, COMMON_OPTIONS, argv, { command: spec.name, elsewhere });
      return {
        debug: common.debug,
        timings: common.timings,
        outputs,
        run: async (context) => {
          const runner = await spec.load();
          await runner(values, context);
        },
      };
    },
  };
}

/** Help lines stay within this many columns. */
const HELP_WIDTH = 100;

/** Words of `text` in lines of at most `width` characters (a longer word gets a line of its own). */
function wrap(text: string, width: number): string[] {
  return wrapUnits(text.split(' '), width);
}

/** A command line in lines of at most `width` characters, never between an option and its value. */
function wrapCommand(line: string, width: number): string[] {
  const units: string[] = [];
  for (const word of line.split(' ')) {
    const last = units.length - 1;
    if (last >= 0 && /^\[?--/.test(units[last]) && !units[last].includes(' ') && !/^\[?--|^\[options\]$/.test(word)) units[last] += ` ${word}`;
    else units.push(word);
  }
  return wrapUnits(units, width);
}

function wrapUnits(units: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of units) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines;
}

function usageWord(o: OptionSet[string]): string {
  const word = o.placeholder ? `${o.flag} ${o.placeholder}` : o.flag;
  const shown = o.kind === 'list' ? `${word} …` : word;
  return o.required ? shown : `[${shown}]`;
}

function commandHelp<O extends OptionSet>(spec: CommandSpec<O>): string {
  const own = Object.values(spec.options);
  const required = own.filter((o) => o.required).map(usageWord);
  const rows = [...own, ...Object.values(COMMON_OPTIONS)].map((o) => {
    const left = o.placeholder ? `${o.flag} ${o.placeholder}` : o.flag;
    const notes = [o.required ? 'required' : '', o.kind === 'list' ? 'repeatable' : ''].filter(Boolean).join(', ');
    return [left, `${o.help}${notes ? ` (${notes})` : ''}`] as const;
  });
  rows.push(['--help, -h', 'this text']);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  const indent = ' '.repeat(width + 2);
  return [
    wrapCommand(`usage: vunglom ${spec.name} ${required.join(' ')} [options]`, HELP_WIDTH).join('\n       '),
    '',
    spec.about,
    '',
    'options:',
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}${wrap(right, HELP_WIDTH - width - 2).join(`\n${indent}`)}`),
    '',
    'examples:',
    ...spec.examples.map((e) => `  ${wrapCommand(`vunglom ${e}`, HELP_WIDTH - 4).join(' \\\n      ')}`),
  ].join('\n');
}
