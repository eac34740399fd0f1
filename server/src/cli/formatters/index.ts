import type { Formatter } from '../report';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatMarkdown } from './markdown';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';

/** The report formats of `lint`. */
export type FormatName = 'stylish' | 'json' | 'sarif' | 'junit' | 'github' | 'markdown';

/** Every `lint --format`, by name. */
export const FORMATTERS: Readonly<Record<FormatName, Formatter>> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
  github: formatGithub,
  markdown: formatMarkdown,
};

/** The names `lint --format` takes, in the order its help and errors list them. */
export const FORMATS = Object.keys(FORMATTERS) as FormatName[];
