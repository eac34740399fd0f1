/**
 * What the two sunset rules report, one state each: `sunset-passed` the uses and definitions of
 * what is past its sunset, `sunset-approaching` those whose sunset is within the warning window.
 * One check, so both rules word a date, a count of days and a replacement the same way.
 */
import { entityNoun } from './domain';
import type { Definition } from './index/entries';
import { allEntities, type Entity } from './model';
import type { RuleContext } from './rules/types';
import { daysPhrase, impossibleSunset, sunsetOf, sunsetUsesIn, type Sunset, type SunsetState } from './sunset';
import { glossaryOf } from './terms/glossary';

/** `the segment \`legacy-dsl\` ("Legacy DSL households")`. */
function named(def: Definition): string {
  const e = def.entity;
  const label = e.kind === 'term' ? e.label?.value : e.name?.value;
  return `the ${entityNoun(def.kind)} \`${def.id}\`${label ? ` ("${label.replace(/\s+/g, ' ')}")` : ''}`;
}

/** "reached its sunset on 2020-01-01 (2,190 days ago)" / "reaches its sunset on ... (in 12 days)". */
function when(s: Sunset): string {
  return `${s.state === 'passed' ? 'reached' : 'reaches'} its sunset on ${s.date} (${daysPhrase(s.days)})`;
}

/** The replacement to name: its id, and for a term the label to write. */
function replacement(ctx: RuleContext, def: Definition, s: Sunset): string | undefined {
  if (!s.replacedBy) return undefined;
  if (def.kind !== 'term') return `\`${s.replacedBy}\``;
  const other = ctx.index.definitions('term', s.replacedBy).find((d) => d.entity.kind === 'term')?.entity;
  const label = other?.kind === 'term' ? other.label?.value : undefined;
  return label ? `"${label}" (term \`${s.replacedBy}\`)` : `term \`${s.replacedBy}\``;
}

/** What a use should do now. */
function advice(ctx: RuleContext, def: Definition, s: Sunset): string {
  const r = replacement(ctx, def, s);
  if (s.state === 'passed')
    return r
      ? `Use ${r} instead.`
      : 'Nothing should use it any more: remove this use, or ask its owner to move the date.';
  return r ? `Move to ${r} before then.` : 'Plan to stop using it before then.';
}

/** The message at the definition's `sunset` value. */
function definitionMessage(e: Entity, s: Sunset): string {
  const noun = entityNoun(e.kind);
  const by = s.replacedBy ? `; \`${s.replacedBy}\` replaces it` : '';
  return s.state === 'passed'
    ? `This ${noun}'s sunset was ${s.date} (${daysPhrase(s.days)})${by}. Remove it once nothing uses it, or move the date.`
    : `This ${noun}'s sunset is ${s.date} (${daysPhrase(s.days)})${by}: its uses are reported until then.`;
}

/** Reports one state's sunsets in the file being checked: every use, and each definition. */
export function checkSunsets(ctx: RuleContext, state: SunsetState): void {
  const { file, config, index, report } = ctx;
  const window = { today: config.today, warningDays: config.sunsetWarningDays };
  for (const model of file.models) {
    for (const e of allEntities(model)) {
      if (!e.sunset) continue;
      // An impossible date is said once, by the rule for the past (it cannot be compared at all).
      if (impossibleSunset(e)) {
        if (state === 'passed')
          report({
            range: e.sunset.range,
            message: `\`${e.sunset.value}\` is not a date of the calendar: the sunset of this ${entityNoun(e.kind)} cannot be compared with today. Write a real date (YYYY-MM-DD).`,
          });
        continue;
      }
      const s = sunsetOf(e, window);
      if (s?.state === state) report({ range: e.sunset.range, message: definitionMessage(e, s) });
    }
  }
  const matcher = glossaryOf(index).matcher;
  for (const use of sunsetUsesIn(file, (kind, id) => index.definitions(kind, id), matcher, window)) {
    if (use.sunset.state !== state) continue;
    const what = named(use.target);
    const subject =
      use.how === 'label' ? `"${use.text.replace(/\s+/g, ' ')}" is ${what}, which` : `This names ${what}, which`;
    report({
      range: use.range,
      message: `${subject} ${when(use.sunset)}. ${advice(ctx, use.target, use.sunset)}`,
      related: [
        {
          location: { uri: use.target.uri, range: use.target.entity.sunset?.range ?? use.target.range },
          message: `The sunset of \`${use.target.id}\``,
        },
      ],
      deprecated: use.sunset.state === 'passed' ? true : undefined,
    });
  }
}
