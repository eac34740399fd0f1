import * as assert from 'node:assert/strict';
import { hover } from '../../../server/src/core/features/hover';
import { escapeMarkdown, inlineCode } from '../../../server/src/core/text/escape';
import { lines, memoryWorkspace, uriOf } from '../../support/workspace';
import { cursorOn, featureTaxonomy } from './fixture';

function hoverOn(path: string, needle: string, delta = 1, files = featureTaxonomy()) {
  const { ws, uri, offset } = cursorOn(path, needle, delta, files);
  return hover(ws, ws.getFile(uri)!, offset);
}

describe('features: hover', () => {
  it('shows the card of a referenced persona: name, owner, where defined', () => {
    const h = hoverOn('j.journey.yaml', 'persona: busy-parent', 'persona: '.length + 2)!;
    assert.match(h.markdown, /\*\*Persona\*\* Busy Parent · `busy-parent`/);
    assert.match(h.markdown, /Owner: `cx-ops` \(CX Operations, cx\)/);
    assert.match(h.markdown, /Defined in p\.persona\.yaml:2/);
    assert.deepEqual(h.range, { start: { line: 3, character: 9 }, end: { line: 3, character: 20 } });
  });

  it('shows a touchpoint with its journey, stage, owner, channel and KPIs', () => {
    const h = hoverOn('j.journey.yaml', 'welcome-email')!;
    assert.match(h.markdown, /\*\*Touchpoint\*\* Welcome email/);
    assert.match(h.markdown, /Journey: `onboarding`, stage `welcome`/);
    assert.match(h.markdown, /Channel: email/);
    assert.match(h.markdown, /KPIs: `nps`/);
  });

  it('says when a touchpoint owner is inherited from its stage', () => {
    const files = featureTaxonomy();
    files['j.journey.yaml'] = files['j.journey.yaml']
      .replace('        owner: cx-ops\n', '')
      .replace('    lifecycleStage: onboarding\n', '    lifecycleStage: onboarding\n    owner: sales-team\n');
    const h = hoverOn('j.journey.yaml', 'welcome-email', 1, files)!;
    assert.match(h.markdown, /Owner: `sales-team` \(Sales, sales\) \(from its stage\)/);
  });

  it('shows a team card with how often the team owns something', () => {
    const h = hoverOn('org.teams.yaml', 'cx-ops')!;
    assert.match(h.markdown, /\*\*Team\*\* CX Operations · `cx-ops`/);
    assert.match(h.markdown, /Function: cx/);
    assert.match(h.markdown, /Named as owner or lead \d+ times/);
  });

  it('says when a referenced id is not defined', () => {
    const files = featureTaxonomy();
    files['p.persona.yaml'] = files['p.persona.yaml'].replace('owner: cx-ops', 'owner: nobody');
    const h = hoverOn('p.persona.yaml', 'nobody', 1, files)!;
    assert.match(h.markdown, /`nobody` is not defined/);
  });

  it('shows the schema description of a key', () => {
    const h = hoverOn('j.journey.yaml', 'channel:', 1)!;
    assert.match(h.markdown, /^`channel`/);
    assert.match(h.markdown, /channel the contact happens in/);
    const r = hoverOn('j.journey.yaml', 'persona:', 1)!;
    assert.match(r.markdown, /The id of the persona whose journey this is/);
  });

  it('shows the glossary card for a term in free text, with the equivalent in the other vocabulary', () => {
    const files = featureTaxonomy();
    files['p.persona.yaml'] += 'description: This persona is a buyer avatar for families.\n';
    const h = hoverOn('p.persona.yaml', 'This persona', 'This pe'.length, files)!;
    assert.match(h.markdown, /\*\*Persona\*\* · CX vocabulary · approved/);
    assert.match(h.markdown, /A research-based portrait/);
    assert.match(h.markdown, /Equivalent in the marketing vocabulary: \*\*Segment\*\* \(`segment`\)/);
    assert.match(h.markdown, /Also called: customer persona/);
    assert.match(h.markdown, /Avoid: ~~buyer avatar~~/);
    assert.match(h.markdown, /Steward: `cx-ops`/);
    const avoid = hoverOn('p.persona.yaml', 'buyer avatar', 3, files)!;
    assert.match(avoid.markdown, /⚠ "buyer avatar" is a label to avoid: write \*\*Persona\*\*/);
  });

  it('shows the glossary card in Markdown docs, for plurals, but not inside code', () => {
    const files = featureTaxonomy();
    files['docs/guide.md'] = lines('# Guide', '', 'Our personas and customer journeys.', '', '```', 'persona', '```');
    const ws = memoryWorkspace(files);
    const file = ws.getFile(uriOf('docs/guide.md'))!;
    const at = (needle: string, d = 1) => hover(ws, file, file.text.indexOf(needle) + d);
    assert.match(at('personas')!.markdown, /\*\*Persona\*\*/);
    assert.match(at('customer journeys', 10)!.markdown, /\*\*Customer journey\*\*/);
    assert.equal(at('persona\n```'), undefined);
  });

  it('escapes user text: links, commands and HTML render inert', () => {
    const h = hoverOn('cx.glossary.yaml', 'Customer journey', 3)!;
    assert.ok(!h.markdown.includes('](command:'), h.markdown);
    assert.ok(!h.markdown.includes('<b>'), h.markdown);
    assert.match(h.markdown, /\\\[click\\\]\\\(command\\:evil\\\)/);
  });

  it('gives nothing on plain structure', () => {
    assert.equal(hoverOn('p.persona.yaml', 'Busy Parent', 2), undefined);
  });
});

