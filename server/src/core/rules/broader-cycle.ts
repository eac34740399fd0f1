import type { IndexView, Rule } from './types';

/** How far a `broader` chain is followed; real hierarchies are a handful of levels deep. */
const MAX_DEPTH = 64;

/**
 * `broader` links that go round in a circle (A is a kind of B, B a kind of A): the hierarchy has
 * no top, and "narrower than" stops meaning anything. Each term on the circle reports its own
 * link into it, naming the whole circle.
 */
export const broaderCycle: Rule = {
  id: 'broader-cycle',
  defaultSeverity: 'error',
  description: '`broader` links between glossary terms form a cycle.',
  appliesTo: ['glossary'],
  check({ file, index, report }) {
    for (const model of file.models) {
      for (const e of model.entities) {
        if (e.kind !== 'term' || !e.id || e.id.value === '') continue;
        for (const ref of e.broader) {
          const path = pathBack(index, ref.value, e.id.value);
          if (!path) continue;
          const circle = [e.id.value, ...path].map((id) => `\`${id}\``).join(' → ');
          report({
            range: ref.range,
            message: `These \`broader\` links go round in a circle: ${circle}. A term cannot be broader than itself; remove the link that is wrong.`,
          });
        }
      }
    }
  },
};

/** The ids from `start` along `broader` links back to `target`, if there is such a path. */
function pathBack(index: IndexView, start: string, target: string): string[] | undefined {
  const seen = new Set<string>();
  const walk = (id: string, depth: number): string[] | undefined => {
    if (id === target) return [id];
    if (seen.has(id) || depth > MAX_DEPTH) return undefined;
    seen.add(id);
    for (const d of index.definitions('term', id)) {
      if (d.entity.kind !== 'term') continue;
      for (const b of d.entity.broader) {
        const rest = walk(b.value, depth + 1);
        if (rest) return [id, ...rest];
      }
    }
    return undefined;
  };
  return walk(start, 0);
}
