/**
 * Inlay hints for ownership: a touchpoint without an `owner` of its own shows the owner it
 * inherits from its stage (`owner: cx-onboarding (from stage)`), or `no owner` where the
 * touchpoint-owner rule reports it. Inheritance stops at the stage (DESIGN), so everything a hint
 * says is in the file itself; only the rule's verdict comes from the file's last check.
 */
import type { Ownership, Stage, Touchpoint } from '../model';
import { effectiveOwner } from '../ownership';
import type { TaxonomyFile } from '../taxonomyFile';
import type { Position, Range } from '../types';
import type { TaxonomyWorkspace } from '../workspace';

/** One hint: a short label after a touchpoint's id, and a sentence saying where it comes from. */
export interface OwnerHint {
  position: Position;
  label: string;
  tooltip: string;
}

/** The rule whose verdict a `no owner` hint repeats. */
const TOUCHPOINT_OWNER = 'touchpoint-owner';

/**
 * The ownership hints of a journey file whose position lies in `range`. `no owner` is shown where
 * the file's last check reports touchpoint-owner (so a rule turned off or a finding silenced with
 * a comment shows none).
 */
export function ownerHints(workspace: TaxonomyWorkspace, file: TaxonomyFile, range: Range): OwnerHint[] {
  if (file.kind !== 'journey' || file.unreadable) return [];
  const out: OwnerHint[] = [];
  let firing: Set<string> | undefined;
  const fires = (r: Range) => {
    firing ??= new Set(
      workspace
        .diagnostics(file.uri)
        .filter((d) => d.ruleId === TOUCHPOINT_OWNER)
        .map((d) => key(d.range.start)),
    );
    return firing.has(key(r.start));
  };
  for (const model of file.models) {
    for (const journey of model.entities) {
      if (journey.kind !== 'journey') continue;
      for (const stage of journey.stages) {
        for (const tp of stage.touchpoints) {
          const hint = hintFor(tp, stage, fires);
          if (hint && inRange(hint.position, range)) out.push(hint);
        }
      }
    }
  }
  return out;
}

function hintFor(tp: Touchpoint, stage: Stage, fires: (r: Range) => boolean): OwnerHint | undefined {
  if (tp.owner && tp.owner.teams.length) return undefined;
  const stageLabel = stage.name?.value ?? stage.id?.value ?? 'its stage';
  // The rule reports a touchpoint at its id (else its name, else the whole mapping): the same place.
  const reported = (tp.id ?? tp.name)?.range ?? tp.range;
  const eff = effectiveOwner(tp, stage);
  if (eff) {
    return {
      position: reported.end,
      label: `${ownerText(eff.owner)} (from stage)`,
      tooltip: `Inherited from stage \`${stageLabel}\`. Give the touchpoint an \`owner\` of its own to change it.`,
    };
  }
  if (!fires(reported)) return undefined;
  return {
    position: reported.end,
    label: 'no owner',
    tooltip: `Neither this touchpoint nor stage \`${stageLabel}\` has an \`owner\` (touchpoint-owner).`,
  };
}

/** `owner: a`, `owner: [a, b]`, `owner: [a, b], lead: a`: as the owner is written on the stage. */
function ownerText(o: Ownership): string {
  const teams = o.teams.map((t) => t.value);
  const owner = o.isList || teams.length > 1 ? `owner: [${teams.join(', ')}]` : `owner: ${teams[0]}`;
  return o.lead ? `${owner}, lead: ${o.lead.value}` : owner;
}

function key(p: Position): string {
  return `${p.line}:${p.character}`;
}

function inRange(p: Position, r: Range): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}