describe('features: Markdown escaping', () => {
  it('neutralises links, images, HTML, autolinks and emphasis', () => {
    const s = escapeMarkdown(
      '[x](command:y) ![i](http://e/x.png) <script>alert(1)</script> https://evil.example www.evil.example a@b.co *b* _i_ `c` &amp;',
    );
    for (const bad of ['[x](', '![i](', '<script>', 'https://', 'www.evil', 'a@b', '*b*', '_i_', '`c`'])
      assert.ok(!s.includes(bad), `${bad} survived in ${s}`);
    assert.ok(s.includes('\\&amp;'));
  });

  it('escapes line-start markers', () => {
    // A digit cannot be backslash-escaped (CommonMark shows `\1` as it is): the list is broken after its number.
    assert.equal(escapeMarkdown('- a\n1. b\n# c'), '\\- a\n1\\. b\n\\# c');
  });

  it('wraps ids in code spans unless they hold a backtick', () => {
    assert.equal(inlineCode('cx-ops'), '`cx-ops`');
    assert.equal(inlineCode('a`b'), 'a\\`b');
  });
});

describe('features: hover on values', () => {
  it('says what each kind of enumerated or suggested value means', () => {
    const files = featureTaxonomy();
    files['k.kpi.yaml'] += lines('frequency: monthly', 'status: draft');
    const cases: [string, string, RegExp][] = [
      [
        'j.journey.yaml',
        'lifecycleStage: onboarding',
        /`onboarding` · lifecycle stage\n\nThe new customer gets set up/,
      ],
      ['j.journey.yaml', 'channel: email', /`email` · channel\n\nEmail, sent by us/],
      ['k.kpi.yaml', 'status: draft', /`draft` · status\n\nBeing worked on/],
      ['k.kpi.yaml', 'kind: kpi', /`kpi` · kind of file\n\nA `\*\.kpi\.yaml` document/],
      ['org.teams.yaml', 'function: marketing', /`marketing` · team function\n\nMarketing: brand, campaigns/],
      ['k.kpi.yaml', 'direction: increase', /`increase` · direction\n\nHigher is better/],
      ['k.kpi.yaml', 'frequency: monthly', /`monthly` · frequency\n\nMeasured and reported every month/],
      ['k.kpi.yaml', 'unit: score', /`score` · unit\n\nA score on its own scale/],
    ];
    for (const [path, needle, expected] of cases) {
      const h = hoverOn(path, needle, needle.indexOf(':') + 3, files);
      assert.match(h?.markdown ?? '(no hover)', expected, needle);
    }
  });

  it('lists the journey stages mapped to a lifecycle stage, from every journey', () => {
    const files = featureTaxonomy();
    files['m.journey.yaml'] = lines(
      'kind: journey',
      'id: mobile-switch',
      'name: Switch',
      'stages:',
      '  - id: start',
      '    name: Getting started',
      '    lifecycleStage: onboarding',
    );
    const h = hoverOn('s.segment.yaml', 'acquisition', 2, {
      ...files,
      's.segment.yaml': files['s.segment.yaml'].replace('acquisition', 'onboarding') + '\n# acquisition',
    });
    assert.equal(h, undefined);
    const on = hoverOn('j.journey.yaml', 'lifecycleStage: onboarding', 'lifecycleStage: '.length + 2, files)!;
    assert.match(on.markdown, /Mapped from: Getting started \(mobile-switch\), Welcome \(onboarding\)/);
  });

  it('says a lifecycle stage or channel added in the config is custom, and an unknown one is not a lifecycle stage', () => {
    const files = featureTaxonomy();
    files['j.journey.yaml'] = files['j.journey.yaml']
      .replace('lifecycleStage: onboarding', 'lifecycleStage: renewal')
      .replace('channel: email', 'channel: kiosk');
    const { ws, uri } = cursorOn('j.journey.yaml', 'renewal', 1, files);
    ws.setConfig({
      ...ws.currentConfig,
      lifecycleStages: [...ws.currentConfig.lifecycleStages, 'renewal'],
      channels: [...ws.currentConfig.channels, 'kiosk'],
    });
    const file = ws.getFile(uri)!;
    assert.match(
      hover(ws, file, file.text.indexOf('renewal') + 1)!.markdown,
      /A custom lifecycle stage, defined in cx-taxonomy\.config\.yaml\.\n\nMapped from: Welcome \(onboarding\)/,
    );
    assert.match(
      hover(ws, file, file.text.indexOf('kiosk') + 1)!.markdown,
      /A custom channel, defined in cx-taxonomy\.config\.yaml/,
    );
    const other = hoverOn('j.journey.yaml', 'renewal', 1, files)!;
    assert.match(other.markdown, /Not a lifecycle stage of this taxonomy/);
  });
});

