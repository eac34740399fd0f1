import type { Command } from '../command';
import { diffCommand, type DiffOptions } from './diff';
import { explainCommand, type ExplainOptions } from './explain';
import { exportGlossaryCommand, type ExportGlossaryOptions } from './exportGlossary';
import { helpCommand, versionCommand } from './help';
import { lintCommand } from './lint';
import type { LintOptions } from './lintOptions';
import { reportCommand } from './report';
import type { OwnershipReportOptions } from './reportOwnership';
import type { SunsetReportOptions } from './reportSunsets';

/**
 * Every command of the CLI, in the order the main help lists them: the one table the argument
 * parser, the help and main.ts read. A new command is a module in this folder and a row here.
 */
export const COMMANDS: readonly Command[] = [
  lintCommand,
  explainCommand,
  exportGlossaryCommand,
  reportCommand,
  diffCommand,
  helpCommand,
  versionCommand,
];

/** The options of any command line, as the parser returns them. */
export type CliCommand =
  | LintOptions
  | ExplainOptions
  | ExportGlossaryOptions
  | OwnershipReportOptions
  | SunsetReportOptions
  | DiffOptions
  | { command: 'help'; topic: string }
  | { command: 'version' };
