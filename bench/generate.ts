/**
 * A deterministic, seeded generator of realistic cx-taxonomy workspaces for the benchmarks.
 *
 * Every entity draws from its own random stream, seeded by (seed, kind, index), so journey 0 of
 * the S workspace is the same journey as journey 0 of L: latency measured on it compares like
 * with like. Problems are planted at known rates and counted in a manifest, so a lint of the
 * workspace can be checked against what was planted (the smoke test does exactly that).
 *
 * With `styled`, a quarter of the YAML files are then rewritten with the habits people have (CRLF,
 * `---`, wrapped descriptions, flow mappings, quoted keys, ...: bench/styles.ts), values unchanged.
 *
 * Run: `npx tsx bench/generate.ts [S|M|L|L-styled|all] [--seed N]` -> bench/workspaces/<size>/
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { mulberry32 } from './random';
import { wrapWords } from './wrap';
import { restyleWorkspace, type StyleManifest } from './styles';

/** How many entities of each kind a workspace holds. */
export interface SizeSpec {
  teamsFiles: number;
  teamsPerFile: number;
  glossaryFiles: number;
  termsPerGlossary: number;
  personas: number;
  segments: number;
  journeys: number;
  kpis: number;
  docs: number;
}

export const SIZES: Readonly<Record<'S' | 'M' | 'L', SizeSpec>> = {
  // ~60 files: one editor window's worth.
  S: {
    teamsFiles: 1,
    teamsPerFile: 12,
    glossaryFiles: 2,
    termsPerGlossary: 20,
    personas: 8,
    segments: 8,
    journeys: 24,
    kpis: 8,
    docs: 8,
  },
  // ~1,000 files: a mid-size company.
  M: {
    teamsFiles: 2,
    teamsPerFile: 10,
    glossaryFiles: 4,
    termsPerGlossary: 50,
    personas: 100,
    segments: 100,
    journeys: 600,
    kpis: 100,
    docs: 100,
  },
  // ~10,000 files (9,048 YAML, tens of MB, and 1,000 Markdown docs): a large company.
  L: {
    teamsFiles: 8,
    teamsPerFile: 8,
    glossaryFiles: 40,
    termsPerGlossary: 50,
    personas: 1000,
    segments: 1000,
    journeys: 6000,
    kpis: 1000,
    docs: 1000,
  },
};

/**
 * The planted problems, as rates. Each rate is per candidate (touchpoint, journey, KPI, ...);
 * the generator counts exactly what it planted into the manifest.
 */
export const RATES = {
  /** Touchpoints of a stage with no owner that also have no owner of their own. */
  unownedStage: 0.04,
  /** Among touchpoints of an unowned stage, the share left without an owner. */
  unownedTouchpointInUnownedStage: 0.5,
  /** Journeys whose persona id has a typo. */
  badPersonaRef: 0.01,
  /** Touchpoint KPI references with a typo. */
  badKpiRef: 0.003,
  /** Shared owners (`owner: [a, b]`) written without `lead`. */
  sharedWithoutLead: 0.2,
  /** Touchpoints handing off to the team that already owns them. */
  selfHandoff: 0.01,
  /** KPIs without an owner. */
  kpiWithoutOwner: 0.03,
  /** KPIs with a `direction` outside the enum (a schema error). */
  badDirection: 0.01,
  /** Journeys with a YAML syntax error (an unclosed quote). */
  yamlError: 0.001,
  /** Duplicated persona ids, as extra persona files. */
  duplicatePersona: 0.005,
  /** Markdown docs that use a deprecated (`avoid`) label. */
  docDeprecatedTerm: 0.3,
};

/** What was planted: expected diagnostic counts per rule id (only the rules listed). */
export interface Manifest {
  size: string;
  seed: number;
  files: number;
  yamlFiles: number;
  markdownFiles: number;
  bytes: number;
  counts: {
    teams: number;
    terms: number;
    personas: number;
    segments: number;
    journeys: number;
    stages: number;
    touchpoints: number;
    kpis: number;
    docs: number;
  };
  /** Expected number of diagnostics of each rule. */
  expected: Record<string, number>;
  /** The journey the latency benchmarks edit, relative path. */
  benchJourney: string;
  /** The styled variant only: which habits how many files show. */
  style?: StyleManifest;
}

export interface GeneratedWorkspace {
  files: Map<string, string>;
  manifest: Manifest;
}

// ---------------------------------------------------------------------------------------------
// Random numbers: mulberry32 seeded by a string hash; one stream per entity.

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  some<T>(xs: readonly T[], lo: number, hi: number): T[] {
    const n = Math.min(xs.length, this.int(lo, hi));
    const out = new Set<T>();
    while (out.size < n) out.add(this.pick(xs));
    return [...out];
  }
}

const rngFor = (seed: number, kind: string, i: number) => new Rng(hash(`${seed}:${kind}:${i}`));

// ---------------------------------------------------------------------------------------------
// Vocabulary.

