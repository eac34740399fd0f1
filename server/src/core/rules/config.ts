import { parseConfig } from '../config';
import type { Rule } from './types';

/** Problems in cx-taxonomy.config.yaml; in the editor the defaults stand in for bad entries. */
export const configRule: Rule = {
  id: 'config',
  defaultSeverity: 'error',
  description: 'cx-taxonomy.config.yaml has an unknown setting, rule or severity.',
  appliesTo: ['config'],
  check({ file, knownRules, report }) {
    for (const p of parseConfig(file.text, knownRules).problems) report(p);
  },
};
