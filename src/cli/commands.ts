/** The commands of `vunglom`, in the order `--help` lists them. A new command is one more line here. */
import { analyzeCommand } from './analyze/analyze-command.ts';
import type { Command } from './command.ts';
import { planCommand } from './plan/plan-command.ts';
import { reportCommand } from './report/report-command.ts';

export const COMMANDS: readonly Command[] = [analyzeCommand, planCommand, reportCommand];
