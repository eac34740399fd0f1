/**
 * Calendar dates as the taxonomy writes them (`sunset: 2027-03-31`): ISO `YYYY-MM-DD` strings,
 * compared as days. "Today" is the machine's local date unless a front end pins it (`--today`,
 * `CX_TAXONOMY_TODAY`), so that CI runs and tests are reproducible.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number (days since 1970-01-01) of an ISO date, or undefined when it is not a real date. */
export function dayNumber(iso: string): number | undefined {
  const m = ISO_DATE.exec(iso.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over into March: a date that does not read back is not a date.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return Math.round(ms / 86_400_000);
}

/** Whether a string is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  return dayNumber(text) !== undefined;
}

/** The local calendar date of a moment, as `YYYY-MM-DD`. */
export function localIsoDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The days from `from` to `to` (negative when `to` is earlier), or undefined when either is not a date. */
export function daysBetween(from: string, to: string): number | undefined {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === undefined || b === undefined ? undefined : b - a;
}

/** The environment variable that pins "today" for the CLI and the language server. */
export const TODAY_ENV = 'CX_TAXONOMY_TODAY';

/** The problem with a pinned date, in words, or undefined when it is a real `YYYY-MM-DD` date. */
export function pinnedDateProblem(source: string, value: string): string | undefined {
  return isIsoDate(value)
    ? undefined
    : `${source} must be a date written YYYY-MM-DD (for example 2027-01-31), not "${value}".`;
}
