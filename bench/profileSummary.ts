/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time and total time per function,
 * heaviest first. Usage: `npx tsx bench/profileSummary.ts FILE.cpuprofile [top]`.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self and inclusive milliseconds per function (name + file:line). */
export function summarise(profile: Profile): { name: string; self: number; total: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const label = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules\/)?/, '')}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    self.set(label(n), (self.get(label(n)) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + us);
    }
  }
  return [...total.keys()]
    .map((name) => ({ name, self: (self.get(name) ?? 0) / 1000, total: total.get(name)! / 1000 }))
    .sort((a, b) => b.self - a.self);
}

if (require.main === module) {
  const [file, top = '25'] = process.argv.slice(2);
  const rows = summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  console.log('self ms   total ms  function');
  for (const r of rows.slice(0, Number(top)))
    console.log(`${r.self.toFixed(0).padStart(7)} ${r.total.toFixed(0).padStart(9)}  ${r.name}`);
  console.log('\nby total:');
  for (const r of [...rows].sort((a, b) => b.total - a.total).slice(0, Number(top)))
    console.log(`${r.self.toFixed(0).padStart(7)} ${r.total.toFixed(0).padStart(9)}  ${r.name}`);
}