describe('features: hover on status, sunset and replacement', () => {
  /** The feature taxonomy with a second persona that replaces busy-parent, and "today" pinned. */
  function lifecycleHover(personaExtra: string[], needle = 'persona: busy-parent', today = '2026-12-03') {
    const files = featureTaxonomy();
    files['p.persona.yaml'] += lines(...personaExtra);
    files['p2.persona.yaml'] = lines('kind: persona', 'id: family-planner', 'name: Family Planner', 'owner: cx-ops');
    const ws = memoryWorkspace(files, { today, sunsetWarningDays: 30 });
    const text = files['j.journey.yaml'];
    const file = ws.getFile(uriOf('j.journey.yaml'))!;
    return hover(ws, file, text.indexOf(needle) + needle.length - 3)!.markdown;
  }

  it('puts one headline at the top of a deprecated entity: what replaces it', () => {
    const md = lifecycleHover(['status: deprecated', 'replacedBy: family-planner']);
    const [first, second] = md.split('\n\n');
    assert.equal(first, '**Deprecated** — use `family-planner` (Family Planner) instead');
    assert.match(second, /^\*\*Persona\*\* Busy Parent · `busy-parent` · deprecated$/);
    assert.ok(!md.includes('Replaced by:'), 'the headline already names the replacement');
  });

  it('dates a passed sunset and an approaching one relative to today, on both sides of the day', () => {
    const passed = lifecycleHover(['sunset: 2026-11-01', 'replacedBy: family-planner']);
    assert.equal(
      passed.split('\n\n')[0],
      '**Sunset** on 2026-11-01 (passed 32 days ago) — use `family-planner` (Family Planner) instead',
    );
    const soon = lifecycleHover(['sunset: 2026-12-04']);
    assert.equal(soon.split('\n\n')[0], '**Sunset** on 2026-12-04 (tomorrow)');
    const today = lifecycleHover(['sunset: 2026-12-03']);
    assert.equal(today.split('\n\n')[0], '**Sunset** on 2026-12-03 (today)');
    const deprecated = lifecycleHover(['status: deprecated', 'sunset: 2026-12-02']);
    assert.equal(deprecated.split('\n\n')[0], '**Deprecated** (sunset 2026-12-02, passed yesterday)');
    // One day beyond the warning window: no headline, the sunset is a fact.
    const later = lifecycleHover(['sunset: 2027-01-03']);
    assert.match(later, /^\*\*Persona\*\* Busy Parent/);
    assert.match(later, /Sunset: 2027-01-03 \(in 31 days\)/);
    assert.equal(lifecycleHover(['sunset: 2027-01-02']).split('\n\n')[0], '**Sunset** on 2027-01-02 (in 30 days)');
  });

  it('lists a sunset beyond the warning window and a replacement as plain facts, and nothing when unset', () => {
    const md = lifecycleHover(['status: approved', 'sunset: 2027-06-30', 'replacedBy: nobody-yet']);
    assert.match(md, /^\*\*Persona\*\* Busy Parent · `busy-parent` · approved\n\n/);
    assert.match(md, /Owner: `cx-ops` \(CX Operations, cx\) {2}\nSegments: `families` {2}\n/);
    assert.match(md, /Sunset: 2027-06-30 \(in 209 days\) {2}\nReplaced by: `nobody-yet` \(not defined\)\n\n/);
    // With none of them set, the card is as tidy as before: no headline, no empty lines.
    assert.equal(
      lifecycleHover([]),
      [
        '**Persona** Busy Parent · `busy-parent`',
        'Owner: `cx-ops` (CX Operations, cx)  \nSegments: `families`',
        'Defined in p.persona.yaml:2',
      ].join('\n\n'),
    );
  });

  it('marks a deprecated glossary term at the top of its card, naming the replacing term by its label', () => {
    const files = featureTaxonomy();
    files['cx.glossary.yaml'] += lines(
      '  - id: buyer-persona',
      '    term: Buyer persona',
      '    definition: Old word for a persona.',
      '    status: deprecated',
      '    sunset: 2027-01-01',
      '    replacedBy: persona',
    );
    files['p.persona.yaml'] += 'description: Our buyer persona for families.\n';
    files['docs/old.md'] = lines('# Old words', '', 'Each buyer persona has a journey.');
    const ws = memoryWorkspace(files, { today: '2026-12-03', sunsetWarningDays: 30 });
    const file = ws.getFile(uriOf('p.persona.yaml'))!;
    const md = hover(ws, file, file.text.indexOf('buyer persona') + 3)!.markdown;
    const doc = ws.getFile(uriOf('docs/old.md'))!;
    assert.equal(hover(ws, doc, doc.text.indexOf('buyer persona') + 3)!.markdown, md, 'the same card in Markdown');
    assert.equal(
      md.split('\n\n')[0],
      '**Deprecated** (sunset 2027-01-01, in 29 days) — use `persona` (Persona) instead',
    );
    assert.match(md.split('\n\n')[1], /^\*\*Buyer persona\*\* · CX vocabulary · deprecated$/);
  });
});
