import type { Position, Range } from '../types';
import type { DocModel, Entity } from './types';

/** True when a position lies inside a range, both ends included. */
function inside(r: Range, p: Position): boolean {
  const after = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return after && before;
}

/**
 * The entities of a document whose mapping holds a position, outermost first: a journey, then
 * its stage, then the touchpoint. The rules that ask "who wrote this reference or this text"
 * (its status, whether it is the term's own entry) read it here.
 */
export function entitiesAt(model: DocModel, pos: Position): Entity[] {
  const out: Entity[] = [];
  let level: readonly Entity[] = model.entities;
  while (level.length > 0) {
    const e = level.find((x) => inside(x.range, pos));
    if (!e) break;
    out.push(e);
    level = e.kind === 'journey' ? e.stages : e.kind === 'stage' ? e.touchpoints : [];
  }
  return out;
}

/**
 * The entity whose status governs what is written at a position: the innermost entity holding
 * it that writes a `status` (a touchpoint with its own, else its journey), or undefined.
 */
export function statusHolderAt(model: DocModel, pos: Position): Entity | undefined {
  const chain = entitiesAt(model, pos);
  for (let i = chain.length - 1; i >= 0; i--) if (chain[i].status !== undefined) return chain[i];
  return undefined;
}
