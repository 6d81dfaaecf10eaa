/**
 * The dispatcher: help, version, the command's options, the output check, then the command; every
 * failure one line on stderr with its exit code (see cli-errors.ts).
 */
import { checkOutputs } from './check-outputs.ts';
import { describeFailure, EXIT, UsageError } from './cli-errors.ts';
import { RunContext } from './cli-context.ts';
import type { Command } from './command.ts';
import { closest } from './did-you-mean.ts';
import { READ_FORMATS } from '../core/io/read-formats.ts';

/** Where the dispatcher writes, and what it knows about the tool. */
export interface CliIo {
  version: string;
  /** Help and version (stdout). */
  out(text: string): void;
  /** Progress, summary and errors (stderr). */
  err(line: string): void;
  /** VUNGLOM_DEBUG is set. */
  debugEnv: boolean;
}

const HELP_WORDS = new Set(['--help', '-h']);

function overview(commands: readonly Command[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length), 'help'.length) + 3;
  return [
    `vunglom ${version}: the villages a province's mobile and fibre networks do not reach.`,
    '',
    'usage: vunglom <command> [options]',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    `  ${'help'.padEnd(width)}this text, or one command's options: vunglom help ${commands[0].name}`,
    '',
    'vunglom --version prints the version; every command takes --help, --timings and --debug.',
    `Layers: ${READ_FORMATS};`,
    'a layer of an archive or a sheet: thon.zip#thon, sites.xlsx#Viettel.',
    'Exit codes: 0 done, 2 bad input (one line says why), 1 internal error.',
  ].join('\n');
}

/** Runs one command line (the words after `vunglom`); returns the exit code. */
export async function runCli(argv: readonly string[], commands: readonly Command[], io: CliIo): Promise<number> {
  const byName = new Map(commands.map((c) => [c.name, c]));
  const names = [...byName.keys(), 'help'];
  const [first, ...rest] = argv;
  const fail = (error: UsageError): number => {
    io.err(describeFailure(error, { step: 'reading the command line', debug: false }).text);
    return EXIT.badInput;
  };
  if (first === undefined) return fail(new UsageError('No command given. Try vunglom --help.'));
  if (HELP_WORDS.has(first) || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    if (topic === undefined) {
      io.out(overview(commands, io.version));
      return EXIT.ok;
    }
    const command = byName.get(topic);
    if (!command) return fail(unknownCommand(topic, names));
    io.out(command.help());
    return EXIT.ok;
  }
  if (first === '--version' || first === '-V' || first === 'version') {
    io.out(io.version);
    return EXIT.ok;
  }
  const command = byName.get(first);
  if (!command) return fail(unknownCommand(first, names));
  if (rest.some((word) => HELP_WORDS.has(word))) {
    io.out(command.help());
    return EXIT.ok;
  }

  const context = new RunContext(io.err);
  let debug = io.debugEnv || rest.includes('--debug');
  try {
    const elsewhere = new Map(commands.filter((c) => c !== command).flatMap((c) => c.flags.map((f) => [f, c.name] as const)));
    context.current = 'reading the command line';
    const parsed = command.parse(rest, elsewhere);
    debug ||= parsed.debug;
    context.current = 'checking the output files';
    checkOutputs(parsed.outputs);
    context.current = `running ${command.name}`;
    await parsed.run(context);
    if (parsed.timings) io.err(context.timings());
    return EXIT.ok;
  } catch (error) {
    const { text, code } = describeFailure(error, { step: context.current, debug });
    io.err(text);
    return code;
  }
}

function unknownCommand(word: string, names: readonly string[]): UsageError {
  if (word.startsWith('-')) return new UsageError(`"${word}" is not a command: the command comes first (vunglom <command> [options]); the commands: ${names.join(', ')}.`);
  const near = closest(word, names);
  return new UsageError(`Unknown command "${word}"${near ? `: did you mean "${near}"?` : '.'} The commands: ${names.join(', ')}.`);
}