const UNITS = ['consumer', 'business', 'mobile', 'broadband', 'tv', 'enterprise', 'wholesale', 'public-sector'];
const AREAS: Record<string, string[]> = {
  marketing: ['brand-marketing', 'lifecycle-marketing', 'growth-marketing', 'partner-marketing'],
  cx: ['cx-design', 'voice-of-customer', 'service-design'],
  sales: ['telesales', 'field-sales', 'retail-sales'],
  service: ['customer-care', 'field-operations', 'billing-care', 'retention-desk'],
  product: ['digital-product', 'app-product'],
  commerce: ['online-shop', 'pricing'],
  technology: ['it-platforms', 'network-ops'],
  analytics: ['customer-analytics', 'data-science'],
  finance: ['revenue-assurance'],
  hr: ['frontline-training'],
};
const AREA_LIST = Object.entries(AREAS).flatMap(([fn, areas]) => areas.map((a) => ({ fn, area: a })));

const ADJ = [
  'busy',
  'digital',
  'loyal',
  'price-sensitive',
  'remote',
  'young',
  'senior',
  'urban',
  'rural',
  'small',
  'growing',
  'premium',
  'value',
  'first-time',
  'returning',
  'connected',
  'mobile',
  'cautious',
  'curious',
  'frequent',
  'occasional',
  'multi-site',
  'seasonal',
  'switching',
  'bundling',
  'streaming',
  'gaming',
  'travelling',
  'student',
  'retired',
  'hybrid',
  'self-employed',
  'family',
  'tech-savvy',
  'eco-minded',
  'budget',
  'high-usage',
  'low-usage',
  'new',
  'long-standing',
];
const ROLES = [
  'professional',
  'organiser',
  'switcher',
  'loyalist',
  'owner',
  'founder',
  'gamer',
  'streamer',
  'commuter',
  'parent',
  'student',
  'traveller',
  'landlord',
  'tenant',
  'shopper',
  'creator',
  'manager',
  'nurse',
  'teacher',
  'engineer',
  'driver',
  'retailer',
  'freelancer',
  'homeworker',
  'caregiver',
  'couple',
  'household',
  'buyer',
  'planner',
  'explorer',
  'sharer',
  'saver',
  'upgrader',
  'downsizer',
  'mover',
  'newcomer',
  'expat',
  'farmer',
  'artist',
  'developer',
];
const FIRST = [
  'Sam',
  'Alex',
  'Priya',
  'Jordan',
  'Maria',
  'Tom',
  'Aisha',
  'Chen',
  'Lena',
  'Omar',
  'Ines',
  'Kofi',
  'Hana',
  'Luca',
  'Zoe',
  'Ravi',
  'Nora',
  'Ben',
  'Ada',
  'Yuki',
];
const NOUNS = [
  'bundles',
  'upgraders',
  'savers',
  'families',
  'professionals',
  'movers',
  'switchers',
  'streamers',
  'travellers',
  'startups',
  'fleets',
  'landlords',
  'students',
  'seniors',
  'gamers',
  'retailers',
  'clinics',
  'schools',
  'farms',
  'cafes',
  'agencies',
  'franchises',
  'charities',
  'councils',
  'studios',
  'workshops',
  'hotels',
  'pharmacies',
  'garages',
  'salons',
  'gyms',
  'offices',
  'warehouses',
  'labs',
  'kitchens',
  'shops',
  'practices',
  'homes',
  'flats',
  'villages',
];
const VERBS = [
  'order',
  'upgrade',
  'switch-to',
  'move-home-with',
  'cancel',
  'renew',
  'activate',
  'repair',
  'pay-for',
  'add',
  'port-number-to',
  'set-up',
  'return',
  'troubleshoot',
  'join',
  'reactivate',
  'downgrade',
  'transfer',
  'pause',
  'expand',
];
const PRODUCTS = [
  'fibre',
  'broadband',
  'sim-only',
  'mobile-plan',
  'tv-package',
  'landline',
  'business-fibre',
  'fleet-sim',
  'smart-home',
  'wifi-extender',
  'roaming-pass',
  'cloud-phone',
  'security-pack',
  'family-plan',
  'prepaid',
  'eSIM',
  'router',
  'handset',
  'streaming-addon',
  'static-ip',
];
const STAGES = [
  { id: 'discover', name: 'Discover', ls: 'awareness' },
  { id: 'research', name: 'Research options', ls: 'consideration' },
  { id: 'compare', name: 'Compare plans', ls: 'consideration' },
  { id: 'check-availability', name: 'Check availability', ls: 'consideration' },
  { id: 'order', name: 'Order', ls: 'conversion' },
  { id: 'sign-up', name: 'Sign up', ls: 'acquisition' },
  { id: 'install', name: 'Installation', ls: 'onboarding' },
  { id: 'activate', name: 'Activate', ls: 'onboarding' },
  { id: 'settle-in', name: 'Settle in', ls: 'adoption' },
  { id: 'first-bill', name: 'First bill', ls: 'adoption' },
  { id: 'get-help', name: 'Get help', ls: 'retention' },
  { id: 'renew', name: 'Renew', ls: 'retention' },
  { id: 'add-more', name: 'Add more', ls: 'expansion' },
  { id: 'recommend', name: 'Recommend', ls: 'advocacy' },
  { id: 'come-back', name: 'Come back', ls: 'win-back' },
];
const CHANNELS = [
  'web',
  'mobile-app',
  'email',
  'sms',
  'phone',
  'chat',
  'social',
  'store',
  'field',
  'partner',
  'print',
  'direct-mail',
  'video',
  'in-product',
  'in-person',
  'event',
];
const ACTIONS = [
  'checker',
  'order-form',
  'confirmation',
  'reminder',
  'survey',
  'callback',
  'visit',
  'tutorial',
  'offer',
  'statement',
  'alert',
  'booking',
  'consultation',
  'tracker',
  'welcome-pack',
  'fault-report',
  'feedback',
  'upgrade-prompt',
  'payment',
  'contract-summary',
];
const MEASURES = ['rate', 'score', 'time', 'share', 'cost', 'volume', 'ratio', 'index'];
const METRIC_OBJECTS = [
  'churn',
  'conversion',
  'activation',
  'install-success',
  'first-contact-resolution',
  'effort',
  'promoter',
  'upsell',
  'renewal',
  'complaint',
  'repeat-contact',
  'abandonment',
  'adoption',
  'retention',
  'acquisition',
  'callback',
  'refund',
  'fault',
  'delivery',
  'payment',
  'app-login',
  'self-service',
  'win-back',
  'referral',
  'engagement',
];
const QUALIFIERS = [
  'customer',
  'journey',
  'lifecycle',
  'service',
  'brand',
  'channel',
  'digital',
  'retention',
  'acquisition',
  'loyalty',
  'onboarding',
  'billing',
  'network',
  'contract',
  'household',
  'account',
  'offer',
  'campaign',
  'segment',
  'persona',
  'touchpoint',
  'handoff',
  'complaint',
  'feedback',
  'experience',
  'value',
  'usage',
  'upgrade',
  'renewal',
  'referral',
  'support',
  'self-service',
  'field',
  'store',
  'partner',
  'content',
  'pricing',
  'product',
  'order',
  'delivery',
  'payment',
  'fault',
  'repair',
  'install',
  'activation',
  'survey',
  'effort',
  'promoter',
  'conversion',
  'churn',
];
const HEADS = [
  'stage',
  'rate',
  'score',
  'map',
  'owner',
  'profile',
  'moment',
  'signal',
  'cohort',
  'funnel',
  'metric',
  'target',
  'programme',
  'policy',
  'window',
  'path',
  'event',
  'queue',
  'backlog',
  'review',
  'playbook',
  'charter',
  'promise',
  'standard',
  'baseline',
  'threshold',
  'forecast',
  'benchmark',
  'dashboard',
  'definition',
  'journey',
  'lifecycle',
  'segment',
  'persona',
  'touchpoint',
  'handoff',
  'experience',
  'pain point',
  'gap',
  'owner map',
];
const JARGON_A = [
  'synergy',
  'eyeball',
  'mindshare',
  'blue-sky',
  'bleeding-edge',
  'low-hanging',
  'boil-the-ocean',
  'move-the-needle',
  'deep-dive',
  'helicopter',
  'bandwidth',
  'ping',
  'circle-back',
  'touch-base',
  'drill-down',
  'best-of-breed',
  'game-changer',
  'thought-shower',
  'paradigm',
  'win-win',
  'value-add',
  'leverage',
  'ideation',
  'growth-hack',
  'omni',
  'hyper',
  'mega',
  'turbo',
  'ninja',
  'rockstar',
];
const JARGON_B = [
  'funnel',
  'bucket',
  'ask',
  'learning',
  'wheelhouse',
  'runway',
  'tiger team',
  'swim lane',
  'bake-off',
  'north star',
  'magic',
  'flywheel',
  'pipeline',
  'wave',
  'sprint',
  'play',
  'lever',
  'engine',
  'machine',
  'factory',
  'hub',
  'tower',
  'cockpit',
  'radar',
  'compass',
  'ladder',
  'bridge',
  'pulse',
  'rocket',
  'matrix',
];
const SENTENCES = [
  'Customers expect to finish this without calling us.',
  'Most complaints start when a promise made here is not kept.',
  'The team reviews this every quarter with the latest survey results.',
  'Digital first, with a human fallback when the customer asks for one.',
  'We measure it weekly and share it with every team involved.',
  'A clear next step is always shown, with the date it will happen.',
  'The offer must match what the customer saw in the campaign.',
  'Handoffs between teams are where most delays are reported.',
  'Customers who finish this in one session are far more likely to stay.',
  'Agreed with Finance and Customer Care in the last planning round.',
];

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const words = (id: string) => id.replace(/-/g, ' ');
const yamlStr = (s: string) =>
  /^[\w][\w ,.()/'&-]*$/.test(s) && !/^(true|false|null|yes|no|on|off|~)$/i.test(s) && !/[:#]/.test(s) && !/^\d/.test(s)
    ? s
    : JSON.stringify(s);

/** Wraps prose into a folded block scalar at the given indent. */
function folded(key: string, text: string, indent: string): string {
  const lines = wrapWords(text, 92 - indent.length);
  return `${indent}${key}: >-\n${lines.map((l) => `${indent}  ${l}`).join('\n')}\n`;
}

function prose(r: Rng, n: number, extra: string[] = []): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(r.pick(SENTENCES));
  return [...extra, ...parts].join(' ');
}

