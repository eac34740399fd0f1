import { TAXONOMY_KINDS } from '../domain';
import type { Rule } from './types';

/** YAML that does not parse, reported where the parser stopped. */
export const yamlSyntax: Rule = {
  id: 'yaml-syntax',
  defaultSeverity: 'error',
  description: 'The file is not valid YAML.',
  appliesTo: TAXONOMY_KINDS,
  fatal: true,
  check({ file, report }) {
    for (const p of file.yaml?.problems ?? []) report({ range: file.lines.range(p.start, p.end), message: p.message });
  },
};
