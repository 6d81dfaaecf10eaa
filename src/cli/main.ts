/**
 * The CLI's entry, built to dist-cli/vunglom.mjs (see build-cli.mjs) and started by the `vunglom`
 * bin (vunglom.mjs). Keeps to what `--help` needs: each command's work is a chunk loaded when it runs.
 */
import { TOOL_VERSION } from '../core/output/run-metadata.ts';
import { COMMANDS } from './commands.ts';
import { runCli } from './run-cli.ts';

const debugEnv = Boolean(process.env.VUNGLOM_DEBUG && process.env.VUNGLOM_DEBUG !== '0');
// A stack trace asked for names the TypeScript sources: the chunks loaded from here on are mapped.
if (debugEnv || process.argv.includes('--debug')) process.setSourceMapsEnabled(true);

process.exitCode = await runCli(process.argv.slice(2), COMMANDS, {
  version: TOOL_VERSION,
  out: (text) => process.stdout.write(`${text}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  debugEnv,
});
