import { parseConfig } from '../config';
import { baseName, CONFIG_FILE_NAMES } from '../domain';
import { configConflictMessage } from '../roots';
import type { Rule } from './types';

/** Problems in cx-taxonomy.config.yaml; in the editor the defaults stand in for bad entries. */
export const configRule: Rule = {
  id: 'config',
  defaultSeverity: 'error',
  description: 'cx-taxonomy.config.yaml has an unknown setting, rule or severity.',
  appliesTo: ['config'],
  check({ file, knownRules, report, fileAt }) {
    // A .yml beside a .yaml is not read: say so on it. The sibling is looked up without a
    // dependency because adding or removing a config file re-reads the whole taxonomy anyway.
    const [yaml, yml] = CONFIG_FILE_NAMES;
    if (baseName(file.uri) === yml && fileAt(file.uri.slice(0, -yml.length) + yaml)) {
      report({ range: file.lines.range(0, 0), message: configConflictMessage() });
      return;
    }
    for (const p of parseConfig(file.text, knownRules).problems) report(p);
  },
};
