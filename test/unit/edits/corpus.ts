/**
 * A generated taxonomy written in many YAML styles, for the edit layer's property test. The same
 * content (which plants every problem that has a fix) is written with choices drawn from a seeded
 * generator at every node: block or flow (one line or several, with trailing commas and
 * comments), plain, single- or double-quoted or block scalars, multi-line plain text, anchors and
 * aliases, 0/2/4-space sequence indentation, comment lines, CRLF and a byte order mark.
 */
import { mulberry32 } from '../../../bench/random';

type Scalar = { t: 's'; v: string; anchor?: string; style?: 'folded' | 'literal' | 'plain2' };
type List = { t: 'l'; items: Node[]; anchor?: string };
type MapNode = { t: 'm'; entries: [string, Node][]; anchor?: string };
type Alias = { t: 'a'; name: string };
/** An empty value: `key:`, `key: # to do` or `key: ~`. */
type Empty = { t: 'null'; form: 'bare' | 'comment' | 'tilde' };
type Node = Scalar | List | MapNode | Alias | Empty;

const s = (v: string, style?: Scalar['style']): Scalar => ({ t: 's', v, style });
const l = (...items: Node[]): List => ({ t: 'l', items });
const m = (...entries: [string, Node][]): MapNode => ({ t: 'm', entries });
const ids = (...v: string[]) => l(...v.map((x) => s(x)));

/** Strings that plain YAML would misread, for free text the fixes must keep intact. */
const TRICKY = [
  'Customers #1 first',
  'Segment: key accounts',
  '[Beta] cohort',
  '{curly} start',
  '- dash start',
  '@handle',
  '`tick` start',
  '* star',
  'yes',
  '123',
  ' padded ',
  'tab\there',
  "it's",
  'say "hi"',
  'a: b # c',
];

/** True when a mapping can be written as a flow mapping here: scalars and lists of scalars, no anchors or aliases. */
function flowable(v: MapNode): boolean {
  return (
    !v.anchor &&
    v.entries.every(
      ([, x]) =>
        (x.t === 's' && !x.anchor && !x.style) ||
        (x.t === 'l' && !x.anchor && x.items.every((i) => i.t === 's' && !i.style)),
    )
  );
}

