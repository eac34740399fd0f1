/**
 * Security at the protocol level: hover cards and completion documentation built from hostile
 * user text (names, descriptions, definitions, labels, formulas holding `<script>`, command links,
 * raw HTML, images, backticks) come back as Markdown that renders inert, and nothing is ever
 * marked trusted. Each card is rendered with a real Markdown renderer in its most permissive
 * setting (raw HTML and bare links on): no element but text, emphasis and code may come out.
 */
import * as assert from 'node:assert/strict';
import type { CompletionItem, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { lines, LspTestClient } from './harness';

// markdown-it (a dependency of @vscode/vsce) renders CommonMark as VS Code's renderer does.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (o: object) => { render(md: string): string };
const renderer = new MarkdownIt({ html: true, linkify: true });

/** Every trick a text field could try. */
const H =
  '<script>alert(1)</script> [x](command:workbench.action.quit) <img src=x onerror=alert(2)> ![i](https://evil.example/p.png) `tick` *em* www.evil.example a@b.co &amp; <!-- c -->';
/** The same text as the cards must show it: every markup character backslash-escaped. */
const ESCAPED = String.raw`\<script\>alert\(1\)\</script\> \[x\]\(command\:workbench.action.quit\) \<img src=x onerror=alert\(2\)\> \!\[i\]\(https\://evil.example/p.png\) \`tick\` \*em\* www\.evil.example a\@b.co \&amp; \<\!-- c --\>`;
const q = (s: string) => JSON.stringify(s);

const FILES = {
  'org.teams.yaml': lines('kind: teams', 'teams:', '  - id: evil-team', `    name: ${q(H)}`, '    function: cx'),
  'p.persona.yaml': lines('kind: persona', 'id: busy', `name: ${q(H)}`, 'owner: evil-team', `description: ${q(H)}`),
  'k.kpi.yaml': lines(
    'kind: kpi',
    'id: evil-kpi',
    `name: ${q(H)}`,
    'owner: evil-team',
    `definition: ${q(H)}`,
    `formula: ${q('a ` b <script>x</script> ``c``')}`,
    'direction: increase',
  ),
  'g.glossary.yaml': lines(
    'kind: glossary',
    'vocabulary: cx',
    'owner: evil-team',
    'terms:',
    '  - id: widget',
    `    term: ${q('Widget <b>[x](command:workbench.action.quit)</b>')}`,
    '    aliases: [gizmo]',
    `    avoid: [${q('doohickey')}]`,
    `    definition: ${q(H)}`,
    '    status: approved',
  ),
  'j.journey.yaml': lines(
    'kind: journey',
    'id: j',
    'name: J',
    'persona: busy',
    'owner: evil-team',
    'stages:',
    '  - id: s',
    '    name: S',
    '    lifecycleStage: onboarding',
    '    touchpoints:',
    '      - id: t',
    '        name: T',
    '        channel: web',
    '        kpis: [evil-kpi]',
  ),
  'docs/guide.md': lines('# Guide', '', 'Every gizmo, and never a doohickey.'),
};

/** Asserts a Markdown string renders to inert HTML that still shows the user's text. */
function assertInert(md: string, where: string): void {
  const html = renderer.render(md);
  const tags = [...html.matchAll(/<\s*([a-zA-Z][\w-]*)/g)].map((m) => m[1].toLowerCase());
  const allowed = new Set(['p', 'strong', 'em', 'code', 'hr', 's', 'del', 'br']);
  const bad = tags.filter((t) => !allowed.has(t));
  assert.deepEqual(bad, [], `${where} renders elements ${bad.join(', ')}:\n${html}`);
  // No element carries an attribute: no link target, no image source, no event handler.
  assert.doesNotMatch(html, /<[a-z][^>]*\s[a-z-]+\s*=/i, `${where}: ${html}`);
  assert.doesNotMatch(html, /<!--/, where);
}

/** The MarkupContent of a hover, checked never to be trusted. */
function markup(h: Hover | null, where: string): string {
  assert.ok(h, `no hover at ${where}`);
  const c = h.contents as MarkupContent & Record<string, unknown>;
  assert.equal(c.kind, 'markdown', where);
  assert.deepEqual(
    Object.keys(c).sort(),
    ['kind', 'value'],
    `${where}: only kind and value, never isTrusted or supportHtml`,
  );
  return c.value;
}

describe('protocol: user text in hovers and completions renders inert', function () {
  this.timeout(60000);
  let c: LspTestClient;

  before(async () => {
    c = await LspTestClient.start({ files: FILES });
    await c.waitForReady();
  });
  after(async () => {
    await c?.stop();
  });

  it('an entity card escapes the name, the description and the owner team name, exactly', async () => {
    const md = markup(await c.hover('j.journey.yaml', c.positionOf('j.journey.yaml', 'busy', 1)), 'persona reference');
    assert.equal(
      md,
      [
        `**Persona** ${ESCAPED} · \`busy\``,
        `Owner: \`evil-team\` (${ESCAPED}, cx)`,
        ESCAPED,
        'Defined in p.persona.yaml:2',
      ].join('\n\n'),
    );
    assertInert(md, 'persona card');
    // What the user wrote is all still there, as text.
    const text = renderer.render(md).replace(/<[^>]+>/g, '');
    assert.ok(text.includes('[x](command:workbench.action.quit)'), text);
  });

  it('KPI, team and glossary cards are inert too (formulas with backticks included)', async () => {
    const places: [string, string, number][] = [
      ['j.journey.yaml', 'evil-kpi', 1],
      ['j.journey.yaml', 'evil-team', 1],
      ['g.glossary.yaml', 'Widget', 1],
      ['g.glossary.yaml', 'gizmo', 1],
      ['docs/guide.md', 'gizmo', 1],
      ['docs/guide.md', 'doohickey', 1],
    ];
    if (!c.version('docs/guide.md')) await c.open('docs/guide.md');
    for (const [rel, needle, delta] of places) {
      const md = markup(await c.hover(rel, c.positionOf(rel, needle, delta)), `${rel} ${needle}`);
      assertInert(md, `${rel} ${needle}`);
      assert.ok(!md.includes('](command:'), md);
    }
    const kpi = markup(await c.hover('j.journey.yaml', c.positionOf('j.journey.yaml', 'evil-kpi', 1)), 'kpi');
    // A formula holding backticks cannot close a code span early: it is escaped text instead.
    assert.ok(kpi.includes(String.raw`Formula: a \` b \<script\>x\</script\> \`\`c\`\``), kpi);
    const term = markup(await c.hover('g.glossary.yaml', c.positionOf('g.glossary.yaml', 'Widget', 1)), 'term');
    assert.ok(
      term.startsWith(
        String.raw`**Widget \<b\>\[x\]\(command\:workbench.action.quit\)\</b\>** · CX vocabulary · approved`,
      ),
      term,
    );
  });

  it('completion documentation of ids is escaped Markdown, never trusted', async () => {
    await c.open('j.journey.yaml');
    await c.change('j.journey.yaml', c.text('j.journey.yaml').replace('persona: busy', 'persona: bu'));
    const items: CompletionItem[] = await c.completion(
      'j.journey.yaml',
      c.positionOf('j.journey.yaml', 'persona: bu', 'persona: bu'.length),
    );
    const busy = items.find((i) => i.label === 'busy');
    assert.ok(busy, items.map((i) => i.label).join());
    const doc = busy.documentation as MarkupContent & Record<string, unknown>;
    assert.equal(doc.kind, 'markdown');
    assert.deepEqual(Object.keys(doc).sort(), ['kind', 'value']);
    assert.ok(doc.value.includes(ESCAPED), doc.value);
    assertInert(doc.value, 'completion documentation');
    // Plain-text fields (label, detail) are never rendered as Markdown by the editor.
    for (const i of items)
      if (i.documentation && typeof i.documentation !== 'string') assertInert(i.documentation.value, `item ${i.label}`);
    // Owner completion: team items carry the hostile team name in documentation, escaped.
    await c.change('j.journey.yaml', c.text('j.journey.yaml').replace('owner: evil-team', 'owner: evi'));
    const teams = await c.completion(
      'j.journey.yaml',
      c.positionOf('j.journey.yaml', 'owner: evi', 'owner: evi'.length),
    );
    const team = teams.find((i) => i.label === 'evil-team');
    assert.ok(team);
    if (team.documentation && typeof team.documentation !== 'string')
      assertInert(team.documentation.value, 'team item');
    await c.close('j.journey.yaml');
  });

  it('diagnostic messages quote user text without turning it into markup', async () => {
    await c.open('p.persona.yaml');
    await c.change(
      'p.persona.yaml',
      c.text('p.persona.yaml').replace('owner: evil-team', `owner: ${q('[x](command:workbench.action.quit)')}`),
    );
    const [d] = await c.waitForDiagnostics('p.persona.yaml', (ds) => ds.some((x) => x.code === 'unresolved-reference'));
    // Messages are plain strings (the editor never renders them as Markdown).
    assert.equal(typeof d.message, 'string');
    await c.close('p.persona.yaml');
  });
});
