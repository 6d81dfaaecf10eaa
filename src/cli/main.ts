/**
 * The CLI's entry, built to dist-cli/vunglom.mjs (see build-cli.mjs) and started by the `vunglom`
 * bin (vunglom.mjs). Keeps to what `--help` needs: each command's work is a chunk loaded when it runs.
 */
import { TOOL_VERSION } from '../core/output/run-metadata.ts';
import { describeFailure, EXIT } from './cli-errors.ts';
import { COMMANDS } from './commands.ts';
import { runCli } from './run-cli.ts';

const debugEnv = Boolean(process.env.VUNGLOM_DEBUG && process.env.VUNGLOM_DEBUG !== '0');
const debug = debugEnv || process.argv.includes('--debug');
// A stack trace asked for names the TypeScript sources: the chunks loaded from here on are mapped.
if (debug) process.setSourceMapsEnabled(true);

// A reader of our output that went away (`vunglom --help | head -1`) is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
    throw error;
  });
}
// Whatever escapes a command (an error in a callback, a promise nobody awaited) is still one line.
const fatal = (error: unknown): void => {
  process.stderr.write(`${describeFailure(error, { step: 'running', debug }).text}\n`);
  process.exit(EXIT.internal);
};
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

process.exitCode = await runCli(process.argv.slice(2), COMMANDS, {
  version: TOOL_VERSION,
  out: (text) => process.stdout.write(`${text}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  debugEnv,
});