class Writer {
  constructor(private readonly r: () => number) {}
  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)];
  }
  private chance(p: number): boolean {
    return this.r() < p;
  }

  /** A scalar on one line, for flow context or after `key: ` / `- `. */
  private inline(v: string, flow: boolean): string {
    const simple = /^[a-z][a-z0-9-]*$/.test(v) && !/^(?:y|n|yes|no|on|off|true|false|null)$/.test(v);
    const sentence =
      !flow &&
      /^[A-Za-z][A-Za-z0-9 .]*[A-Za-z0-9.]$/.test(v) &&
      !/ #|: /.test(v) &&
      !/^(?:yes|no|on|off|true|false|null|y|n)$/i.test(v);
    const options: string[] = [JSON.stringify(v)];
    if (!/[\n\t]/.test(v)) options.push(`'${v.replace(/'/g, "''")}'`);
    if (simple || sentence) options.push(v, v);
    return this.pick(options);
  }

  private comment(): string {
    return this.chance(0.25) ? ` # ${this.pick(['note', 'keep: this', 'see [x]', 'to do'])}` : '';
  }

  /** The lines of a mapping at `indent`; the first line may be prefixed by the caller (`- `). */
  map(node: MapNode, indent: number): string[] {
    const pad = ' '.repeat(indent);
    const out: string[] = [];
    for (const [k, v] of node.entries) {
      if (this.chance(0.12)) out.push(`${pad}# about ${k}`);
      out.push(...this.entry(`${pad}${k}:`, v, indent));
    }
    return out;
  }

  private entry(head: string, v: Node, indent: number): string[] {
    const anchor = 'anchor' in v && v.anchor ? ` &${v.anchor}` : '';
    switch (v.t) {
      case 'null':
        return [v.form === 'bare' ? head : v.form === 'tilde' ? `${head} ~` : `${head} # to do`];
      case 'a':
        return [`${head} *${v.name}${this.comment()}`];
      case 's': {
        const style =
          v.style ??
          (v.v.length > 12 && !/[\t]/.test(v.v) && v.v === v.v.trim() && this.chance(0.3)
            ? this.pick(['folded', 'literal', 'plain2'] as const)
            : undefined);
        if (style === 'folded' || style === 'literal') {
          if (/^\s|\s$|\t/.test(v.v)) return [`${head}${anchor} ${JSON.stringify(v.v)}`];
          const words = v.v.split(' ');
          const cut = Math.max(1, Math.floor(words.length / 2));
          const body =
            style === 'folded' && words.length > 1
              ? [words.slice(0, cut).join(' '), words.slice(cut).join(' ')]
              : [v.v];
          return [
            `${head}${anchor} ${style === 'folded' ? '>-' : '|-'}`,
            ...body.map((b) => `${' '.repeat(indent + 2)}${b}`),
          ];
        }
        if (style === 'plain2' && /^[A-Za-z][A-Za-z0-9 .]*$/.test(v.v) && v.v.includes(' ')) {
          const at = v.v.indexOf(' ');
          return [`${head}${anchor} ${v.v.slice(0, at)}`, `${' '.repeat(indent + 2)}${v.v.slice(at + 1)}`];
        }
        return [`${head}${anchor} ${this.inline(v.v, false)}${this.comment()}`];
      }
      case 'l':
        return this.list(head + anchor, v, indent);
      case 'm': {
        if (this.chance(0.3) && flowable(v)) return [`${head}${anchor} ${this.flowMap(v, indent + 2)}`];
        return [`${head}${anchor}`, ...this.map(v, indent + 2)];
      }
    }
  }

  private list(head: string, v: List, indent: number): string[] {
    const scalars = v.items.every((x) => x.t === 's');
    const style =
      v.items.length === 0
        ? 'flow'
        : scalars
          ? this.pick(['flow', 'flow', 'multi', 'block', 'block'])
          : this.pick(['block', 'block', 'flowmaps']);
    if (style === 'flow') {
      const items = v.items.map((x) => this.inline((x as Scalar).v, true));
      const trailing = items.length && this.chance(0.2) ? ', ' : '';
      return [`${head} [${items.join(', ')}${trailing}]${this.comment()}`];
    }
    if (style === 'multi') {
      const pad = ' '.repeat(indent + 4);
      const items = v.items.map(
        (x, i) =>
          `${pad}${this.inline((x as Scalar).v, true)}${i < v.items.length - 1 || this.chance(0.3) ? ',' : ''}${this.comment()}`,
      );
      return [`${head} [`, ...items, `${' '.repeat(indent + 2)}]`];
    }
    const dash = indent + this.pick([0, 2, 2, 4]);
    const out = [head];
    for (const item of v.items) {
      if (this.chance(0.1)) out.push(`${' '.repeat(dash)}# an item`);
      if (item.t === 'm') {
        if (flowable(item) && (style === 'flowmaps' || this.chance(0.25))) {
          out.push(`${' '.repeat(dash)}- ${this.flowMap(item, dash + 2)}`);
        } else {
          const lines = this.map(item, dash + 2);
          out.push(`${' '.repeat(dash)}- ${lines[0].trimStart()}`, ...lines.slice(1));
        }
      } else if (item.t === 's') {
        const folded = item.style === 'folded' || (item.v.length > 8 && this.chance(0.15));
        if (folded && !/^\s|\s$|\t/.test(item.v))
          out.push(`${' '.repeat(dash)}- >-`, `${' '.repeat(dash + 4)}${item.v}`);
        else out.push(`${' '.repeat(dash)}- ${this.inline(item.v, false)}${this.comment()}`);
      }
    }
    return out;
  }

  /** A flow mapping on one line or several (`{ a: b,\n  c: d }`), continuation lines at `indent`. */
  private flowMap(v: MapNode, indent: number): string {
    const parts = v.entries.map(
      ([k, x]) =>
        `${k}: ${x.t === 's' ? this.inline(x.v, true) : `[${(x as List).items.map((i) => this.inline((i as Scalar).v, true)).join(', ')}]`}`,
    );
    if (parts.length > 1 && this.chance(0.5)) {
      const pad = ' '.repeat(indent + 2);
      return `{ ${parts[0]},\n${parts
        .slice(1)
        .map((p, i, all) => `${pad}${p}${i < all.length - 1 ? ',' : ''}${i < all.length - 1 ? this.comment() : ''}`)
        .join('\n')} }`;
    }
    return `{ ${parts.join(', ')}${this.chance(0.15) ? ', ' : ' '}}`;
  }
}

