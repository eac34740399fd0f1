import { UsageError, type Command } from '../command';
import { reportOwnership } from './reportOwnership';
import { reportSunsets } from './reportSunsets';

/** The subjects of `report`, each a command of its own named by the word after `report`. */
const SUBJECTS: readonly Command[] = [reportOwnership, reportSunsets];

const names = () => SUBJECTS.map((s) => `cx-taxonomy report ${s.names[0]}`).join(', ');

/** `report <subject>`: the help lists every subject, each with its own options. */
function help(): string {
  const lines = SUBJECTS.map((s) => s.usage.replace(/^ {2}cx-taxonomy /, '  ')).join('\n');
  return `Usage: cx-taxonomy report <subject> [path] [options]\n\nSubjects:\n${lines}\n\n${SUBJECTS.map((s) => s.help?.() ?? '').join('\n')}`;
}

/** `report <subject> [path]`: one row of the command table, dispatching on the subject. */
export const reportCommand: Command = {
  names: ['report'],
  usage: SUBJECTS.map((s) => s.usage).join('\n'),
  listedAs: SUBJECTS.map((s) => s.listedAs).join(', '),
  help,
  parse(argv, ctx) {
    const what = argv[0];
    if (what === '--help' || what === '-h') return { command: 'help', topic: 'report' };
    const subject = SUBJECTS.find((s) => s.names.includes(what ?? ''));
    if (!subject)
      throw new UsageError(
        what === undefined
          ? `report needs a subject: ${names()}`
          : `Unknown report "${what}"; the reports are: ${names()}`,
      );
    return subject.parse(argv, ctx);
  },
};
