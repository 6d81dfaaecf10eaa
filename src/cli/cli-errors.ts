/**
 * How the command line fails: exit codes, the two errors a user can fix, and the one line printed
 * for any failure (the stack only under `--debug` or `VUNGLOM_DEBUG=1`).
 */
import { isInputError } from '../core/io/input-error.ts';
import { errorMessage } from '../core/error-message.ts';

/** Exit codes of every command. */
export const EXIT = {
  ok: 0,
  /** Something failed inside the tool: a bug, or the machine (memory, a thread that died). */
  internal: 1,
  /** Bad input: the command line, a file, the configuration or an output path. */
  badInput: 2,
} as const;

/** A mistake in the command line itself (unknown option, missing value…); exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Input the user can fix that is not a reader's `InputError`: a configuration, an operator, an output path. */
export class CliInputError extends Error {
  override readonly name = 'CliInputError';
}

/** True for errors caused by what the user gave (exit 2); anything else is internal (exit 1). */
function isUserError(error: unknown): boolean {
  return error instanceof UsageError || error instanceof CliInputError || isInputError(error);
}

/** The message of anything thrown, on one line. */
export function oneLine(error: unknown): string {
  const text = errorMessage(error);
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * The line printed for a failure and its exit code. `step` names what the command was doing, so an
 * internal error says what failed ("while writing the gap list"); `debug` adds the stack.
 */
export function describeFailure(error: unknown, options: { step: string; debug: boolean }): { text: string; code: number } {
  if (isUserError(error)) {
    return { text: `vunglom: ${oneLine(error)}${options.debug ? stackOf(error) : ''}`, code: EXIT.badInput };
  }
  const name = error instanceof Error ? error.name : 'Error';
  const tail = options.debug ? stackOf(error) : ' (run again with --debug, or VUNGLOM_DEBUG=1, for the stack trace)';
  return { text: `vunglom: internal error while ${options.step}: ${name}: ${oneLine(error)}${tail}`, code: EXIT.internal };
}

function stackOf(error: unknown): string {
  return error instanceof Error && error.stack ? `\n${error.stack}` : '';
}