/** The content of the generated taxonomy: every problem that has a fix, planted once or more. */
function content(r: () => number): Record<string, MapNode> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const tricky = () => pick(TRICKY);
  const personasOfSavers: [string, Node][] = (() => {
    switch (pick(['missing', 'bare', 'comment', 'tilde', 'empty', 'one', 'list', 'folded'])) {
      case 'missing':
        return [];
      case 'bare':
        return [['personas', { t: 'null', form: 'bare' }]];
      case 'comment':
        return [['personas', { t: 'null', form: 'comment' }]];
      case 'tilde':
        return [['personas', { t: 'null', form: 'tilde' }]];
      case 'empty':
        return [['personas', l()]];
      case 'one':
        return [['personas', s('someone')]];
      case 'folded':
        return [['personas', l(s('someone', 'folded'))]];
      default:
        return [['personas', ids('someone', 'other')]];
    }
  })();
  const touchpoint = (id: string, extra: [string, Node][] = []): MapNode =>
    m(['id', s(id)], ['name', s(pick(['Welcome email', 'Our best buyers call', 'Setup visit']))], ...extra);
  return {
    'org.teams.yaml': m(
      ['kind', s('teams')],
      [
        'teams',
        l(
          m(['id', s('cx-ops')], ['name', s('CX Operations')], ['function', s('cx')]),
          m(['id', s('brand-marketing')], ['name', s('Brand')], ['function', s('marketing')]),
          m(['id', s('sales-team')], ['name', s('Sales')], ['function', s('sales')]),
        ),
      ],
    ),
    'g.glossary.yaml': m(
      ['kind', s('glossary')],
      ['vocabulary', s('cx')],
      ['owner', s('cx-ops')],
      [
        'terms',
        l(
          m(
            ['id', s('top-customers')],
            ['term', s(pick(['Customers #1', 'Segment: key accounts', '[Beta] cohort', 'Key accounts']))],
            ['definition', s('The ones who buy most.')],
            ['avoid', ids('best buyers')],
          ),
          m(
            ['id', s('persona')],
            ['term', s('Persona')],
            ['definition', s('One type of customer.')],
            ['equivalent', s('segment-term')],
          ),
        ),
      ],
    ),
    'm.glossary.yaml': m(
      ['kind', s('glossary')],
      ['vocabulary', s('marketing')],
      ['owner', s('brand-marketing')],
      ['terms', l(m(['id', s('segment-term')], ['term', s('Segment')], ['definition', s(tricky())]))],
    ),
    'p.persona.yaml': m(
      ['kind', s('persona')],
      ['id', s('busy-parent')],
      ['name', s('Busy Parent')],
      ['owner', s('cx-ops')],
      ['segments', ids('families', 'savers')],
      ['description', s(`${tricky()} and our best buyers, ${tricky()}`)],
      ['goals', l(s(pick(['Best buyers first', 'Save time', 'best buyers: all'])), s(tricky()))],
    ),
    'f.segment.yaml': m(
      ['kind', s('segment')],
      ['id', s('families')],
      ['name', s('Families')],
      ['owner', s('brand-marketing')],
      ['personas', ids('busy-parent')],
      ['lifecycleStage', s('acquisition')],
    ),
    'savers.segment.yaml': m(
      ['kind', s('segment')],
      ['id', s('savers')],
      ['name', s(tricky())],
      ['owner', s('brand-marketing')],
      ...personasOfSavers,
      ['lifecycleStage', s('acquisition')],
    ),
    'k.kpi.yaml': m(
      ['kind', s(pick(['kpi', 'segment']))],
      ['id', s('nps')],
      ['name', s('NPS')],
      ['owner', s('cx-ops')],
      ['direction', s('increase')],
    ),
    'k2.kpi.yaml': m(
      ['kind', s('kpi')],
      ['id', s('nps')],
      ['name', s('NPS again')],
      ['owner', s('cx-ops')],
      ['direction', s('increase')],
    ),
    'j.journey.yaml': m(
      ['kind', s('journey')],
      ['id', s('onboarding')],
      ['name', s('Onboarding')],
      ['persona', s('busy-parent')],
      ['owner', s('cx-ops')],
      ['x-shared', { ...ids('cx-ops', 'brand-marketing'), anchor: 'both' }],
      [
        'stages',
        l(
          m(
            ['id', s('welcome')],
            ['name', s('Welcome')],
            ['lifecycleStage', s('onboarding')],
            [
              'touchpoints',
              l(
                touchpoint('first-mail'),
                touchpoint('shared-call', [['owner', ids('cx-ops', 'sales-team')]]),
                touchpoint('typo-owner', [['owner', s('cx-opz')]]),
                touchpoint('aliased', [
                  ['owner', { t: 'a', name: 'both' }],
                  ['lead', s('cx-ops')],
                ]),
                touchpoint('bad-lead', [
                  ['owner', ids('cx-ops', 'brand-marketing')],
                  ['lead', s('sales-team')],
                ]),
                touchpoint('first-mail'),
              ),
            ],
          ),
        ),
      ],
    ),
  };
}

/** One generated taxonomy: relative path -> text. */
export function generateCorpus(seed: number): Record<string, string> {
  const r = mulberry32(seed);
  const w = new Writer(r);
  const out: Record<string, string> = {};
  for (const [path, doc] of Object.entries(content(r))) {
    let text = w.map(doc, 0).join('\n') + (r() < 0.9 ? '\n' : '');
    if (r() < 0.2) text = text.replace(/\n/g, '\r\n');
    if (r() < 0.15) text = '\ufeff' + text;
    out[path] = text;
  }
  return out;
}
