import type { Severity } from '../core';
import { SEVERITIES } from '../core';

/** A usage or configuration error: one line for the user, exit code 2. */
export class UsageError extends Error {}

export type FormatName = 'stylish' | 'json';
export const FORMATS: readonly FormatName[] = ['stylish', 'json'];

export interface LintOptions {
  command: 'lint';
  paths: string[];
  format: FormatName;
  maxWarnings?: number;
  rules: Record<string, Severity>;
  config?: string;
  color?: boolean;
}

export type CliCommand = LintOptions | { command: 'help' } | { command: 'version' };

/** Parses argv (after `node cli.js`) strictly: an unknown flag is a usage error, never ignored. */
export function parseArgs(argv: readonly string[], knownRules: ReadonlySet<string>): CliCommand {
  const args = [...argv];
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') return { command: 'help' };
  if (args[0] === '--version' || args[0] === '-v') return { command: 'version' };
  const command = args.shift();
  if (command !== 'lint') throw new UsageError(`Unknown command "${command}". Try: cx-taxonomy lint [paths...]`);
  const opts: LintOptions = { command: 'lint', paths: [], format: 'stylish', rules: {} };
  const value = (flag: string, inline?: string): string => {
    const v = inline ?? args.shift();
    if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value.`);
    return v;
  };
  while (args.length) {
    const a = args.shift()!;
    if (!a.startsWith('-') || a === '-') {
      opts.paths.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const flag = eq > 0 && a.startsWith('--') ? a.slice(0, eq) : a;
    const inline = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : undefined;
    switch (flag) {
      case '--format':
      case '-f': {
        const f = value(flag, inline);
        if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`Unknown format "${f}". Use one of: ${FORMATS.join(', ')}.`);
        opts.format = f as FormatName;
        break;
      }
      case '--max-warnings': {
        const v = value(flag, inline);
        if (!/^-?\d+$/.test(v)) throw new UsageError(`--max-warnings needs a whole number, not "${v}".`);
        opts.maxWarnings = Number(v);
        break;
      }
      case '--rule': {
        const v = value(flag, inline);
        const m = /^([^=]+)=(.+)$/.exec(v);
        if (!m) throw new UsageError(`--rule needs id=severity, like --rule touchpoint-owner=warning (got "${v}").`);
        const [, id, sev] = m;
        if (!knownRules.has(id)) throw new UsageError(`Unknown rule "${id}" in --rule.`);
        if (!(SEVERITIES as readonly string[]).includes(sev)) throw new UsageError(`Unknown severity "${sev}" for ${id}. Use one of: ${SEVERITIES.join(', ')}.`);
        opts.rules[id] = sev as Severity;
        break;
      }
      case '--config':
      case '-c':
        opts.config = value(flag, inline);
        break;
      case '--color':
        opts.color = true;
        break;
      case '--no-color':
        opts.color = false;
        break;
      case '--help':
      case '-h':
        return { command: 'help' };
      default:
        throw new UsageError(`Unknown option "${a}". Run cx-taxonomy --help for the options.`);
    }
  }
  if (opts.paths.length === 0) opts.paths.push('.');
  return opts;
}

export const HELP = `cx-taxonomy: lint a marketing and CX taxonomy (personas, segments, journeys, KPIs, teams, glossary)

Usage:
  cx-taxonomy lint [paths...] [options]

Options:
  -f, --format <name>      stylish (default) or json
  --max-warnings <n>       exit 1 when there are more than n warnings
  --rule <id=severity>     override a rule's severity (off, hint, info, warning, error); repeatable
  -c, --config <file>      use this config instead of cx-taxonomy.config.yaml at the root
  --no-color               no colours (also when NO_COLOR is set or stdout is not a terminal)
  -h, --help               show this help
  -v, --version            show the version

Exit codes: 0 no errors (and warnings within --max-warnings), 1 problems found, 2 usage or configuration error.
`;
