import * as assert from 'node:assert/strict';
import { run } from '../../server/src/cli/main';
import { normaliseLabel } from '../../server/src/core';
import { readFileSync } from 'node:fs';
import { Capture, cli, CLEAN, linesOf, ROOT, tempTree, WITH_PROBLEMS } from './support/cli';

describe('cli explain', () => {
  it('shows the glossary card of a term', async () => {
    const r = await cli(['explain', 'customer journey', CLEAN]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const out = r.stdout;
    assert.match(out, /^Customer journey\n/);
    assert.match(out, /cx vocabulary · approved · id customer-journey/);
    assert.match(out, /Everything a customer goes through/);
    assert.match(out, /Equivalent\s+Customer lifecycle \(marketing\) · customer-lifecycle/);
    assert.match(out, /Aliases\s+customer journey map, journey map/);
    assert.match(out, /Avoid\s+customer path → Customer journey/);
    assert.match(out, /Steward\s+Customer Experience Design \(cx-design\)/);
    assert.match(out, /Defined in\s+samples\/acme-telecom\/cx\.glossary\.yaml:\d+/);
    assert.match(out, /Used in\s+\d+ places \(\d+ by id, \d+ in text\)/);
    assert.match(
      out,
      /samples\/acme-telecom\/docs\/[a-z-]+\.md:\d+\s+"customer journey"/,
      'mentions in Markdown docs count',
    );
    assert.match(out, /samples\/acme-telecom\/marketing\.glossary\.yaml:\d+\s+equivalent/, 'references by id count');
  });

  for (const query of ['Customer Journeys', 'CUSTOMER-JOURNEY', 'customer-journey', 'journey maps', 'customer path']) {
    it(`finds the term by "${query}" (label, id, alias or avoid label; any case; plural)`, async () => {
      const r = await cli(['explain', query, CLEAN]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Customer journey$/m);
    });
  }

  it('finds a term by an irregular plural, as hover does ("people" for Person, "criteria" for Success criterion)', async () => {
    const tree = tempTree({
      'cx-taxonomy.config.yaml': 'rules: {}\n',
      'cx.glossary.yaml': [
        'kind: glossary',
        'id: cx-glossary',
        'vocabulary: cx',
        'terms:',
        '  - id: person',
        '    term: Person',
        '    definition: Someone we serve.',
        '  - id: success-criterion',
        '    term: Success criterion',
        '    definition: What tells us a journey worked.',
        '',
      ].join('\n'),
    });
    try {
      for (const [query, label] of [
        ['people', 'Person'],
        ['Success criteria', 'Success criterion'],
      ]) {
        // Hover finds a term in text by the core's label normalisation; explain must agree with it.
        assert.equal(normaliseLabel(query), normaliseLabel(label));
        const r = await cli(['explain', query, tree.dir]);
        assert.equal(r.code, 0, `${query}: ${r.stderr}`);
        assert.match(r.stdout, new RegExp(`^${label}$`, 'm'));
      }
    } finally {
      tree.dispose();
    }
  });

  it('says so when the query is a label to avoid', async () => {
    const r = await cli(['explain', 'customer path', CLEAN]);
    assert.match(linesOf(r.stdout)[0], /"customer path" is a label to avoid: say "Customer journey"\./);
  });

  it('an unknown term exits 1 with the closest terms on stderr', async () => {
    const r = await cli(['explain', 'custmer jorney', CLEAN]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(linesOf(r.stderr).length, 1);
    assert.match(r.stderr, /no glossary term matches "custmer jorney"\. Did you mean: Customer journey/);
  });

  it('an unknown term with nothing close points to the glossary export', async () => {
    const r = await cli(['explain', 'zzzzzz', CLEAN]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Run cx-taxonomy export glossary to list all \d+ terms\./);
  });

  it('searches every taxonomy under the path and says which one each card is from', async () => {
    const r = await cli(['explain', 'persona', 'samples']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Taxonomy\s+samples\/acme-telecom/);
    assert.match(r.stdout, /Taxonomy\s+samples\/with-problems/);
  });
});

describe('cli export glossary', () => {
  it('json lists every term with its links, and groups equivalents', async () => {
    const r = await cli(['export', 'glossary', CLEAN, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as {
      terms: { id: string; term: string; vocabulary: string; equivalent?: string; source: { path: string } }[];
      groups: string[][];
    };
    assert.ok(doc.terms.length > 10);
    const persona = doc.terms.find((t) => t.id === 'persona');
    assert.equal(persona?.equivalent, 'segment');
    assert.match(persona!.source.path, /^samples\/acme-telecom\/cx\.glossary\.yaml$/);
    assert.ok(doc.groups.some((g) => g.includes('persona') && g.includes('segment')));
    assert.ok(doc.groups.some((g) => g.includes('customer-journey') && g.includes('customer-lifecycle')));
    assert.deepEqual(doc.groups.flat().sort(), doc.terms.map((t) => t.id).sort(), 'every term is in exactly one group');
  });

  it('md puts equivalents under one heading, and every link lands on a heading', async () => {
    const r = await cli(['export', 'glossary', CLEAN]);
    assert.equal(r.code, 0, r.stderr);
    const md = r.stdout;
    assert.match(md, /^# Glossary: acme-telecom$/m);
    assert.match(md, /^## Persona · Segment$/m);
    assert.match(md, /^### Persona$/m);
    assert.match(md, /^### Segment$/m);
    // GitHub's anchors: lower case, punctuation dropped, spaces to hyphens.
    const anchors = new Set(
      [...md.matchAll(/^#+ (.+)$/gm)].map((m) =>
        m[1]
          .replace(/\\(.)/g, '$1')
          .toLowerCase()
          .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
          .replace(/\s/g, '-'),
      ),
    );
    const links = [...md.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    assert.ok(links.length > 10);
    for (const l of links) assert.ok(anchors.has(l), `#${l} is a heading`);
  });

  it('html is one self-contained page: inline CSS, no script, no remote resource', async () => {
    const r = await cli(['export', 'glossary', CLEAN, '--format', 'html']);
    assert.equal(r.code, 0, r.stderr);
    const page = r.stdout;
    assert.match(page, /^<!DOCTYPE html>/);
    assert.match(page, /<style>[^<]+<\/style>/);
    assert.match(page, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'/);
    assert.doesNotMatch(page, /<script|<link|<img|<iframe|\bsrc=|@import|url\(/i);
    assert.doesNotMatch(page, /href="(?!#)/, 'links stay inside the page');
    assert.match(page, /id="term-persona"/);
    assert.match(page, /<a href="#term-segment">Segment<\/a>/);
    const ids = [...page.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    for (const [, target] of page.matchAll(/href="#([^"]+)"/g)) assert.ok(ids.includes(target), `#${target} exists`);
  });

  it('--output writes the file', async () => {
    const tree = tempTree({});
    try {
      const r = await cli(['export', 'glossary', `${ROOT}/${CLEAN}`, '-f', 'md', '-o', 'site/glossary.md'], {
        cwd: tree.dir,
      });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(readFileSync(`${tree.dir}/site/glossary.md`, 'utf8'), /^# Glossary: acme-telecom/);
    } finally {
      tree.dispose();
    }
  });
});

/** Reads RFC 4180 CSV strictly: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        assert.ok(i < text.length, 'unclosed quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        assert.ok(text[i] !== '"' && text[i] !== '\n', `unquoted field with a quote or LF at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ',') {
      i++;
      continue;
    }
    assert.equal(text.slice(i, i + 2), '\r\n', `records end with CRLF (at ${i})`);
    i += 2;
    rows.push(row);
    row = [];
  }
  return rows;
}

describe('cli report ownership', () => {
  it('md lists the unowned touchpoints first, then shared owners without a lead, then the matrix', async () => {
    const r = await cli(['report', 'ownership', WITH_PROBLEMS]);
    assert.equal(r.code, 0, r.stderr);
    const md = r.stdout;
    const unowned = md.indexOf('## Unowned touchpoints');
    const shared = md.indexOf('## Shared without a lead');
    const matrix = md.indexOf('## Teams × journeys');
    assert.ok(unowned > 0 && unowned < shared && shared < matrix);
    assert.match(
      md.slice(unowned, shared),
      /\| Switching to Acme mobile \| Buy \| Order confirmation by text message \| `samples\/with-problems\/journeys\/mobile-switch\.journey\.yaml:\d+` \|/,
    );
    assert.match(
      md.slice(shared, matrix),
      /\| segment \| Under-25 digital first \| `brand-marketing`, `digital-product` \|/,
    );
    const table = linesOf(md.slice(matrix)).filter((l) => l.startsWith('|'));
    assert.match(table[0], /^\| Team \| Function \| .*Switching to Acme mobile.* \| Touchpoints \|$/);
    assert.match(table[2], /^\| ❌ \*\*No owner\*\* \|/, 'the unowned row comes first');
    assert.match(md, /\| Customer Care `customer-care` \| service \|/);
    const cells = table[0].split('|').length;
    for (const row of table) assert.equal(row.replace(/\\\|/g, '').split('|').length, cells, row);
  });

  it('csv is one RFC 4180 table: teams x journeys, the unowned row first', async () => {
    const r = await cli(['report', 'ownership', WITH_PROBLEMS, '--format', 'csv']);
    assert.equal(r.code, 0, r.stderr);
    const rows = parseCsv(r.stdout);
    const header = rows[0];
    assert.deepEqual(header.slice(0, 3), ['Team', 'Team id', 'Function']);
    assert.equal(header.at(-1), 'Touchpoints');
    for (const row of rows) assert.equal(row.length, header.length);
    assert.equal(rows[1][0], '(no owner)');
    const mobile = header.indexOf('Switching to Acme mobile');
    assert.ok(rows[1][mobile].includes('Order confirmation by text message'));
    const care = rows.find((row) => row[1] === 'customer-care');
    assert.ok(care && Number(care.at(-1)) > 0);
  });

  it('html is self-contained and shows the same sections', async () => {
    const r = await cli(['report', 'ownership', WITH_PROBLEMS, '--format', 'html']);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /<script|<link|<img|\bsrc=|@import|url\(/i);
    assert.match(
      r.stdout,
      /<h2>Unowned touchpoints<\/h2>[\s\S]*Order confirmation by text message[\s\S]*<h2>Shared without a lead<\/h2>[\s\S]*<h2>Teams × journeys<\/h2>/,
    );
  });

  it('a clean taxonomy has no unowned touchpoints', async () => {
    const r = await cli(['report', 'ownership', CLEAN]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /✅ Every touchpoint has an owner/);
    assert.doesNotMatch(r.stdout, /No owner/);
  });
});

describe('cli crash', () => {
  it('an internal error is one line on stderr and exit 2, never a stack trace', async () => {
    const stdout = {
      isTTY: false,
      write(): boolean {
        throw new TypeError('boom\n    at somewhere (file.ts:1:1)');
      },
    };
    const stderr = new Capture();
    const code = await run(['lint', CLEAN], { stdout, stderr, cwd: ROOT, env: {} });
    assert.equal(code, 2);
    assert.equal(stderr.text, 'cx-taxonomy: internal error: boom (please report it)\n');
  });
});
