import { FILE_KINDS } from '../domain';
import type { Rule } from './types';

/** A file that was skipped (too large, binary, not UTF-8) says so instead of passing silently. */
export const unreadableFile: Rule = {
  id: 'unreadable-file',
  defaultSeverity: 'warning',
  description: 'A taxonomy file or doc that is too large, binary or not UTF-8 is skipped, and says so.',
  appliesTo: FILE_KINDS,
  readsUnreadable: true,
  fatal: true,
  check({ file, report }) {
    if (file.unreadable)
      report({ range: file.lines.range(file.unreadable.start, file.unreadable.end), message: file.unreadable.message });
  },
};
