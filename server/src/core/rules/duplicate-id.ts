import { setScalarFix } from '../edit';
import type { Entity } from '../model';
import type { Definition } from '../index/entries';
import { entityNoun, TAXONOMY_KINDS } from '../domain';
import type { Location, RelatedInfo } from '../types';
import type { Rule, RuleContext } from './types';

function where(ctx: RuleContext, loc: Location): string {
  const f = ctx.fileAt(loc.uri);
  return `${f?.relativePath ?? loc.uri}:${loc.range.start.line + 1}`;
}

/** A free id close to the duplicate, for the "rename this one" fix. */
function freeId(d: { kind: Entity['kind']; id: string }, taken: (id: string) => boolean): string {
  for (let n = 2; n < 1000; n++) {
    const candidate = `${d.id}-${n}`;
    if (!taken(candidate)) return candidate;
  }
  return `${d.id}-copy`;
}

/**
 * The same id twice for one kind. Workspace-wide kinds are checked through the index (so both
 * files report, each linking the other); stage and touchpoint ids only need to be unique within
 * their journey, so they are compared inside the document.
 */
export const duplicateId: Rule = {
  id: 'duplicate-id',
  defaultSeverity: 'error',
  description: 'Two definitions of one kind share an id, so references to it are ambiguous.',
  appliesTo: TAXONOMY_KINDS,
  check(ctx) {
    const { file, index } = ctx;
    for (const model of file.models) {
      for (const e of model.entities) {
        if (!e.id || e.id.value === '') continue;
        const all = index.definitions(e.kind, e.id.value);
        if (all.length > 1) {
          const others = all.filter(
            (d) =>
              !(
                d.uri === file.uri &&
                d.range.start.line === e.id!.range.start.line &&
                d.range.start.character === e.id!.range.start.character
              ),
          );
          reportDuplicate(
            ctx,
            e.kind,
            e.id.value,
            e.id.range,
            others,
            (id) => index.definitions(e.kind, id).length > 0,
          );
        }
        if (e.kind === 'journey') {
          const seenStages = new Map<string, Entity>();
          const seenTps = new Map<string, Entity>();
          for (const s of e.stages) {
            checkLocal(ctx, s, seenStages);
            for (const t of s.touchpoints) checkLocal(ctx, t, seenTps);
          }
        }
      }
    }
  },
};

function checkLocal(ctx: RuleContext, e: Entity, seen: Map<string, Entity>): void {
  if (!e.id) return;
  const first = seen.get(e.id.value);
  if (!first) {
    seen.set(e.id.value, e);
    return;
  }
  const firstDef: Definition = {
    kind: e.kind,
    id: e.id.value,
    uri: ctx.file.uri,
    range: first.id!.range,
    entity: first,
  };
  reportDuplicate(ctx, e.kind, e.id.value, e.id.range, [firstDef], (id) => seen.has(id));
  // The first one is reported too, pointing at the second, so both places show the problem.
  const secondDef: Definition = { kind: e.kind, id: e.id.value, uri: ctx.file.uri, range: e.id.range, entity: e };
  reportDuplicate(ctx, e.kind, e.id.value, first.id!.range, [secondDef], (id) => seen.has(id), true);
}

function reportDuplicate(
  ctx: RuleContext,
  kind: Entity['kind'],
  id: string,
  range: Location['range'],
  others: readonly Definition[],
  taken: (id: string) => boolean,
  noFix = false,
): void {
  if (others.length === 0) return;
  const related: RelatedInfo[] = others.map((o) => ({
    location: { uri: o.uri, range: o.range },
    message: `The other ${entityNoun(kind)} with id \`${id}\``,
  }));
  const places = others.map((o) => where(ctx, o)).join(', ');
  const scope = kind === 'stage' || kind === 'touchpoint' ? ' in this journey' : '';
  const newId = freeId({ kind, id }, taken);
  const file = ctx.file;
  ctx.report({
    range,
    message: `The ${entityNoun(kind)} id \`${id}\` is also used${scope} at ${places}. Ids must be unique so references are unambiguous.`,
    related,
    fixes: noFix
      ? undefined
      : [setScalarFix(`Rename this ${entityNoun(kind)} to \`${newId}\``, undefined, file, range, newId)],
  });
}
