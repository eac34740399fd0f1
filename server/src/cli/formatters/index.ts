import type { FormatName } from '../args';
import type { Formatter } from '../report';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatMarkdown } from './markdown';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';

/** Every `lint --format`, by name. */
export const FORMATTERS: Readonly<Record<FormatName, Formatter>> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
  github: formatGithub,
  markdown: formatMarkdown,
};