/** A typo that turns an id into one nothing defines (but still close enough for "did you mean"). */
const typo = (id: string) => `${id}x`;

// ---------------------------------------------------------------------------------------------
// The generator.

interface Team {
  id: string;
  name: string;
  fn: string;
}

interface Term {
  id: string;
  label: string;
  vocabulary: string;
  avoid?: string;
}

/** Generates a workspace in memory: relative path -> text, plus the manifest of planted problems. */
export function generateWorkspace(
  spec: SizeSpec,
  seed = 1,
  sizeName = 'custom',
  options: { styled?: boolean } = {},
): GeneratedWorkspace {
  const files = new Map<string, string>();
  /** Files the styler leaves as they are: the broken journeys (one syntax error each, whatever the style). */
  const keepClean = new Set<string>();
  const expected: Record<string, number> = {
    'touchpoint-owner': 0,
    'unresolved-reference': 0,
    'shared-ownership-lead': 0,
    'handoff-owner': 0,
    'kpi-owner': 0,
    schema: 0,
    'yaml-syntax': 0,
    'duplicate-id': 0,
    'deprecated-term': 0,
  };

  // Teams: one file per business unit.
  const teams: Team[] = [];
  for (let f = 0; f < spec.teamsFiles; f++) {
    const unit = UNITS[f % UNITS.length] + (f >= UNITS.length ? `-${Math.floor(f / UNITS.length) + 1}` : '');
    const r = rngFor(seed, 'teams', f);
    let out = `# ${cap(words(unit))}: every team that can own a persona, segment, journey, touchpoint, KPI or term.\n# Keep \`function\` accurate: it colours the journey map.\nkind: teams\nteams:\n`;
    for (let t = 0; t < spec.teamsPerFile; t++) {
      const { fn, area } = AREA_LIST[(t * 7 + f * 3) % AREA_LIST.length];
      let id = `${unit}-${area}`;
      if (teams.some((x) => x.id === id)) id = `${id}-${t}`;
      const team = { id, name: `${cap(words(unit))} ${cap(words(area))}`, fn };
      teams.push(team);
      out += `  - id: ${id}\n    name: ${yamlStr(team.name)}\n    function: ${fn}\n    description: ${yamlStr(`${cap(words(area))} for the ${words(unit)} business. ${r.pick(SENTENCES)}`)}\n`;
      if (r.chance(0.5)) out += `    contact: "#${id}"\n`;
      out += `    status: approved\n\n`;
    }
    files.set(`teams/${unit}.teams.yaml`, out.trimEnd() + '\n');
  }
  const teamsOf = (fn: string) => teams.filter((t) => t.fn === fn);
  const pickTeam = (r: Rng, fns?: string[]) => {
    const pool = fns ? teams.filter((t) => fns.includes(t.fn)) : teams;
    return r.pick(pool.length ? pool : teams);
  };

  // Glossary terms, with marketing <-> cx equivalents written on both sides.
  const terms: Term[] = [];
  const labels = new Set<string>();
  const nTerms = spec.glossaryFiles * spec.termsPerGlossary;
  const vocabularies = ['marketing', 'cx', 'shared'];
  let jargon = 0;
  for (let i = 0; i < nTerms; i++) {
    const r = rngFor(seed, 'term', i);
    let label = '';
    for (let tries = 0; tries < 50 && (!label || labels.has(label.toLowerCase())); tries++)
      label = `${cap(r.pick(QUALIFIERS))} ${r.pick(HEADS)}`;
    if (labels.has(label.toLowerCase())) label = `${label} ${i}`;
    labels.add(label.toLowerCase());
    const vocabulary = vocabularies[Math.floor(i / spec.termsPerGlossary) % 3];
    const term: Term = { id: label.toLowerCase().replace(/[^a-z0-9]+/g, '-'), label, vocabulary };
    if (r.chance(0.3) && jargon < JARGON_A.length * JARGON_B.length) {
      term.avoid = `${JARGON_A[jargon % JARGON_A.length]} ${JARGON_B[Math.floor(jargon / JARGON_A.length) % JARGON_B.length]}`;
      jargon++;
    }
    terms.push(term);
  }
  const equivalent = new Map<string, string>();
  for (let i = 0; i + spec.termsPerGlossary < nTerms; i += 7) {
    const a = terms[i];
    const b = terms[i + spec.termsPerGlossary];
    if (a.vocabulary === 'marketing' && b.vocabulary === 'cx' && !equivalent.has(a.id) && !equivalent.has(b.id)) {
      equivalent.set(a.id, b.id);
      equivalent.set(b.id, a.id);
    }
  }
  for (let f = 0; f < spec.glossaryFiles; f++) {
    const r = rngFor(seed, 'glossary', f);
    const vocabulary = vocabularies[f % 3];
    const steward = pickTeam(
      r,
      vocabulary === 'marketing' ? ['marketing'] : vocabulary === 'cx' ? ['cx'] : ['analytics', 'cx', 'marketing'],
    );
    let out = `# ${cap(vocabulary)} glossary, part ${f + 1}: the words ${steward.name} agreed on.\nkind: glossary\nid: ${vocabulary}-glossary-${f + 1}\nname: ${yamlStr(`${cap(vocabulary)} glossary ${f + 1}`)}\nvocabulary: ${vocabulary}\nowner: ${steward.id}\nterms:\n`;
    for (let k = 0; k < spec.termsPerGlossary; k++) {
      const i = f * spec.termsPerGlossary + k;
      const t = terms[i];
      const tr = rngFor(seed, 'term-body', i);
      out += `  - id: ${t.id}\n    term: ${yamlStr(t.label)}\n`;
      const def = `The ${t.label.toLowerCase()} as ${vocabulary === 'shared' ? 'every team' : `the ${vocabulary} teams`} use it: ${prose(tr, 1).toLowerCase()}`;
      out += tr.chance(0.5)
        ? folded('definition', `${def} ${prose(tr, 1)}`, '    ')
        : `    definition: ${yamlStr(def)}\n`;
      if (tr.chance(0.4)) out += `    aliases: [${yamlStr(`${t.label} (${vocabulary})`)}]\n`;
      if (t.avoid) out += `    avoid: [${t.avoid}]\n`;
      const eq = equivalent.get(t.id);
      if (eq) out += `    equivalent: ${eq}\n`;
      if (tr.chance(0.3)) {
        const rel = terms[tr.int(0, nTerms - 1)];
        if (rel.id !== t.id) out += `    related: [${rel.id}]\n`;
      }
      out += `    status: ${tr.chance(0.9) ? 'approved' : 'draft'}\n\n`;
    }
    files.set(`glossary/${vocabulary}-${String(f + 1).padStart(2, '0')}.glossary.yaml`, out.trimEnd() + '\n');
  }
  const avoidTerms = terms.filter((t) => t.avoid);

  // Personas and segments, linked both ways.
  const personaIds: string[] = [];
  const segmentIds: string[] = [];
  const personaSet = new Set<string>();
  for (let i = 0; i < spec.personas; i++) {
    const base = `${ADJ[i % ADJ.length]}-${ROLES[Math.floor(i / ADJ.length) % ROLES.length]}`;
    const id = personaSet.has(base) ? `${base}-${i}` : base;
    personaSet.add(id);
    personaIds.push(id);
  }
  const segmentSet = new Set<string>();
  for (let i = 0; i < spec.segments; i++) {
    const base = `${ADJ[(i * 3) % ADJ.length]}-${NOUNS[Math.floor(i / ADJ.length) % NOUNS.length]}`;
    const id = segmentSet.has(base) ? `${base}-${i}` : base;
    segmentSet.add(id);
    segmentIds.push(id);
  }
  const segsOfPersona = personaIds.map((_, i) => [...new Set([i % spec.segments, (i * 7 + 3) % spec.segments])]);
  const personasOfSeg: number[][] = segmentIds.map(() => []);
  segsOfPersona.forEach((ss, p) => ss.forEach((s) => personasOfSeg[s].push(p)));

  const ownerLines = (r: Rng, indent: string, fns: string[], sharedChance: number, noLeadRate: number): string => {
    if (r.chance(sharedChance)) {
      const a = pickTeam(r, fns);
      let b = pickTeam(r);
      if (b.id === a.id) b = teams[(teams.indexOf(a) + 1) % teams.length];
      if (r.chance(noLeadRate)) {
        expected['shared-ownership-lead']++;
        return `${indent}owner: [${a.id}, ${b.id}]\n`;
      }
      return `${indent}owner: [${a.id}, ${b.id}]\n${indent}lead: ${a.id}\n`;
    }
    return `${indent}owner: ${pickTeam(r, fns).id}\n`;
  };

  for (let i = 0; i < spec.personas; i++) {
    const r = rngFor(seed, 'persona', i);
    const id = personaIds[i];
    const role = words(id.replace(/-\d+$/, ''));
    let out = `# Persona maintained by CX Design from the latest research wave.\nkind: persona\nid: ${id}\nname: ${yamlStr(`${r.pick(FIRST)}, the ${role}`)}\n`;
    out += ownerLines(r, '', ['cx'], 0.1, RATES.sharedWithoutLead);
    out += `status: ${r.chance(0.9) ? 'approved' : 'draft'}\n`;
    out += folded('description', `A ${role} who deals with us across several channels. ${prose(r, 3)}`, '');
    out += `goals:\n${r
      .some(SENTENCES, 2, 3)
      .map((s) => `  - ${s.replace(/\.$/, '')}\n`)
      .join('')}`;
    out += `pains:\n${r
      .some(SENTENCES, 1, 3)
      .map((s) => `  - ${s.replace(/\.$/, '')}\n`)
      .join('')}`;
    out += `segments:\n${segsOfPersona[i].map((s) => `  - ${segmentIds[s]}\n`).join('')}`;
    out += `quote: "${r.pick(SENTENCES)}"\ntags: [${r.some(['consumer', 'b2b', 'broadband', 'mobile', 'tv', 'fibre', 'digital'], 1, 3).join(', ')}]\n`;
    files.set(`personas/${id}.persona.yaml`, out);
  }
  // Planted duplicates: extra persona files reusing an existing id (both places are reported).
  const dupCount = Math.round(spec.personas * RATES.duplicatePersona);
  for (let d = 0; d < dupCount; d++) {
    const id = personaIds[(d * 37) % personaIds.length];
    files.set(
      `personas/${id}-copy.persona.yaml`,
      `# A copy someone forgot to rename.\nkind: persona\nid: ${id}\nname: ${yamlStr(`Copy of ${words(id)}`)}\nowner: ${teamsOf('cx')[0]?.id ?? teams[0].id}\nstatus: draft\nsegments: [${segmentIds[segsOfPersona[(d * 37) % personaIds.length][0]]}]\n`,
    );
    expected['duplicate-id'] += 2;
  }

  for (let i = 0; i < spec.segments; i++) {
    const r = rngFor(seed, 'segment', i);
    const id = segmentIds[i];
    let out = `# Segment maintained by Lifecycle Marketing.\nkind: segment\nid: ${id}\nname: ${yamlStr(cap(words(id.replace(/-\d+$/, ''))))}\n`;
    out += ownerLines(r, '', ['marketing'], 0.1, RATES.sharedWithoutLead);
    out += `status: approved\n`;
    out += folded('description', `Customers we reach as ${words(id)}. ${prose(r, 2)}`, '');
    out += `criteria: ${yamlStr(`${cap(r.pick(ADJ))} customers with ${r.pick(PRODUCTS)} in the last ${r.int(2, 24)} months`)}\n`;
    out += personasOfSeg[i].length
      ? `personas:\n${personasOfSeg[i].map((p) => `  - ${personaIds[p]}\n`).join('')}`
      : 'personas: []\n';
    out += `lifecycleStage: ${r.pick(STAGES).ls}\nsize: "~${r.int(5, 900)}k households"\n`;
    files.set(`segments/${id}.segment.yaml`, out);
  }

  // KPIs.
  const kpiIds: string[] = [];
  const kpiSet = new Set<string>();
  for (let i = 0; i < spec.kpis; i++) {
    const base = `${METRIC_OBJECTS[i % METRIC_OBJECTS.length]}-${MEASURES[Math.floor(i / METRIC_OBJECTS.length) % MEASURES.length]}`;
    const id = kpiSet.has(base) ? `${base}-${i}` : base;
    kpiSet.add(id);
    kpiIds.push(id);
  }
  for (let i = 0; i < spec.kpis; i++) {
    const r = rngFor(seed, 'kpi', i);
    const id = kpiIds[i];
    let out = `# KPI reviewed in the monthly performance pack.\nkind: kpi\nid: ${id}\nname: ${yamlStr(cap(words(id)))}\n`;
    if (r.chance(RATES.kpiWithoutOwner)) expected['kpi-owner']++;
    else out += ownerLines(r, '', ['analytics', 'cx', 'marketing', 'service'], 0.05, RATES.sharedWithoutLead);
    out += `vocabulary: ${r.pick(vocabularies)}\n`;
    out += `definition: ${yamlStr(`How we measure ${words(id)} across every channel. ${r.pick(SENTENCES)}`)}\n`;
    out += `formula: ${yamlStr(`${words(id)} events / eligible customers x 100 (${i})`)}\n`;
    out += `unit: ${r.pick(['percent', 'seconds', 'score (1 to 7)', 'count', 'EUR'])}\n`;
    let direction = r.pick(['increase', 'decrease', 'maintain']);
    if (r.chance(RATES.badDirection)) {
      direction = 'up';
      expected.schema++;
    }
    out += `direction: ${direction}\ntarget: ${r.int(1, 95)}\nfrequency: ${r.pick(['weekly', 'monthly', 'quarterly'])}\n`;
    if (r.chance(0.1) && spec.kpis > 1) {
      const other = kpiIds[(i + 1) % spec.kpis];
      out += `conflictsWith:\n  - kpi: ${other}\n    resolution: ${yamlStr(`${cap(words(id))} wins for ${r.pick(ADJ)} customers; ${words(other)} is watched, not targeted.`)}\n`;
    }
    out += `status: approved\ntags: [${r.pick(['survey', 'finance', 'operations', 'digital'])}]\n`;
    files.set(`kpis/${id}.kpi.yaml`, out);
  }

  // Journeys: 4-8 stages of 3-8 touchpoints.
  let stageCount = 0;
  let touchpointCount = 0;
  for (let j = 0; j < spec.journeys; j++) {
    const r = rngFor(seed, 'journey', j);
    const verb = VERBS[j % VERBS.length];
    const product = PRODUCTS[Math.floor(j / VERBS.length) % PRODUCTS.length];
    const id = `${verb}-${product.toLowerCase()}-${j}`;
    const persona = personaIds[r.int(0, personaIds.length - 1)];
    const owner = pickTeam(r, ['cx']);
    const broken = j > 0 && r.chance(RATES.yamlError);
    // A file that does not parse reports only its syntax error: what else it plants is not counted.
    const before = { ...expected };
    let out = `# Customer journey maintained by ${owner.name}.\n# Reviewed after every quarterly NPS wave.\nkind: journey\nid: ${id}\nname: ${yamlStr(`${cap(words(verb))} ${words(product)}`)}\n`;
    if (j > 0 && r.chance(RATES.badPersonaRef)) {
      out += `persona: ${typo(persona)}\n`;
      expected['unresolved-reference']++;
    } else out += `persona: ${persona}\n`;
    out += `segments: [${segsOfPersona[personaIds.indexOf(persona)].map((s) => segmentIds[s]).join(', ')}]\n`;
    out += `owner: ${owner.id}\nstatus: approved\n`;
    out += folded('description', `A ${words(persona)} wants to ${words(verb)} ${words(product)}. ${prose(r, 2)}`, '');
    out += `tags: [${r.some(['consumer', 'b2b', 'broadband', 'mobile', 'tv', 'fibre', 'digital'], 1, 3).join(', ')}]\nstages:\n`;
    const tpIds = new Set<string>();
    const nStages = r.int(4, 8);
    const start = r.int(0, STAGES.length - nStages);
    for (let s = 0; s < nStages; s++) {
      const st = STAGES[start + s];
      stageCount++;
      const stageOwned = !r.chance(RATES.unownedStage);
      out += `  - id: ${st.id}\n    name: ${st.name}\n    lifecycleStage: ${st.ls}\n`;
      let stageOwner: string | undefined;
      if (stageOwned && r.chance(0.7)) {
        stageOwner = pickTeam(r).id;
        out += `    owner: ${stageOwner}\n`;
      }
      if (r.chance(0.3)) out += `    description: ${yamlStr(r.pick(SENTENCES))}\n`;
      out += `    touchpoints:\n`;
      const nTps = r.int(3, 8);
      for (let t = 0; t < nTps; t++) {
        touchpointCount++;
        const channel = r.pick(CHANNELS);
        const tpBase = `${channel}-${r.pick(ACTIONS)}`;
        let tpId = tpBase;
        for (let n = 2; tpIds.has(tpId); n++) tpId = `${tpBase}-${n}`;
        tpIds.add(tpId);
        out += `      - id: ${tpId}\n        name: ${yamlStr(`${cap(words(tpId.replace(/-\d+$/, '')))} for ${words(product)}`)}\n        channel: ${channel}\n`;
        if (r.chance(0.6)) out += `        description: ${yamlStr(r.pick(SENTENCES))}\n`;
        // The teams that own the touchpoint (its own, else its stage's): a handoff must go elsewhere.
        let owners: string[] = stageOwner ? [stageOwner] : [];
        if (!stageOwned && r.chance(RATES.unownedTouchpointInUnownedStage)) {
          expected['touchpoint-owner']++;
        } else if (!stageOwner || r.chance(0.4)) {
          if (r.chance(0.1)) {
            const a = pickTeam(r);
            let b = pickTeam(r);
            if (b.id === a.id) b = teams[(teams.indexOf(a) + 1) % teams.length];
            out += `        owner: [${a.id}, ${b.id}]\n`;
            if (r.chance(RATES.sharedWithoutLead)) expected['shared-ownership-lead']++;
            else out += `        lead: ${a.id}\n`;
            owners = [a.id, b.id];
          } else {
            owners = [pickTeam(r).id];
            out += `        owner: ${owners[0]}\n`;
          }
        }
        if (r.chance(0.7)) {
          const ks = r.some(kpiIds, 1, 2).map((k) => {
            if (r.chance(RATES.badKpiRef)) {
              expected['unresolved-reference']++;
              return typo(k);
            }
            return k;
          });
          out += `        kpis: [${ks.join(', ')}]\n`;
        }
        if (owners.length && r.chance(0.15)) {
          if (r.chance(RATES.selfHandoff)) {
            expected['handoff-owner']++;
            out += `        handoff: ${owners[0]} # passes the customer on\n`;
          } else {
            let h = pickTeam(r);
            while (owners.includes(h.id)) h = teams[(teams.indexOf(h) + 1) % teams.length];
            out += `        handoff: ${h.id}\n`;
          }
        }
      }
      out += '\n';
    }
    out = out.trimEnd() + '\n';
    if (broken) {
      // An unclosed quote in the journey name: the whole file becomes one syntax error.
      out = out.replace(/^name: (.*)$/m, 'name: "$1');
      Object.assign(expected, before);
      expected['yaml-syntax']++;
      keepClean.add(`journeys/${product.toLowerCase()}/${id}.journey.yaml`);
    }
    files.set(`journeys/${product.toLowerCase()}/${id}.journey.yaml`, out);
  }

  // Markdown docs that mention glossary terms; some use a deprecated label.
  for (let d = 0; d < spec.docs; d++) {
    const r = rngFor(seed, 'doc', d);
    const mention = terms.length ? r.some(terms, 2, 5).map((t) => t.label.toLowerCase()) : [];
    let out = `# ${cap(r.pick(VERBS).replace(/-/g, ' '))} ${r.pick(PRODUCTS)}: review ${d + 1}\n\n*Prepared by Customer Analytics.*\n\n## Summary\n\n`;
    out += `${prose(r, 3)} This review looks at the ${mention.join(', the ')}.\n\n## What we found\n\n`;
    for (let p = 0; p < r.int(2, 5); p++) out += `${prose(r, 4)}\n\n`;
    if (avoidTerms.length && r.chance(RATES.docDeprecatedTerm)) {
      const t = r.pick(avoidTerms);
      out += `Some teams still call this the ${t.avoid}, which the glossary retired.\n\n`;
      expected['deprecated-term']++;
    }
    out += `## Recommendations\n\n1. ${r.pick(SENTENCES)}\n2. ${r.pick(SENTENCES)}\n`;
    files.set(`docs/review-${String(d + 1).padStart(4, '0')}.md`, out);
  }

  files.set(
    'cx-taxonomy.config.yaml',
    `# Benchmark workspace (generated; seed ${seed}).\nrules:\n  touchpoint-owner: error\ndocs:\n  - "docs/**/*.md"\nmaxFileSize: 2097152\n`,
  );

  const benchJourney = [...files.keys()].find((p) => p.endsWith('.journey.yaml'))!;
  // The edited journey stays clean, so the editor latencies of both variants edit the same text.
  const style = options.styled ? restyleWorkspace(files, seed, new Set([...keepClean, benchJourney])) : undefined;
  let bytes = 0;
  let yamlFiles = 0;
  let markdownFiles = 0;
  for (const [p, t] of files) {
    bytes += Buffer.byteLength(t);
    if (p.endsWith('.md')) markdownFiles++;
    else if (!p.endsWith('config.yaml')) yamlFiles++;
  }
  return {
    files,
    manifest: {
      size: sizeName,
      seed,
      files: files.size,
      yamlFiles,
      markdownFiles,
      bytes,
      counts: {
        teams: teams.length,
        terms: terms.length,
        personas: spec.personas,
        segments: spec.segments,
        journeys: spec.journeys,
        stages: stageCount,
        touchpoints: touchpointCount,
        kpis: spec.kpis,
        docs: spec.docs,
      },
      expected,
      benchJourney,
      ...(style ? { style } : {}),
    },
  };
}

