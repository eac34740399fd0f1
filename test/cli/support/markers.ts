import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { RULE_IDS } from '../../../server/src/core';
import { ROOT, WITH_PROBLEMS } from './cli';

/** A `# problem: rule-id` marker of samples/with-problems: where a rule must report. */
export interface Marker {
  /** Path relative to the repository root, forward slashes. */
  path: string;
  /** 1-based line. */
  line: number;
  ruleId: string;
}

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

/**
 * Every marker of samples/with-problems whose rule is registered (rules still being written
 * have markers before they have code).
 */
export function markers(): Marker[] {
  const out: Marker[] = [];
  for (const file of walk(path.join(ROOT, WITH_PROBLEMS), [])) {
    if (path.basename(file) === 'README.md') continue;
    const rel = path.relative(ROOT, file).split(path.sep).join('/');
    readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .forEach((text, i) => {
        const m = /(?:#|<!--)\s*problem:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/.exec(text);
        if (!m) return;
        for (const id of m[1].split(',').map((s) => s.trim()))
          if (RULE_IDS.has(id)) out.push({ path: rel, line: i + 1, ruleId: id });
      });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.ruleId.localeCompare(b.ruleId));
}

/** A marker as `path:line rule`, for comparing sets. */
export const markerKey = (m: { path: string; line: number; ruleId: string }): string =>
  `${m.path}:${m.line} ${m.ruleId}`;
