import { oneLine } from '../text/shape';

/** A written value as one line of text, as it is compared and shown (undefined when absent); a list or mapping as JSON. */
export function valueText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  // JSON.stringify spells a number or boolean as String does, and a list or mapping readably.
  return oneLine(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
}