/** Writes a generated workspace to a folder (emptied first) with its manifest beside it. */
export function writeWorkspace(dir: string, ws: GeneratedWorkspace): void {
  rmSync(dir, { recursive: true, force: true });
  const made = new Set<string>();
  for (const [rel, text] of ws.files) {
    const full = path.join(dir, rel);
    const parent = path.dirname(full);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    writeFileSync(full, text);
  }
  writeFileSync(
    path.join(dir, '..', `${path.basename(dir)}.manifest.json`),
    JSON.stringify(ws.manifest, null, 2) + '\n',
  );
}

/** The folder a named size is written to. */
export function workspaceDir(size: string): string {
  return path.join(__dirname, 'workspaces', size);
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 1;
  const which = args.find((a) => /^((S|M|L)(-styled)?|all)$/.test(a)) ?? 'all';
  for (const size of which === 'all' ? ['S', 'M', 'L'] : [which]) {
    const t0 = Date.now();
    const base = size.replace('-styled', '') as 'S' | 'M' | 'L';
    const ws = generateWorkspace(SIZES[base], seed, size, { styled: size !== base });
    writeWorkspace(workspaceDir(size), ws);
    const m = ws.manifest;
    console.log(
      `${size}: ${m.files} files (${m.yamlFiles} YAML, ${m.markdownFiles} Markdown), ${(m.bytes / 1048576).toFixed(1)} MB, ${m.counts.touchpoints} touchpoints, in ${Date.now() - t0} ms`,
    );
  }
}
