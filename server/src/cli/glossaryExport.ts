import * as path from 'node:path';
import type { TaxonomyWorkspace } from '../core';
import type { GlossaryFormat } from './args';
import { html, jsonText, mdCode, mdParagraphs, mdText } from './escape';
import { equivalentGroups, stewardOf, termsOf, type TermEntry } from './glossaryData';
import { reportPath } from './lint';
import { INFORMATION_URI, TOOL_NAME } from './product';
import { PAGE_CSS } from './pageStyle';
import type { LoadedTaxonomy } from './taxonomies';

export interface ExportContext {
  cwd: string;
  version: string;
}

/** The title of a taxonomy's documents: its folder's name. */
export function taxonomyTitle(t: LoadedTaxonomy): string {
  return path.basename(t.root) || 'taxonomy';
}

/** A glossary term as the JSON export writes it: plain data, every link by id. */
export interface ExportedTerm {
  id: string;
  term: string;
  vocabulary: string;
  definition?: string;
  aliases: string[];
  avoid: string[];
  equivalent?: string;
  broader: string[];
  related: string[];
  steward?: string;
  stewardTeams: string[];
  status?: string;
  source: { path: string; line: number };
}

function exported(ws: TaxonomyWorkspace, e: TermEntry, cwd: string): ExportedTerm {
  const t = e.term;
  return {
    id: e.id,
    term: e.label,
    vocabulary: t.vocabulary,
    definition: t.definition?.value,
    aliases: t.aliases.map((a) => a.value),
    avoid: t.avoid.map((a) => a.value),
    equivalent: t.equivalent?.value,
    broader: t.broader.map((b) => b.value),
    related: t.related.map((r) => r.value),
    steward: stewardOf(ws, t),
    stewardTeams: t.owner?.teams.map((x) => x.value) ?? [],
    status: t.status?.value,
    source: { path: reportPath(e.uri, cwd), line: e.line },
  };
}

/**
 * GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats
 * numbered. The Markdown export links terms to each other with them.
 */
class Slugger {
  private readonly seen = new Map<string, number>();

  slug(text: string): string {
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = this.seen.get(base);
    this.seen.set(base, (n ?? -1) + 1);
    return n === undefined ? base : `${base}-${n + 1}`;
  }
}

function toMarkdown(t: LoadedTaxonomy, ctx: ExportContext): string {
  const ws = t.workspace;
  const terms = termsOf(ws);
  const groups = equivalentGroups(terms);
  const slugger = new Slugger();
  const title = `Glossary: ${taxonomyTitle(t)}`;
  slugger.slug(title);
  slugger.slug('Contents');
  // Group headings first, then term headings, in document order, so anchors match GitHub's.
  const groupSlug = new Map<TermEntry[], string>();
  const termSlug = new Map<string, string>();
  for (const g of groups) {
    if (g.length > 1) groupSlug.set(g, slugger.slug(g.map((e) => e.label).join(' · ')));
    for (const e of g) if (!termSlug.has(e.id)) termSlug.set(e.id, slugger.slug(e.label));
  }
  const link = (id: string) => {
    const e = terms.find((x) => x.id === id);
    const s = termSlug.get(id);
    return e && s ? `[${mdText(e.label)}](#${s})` : `${mdText(id)} (not defined)`;
  };
  const out: string[] = [`# Glossary: ${mdText(taxonomyTitle(t))}`, ''];
  const vocabularies = [...new Set(terms.map((e) => e.term.vocabulary))].sort();
  out.push(
    `${terms.length} term${terms.length === 1 ? '' : 's'} in ${vocabularies.length} vocabular${vocabularies.length === 1 ? 'y' : 'ies'} (${vocabularies.map(mdText).join(', ')}); ` +
      `terms that mean the same in another vocabulary are grouped together.`,
    '',
  );
  if (groups.length) {
    out.push('## Contents', '');
    for (const g of groups) out.push(`- ${g.map((e) => `${link(e.id)} _(${mdText(e.term.vocabulary)})_`).join(' · ')}`);
    out.push('');
  }
  for (const g of groups) {
    if (g.length > 1) out.push(`## ${g.map((e) => mdText(e.label)).join(' · ')}`, '');
    for (const e of g) {
      const x = exported(ws, e, ctx.cwd);
      out.push(`${g.length > 1 ? '###' : '##'} ${mdText(e.label)}`, '');
      const meta = [
        `${mdText(x.vocabulary)} vocabulary`,
        x.status ? mdText(x.status) : undefined,
        `id ${mdCode(e.id)}`,
      ].filter(Boolean);
      out.push(`_${meta.join(' · ')}_`, '');
      out.push(x.definition?.trim() ? mdParagraphs(x.definition) : '_No definition yet._', '');
      const items: string[] = [];
      if (x.equivalent) items.push(`**Equivalent:** ${link(x.equivalent)}`);
      if (x.aliases.length) items.push(`**Also called:** ${x.aliases.map(mdText).join(', ')}`);
      if (x.avoid.length)
        items.push(`**Avoid:** ${x.avoid.map((a) => `~~${mdText(a)}~~`).join(', ')} (say ${mdText(e.label)})`);
      if (x.broader.length) items.push(`**Broader:** ${x.broader.map(link).join(', ')}`);
      if (x.related.length) items.push(`**Related:** ${x.related.map(link).join(', ')}`);
      if (x.steward) items.push(`**Steward:** ${mdText(x.steward)}`);
      if (items.length) out.push(...items.map((i) => `- ${i}`), '');
    }
  }
  out.push(
    '---',
    '',
    `_Generated by [${TOOL_NAME}](${INFORMATION_URI}) ${mdText(ctx.version)} from the glossary files of ${mdText(taxonomyTitle(t))}._`,
    '',
  );
  return out.join('\n');
}

function toHtml(t: LoadedTaxonomy, ctx: ExportContext): string {
  const ws = t.workspace;
  const terms = termsOf(ws);
  const groups = equivalentGroups(terms);
  const anchor = (id: string) => `term-${html(id)}`;
  const link = (id: string) => {
    const e = terms.find((x) => x.id === id);
    return e ? `<a href="#${anchor(id)}">${html(e.label)}</a>` : `${html(id)} <em>(not defined)</em>`;
  };
  const title = `Glossary: ${taxonomyTitle(t)}`;
  const body: string[] = [];
  body.push(`<header><h1>${html(title)}</h1>`);
  const vocabularies = [...new Set(terms.map((e) => e.term.vocabulary))].sort();
  body.push(
    `<p class="lede">${terms.length} term${terms.length === 1 ? '' : 's'} in ${vocabularies.length} vocabular${vocabularies.length === 1 ? 'y' : 'ies'}: ` +
      `${vocabularies.map((v) => `<span class="vocab">${html(v)}</span>`).join(' ')}. Terms that mean the same in another vocabulary are grouped together.</p></header>`,
  );
  if (groups.length) {
    body.push('<nav aria-label="Contents"><h2>Contents</h2><ul>');
    for (const g of groups)
      body.push(
        `<li>${g.map((e) => `${link(e.id)} <span class="vocab">${html(e.term.vocabulary)}</span>`).join(' <span class="eq">≡</span> ')}</li>`,
      );
    body.push('</ul></nav>');
  }
  body.push('<main>');
  for (const g of groups) {
    body.push(`<section class="group${g.length > 1 ? ' linked' : ''}">`);
    if (g.length > 1)
      body.push(`<h2 class="group-title">${g.map((e) => html(e.label)).join(' <span class="eq">≡</span> ')}</h2>`);
    for (const e of g) {
      const x = exported(ws, e, ctx.cwd);
      body.push(`<article class="term" id="${anchor(e.id)}">`);
      body.push(
        `<h3>${html(e.label)}</h3><p class="meta"><span class="vocab">${html(x.vocabulary)}</span>` +
          `${x.status ? ` <span class="status status-${html(x.status.replace(/[^a-z-]/gi, ''))}">${html(x.status)}</span>` : ''} <code>${html(e.id)}</code></p>`,
      );
      if (x.definition?.trim()) {
        for (const para of x.definition.split(/\n\s*\n/)) if (para.trim()) body.push(`<p>${html(para.trim())}</p>`);
      } else body.push('<p class="missing">No definition yet.</p>');
      const rows: [string, string][] = [];
      if (x.equivalent) rows.push(['Equivalent', link(x.equivalent)]);
      if (x.aliases.length) rows.push(['Also called', x.aliases.map(html).join(', ')]);
      if (x.avoid.length)
        rows.push([
          'Avoid',
          `${x.avoid.map((a) => `<del>${html(a)}</del>`).join(', ')} <span class="say">say ${html(e.label)}</span>`,
        ]);
      if (x.broader.length) rows.push(['Broader', x.broader.map(link).join(', ')]);
      if (x.related.length) rows.push(['Related', x.related.map(link).join(', ')]);
      if (x.steward) rows.push(['Steward', html(x.steward)]);
      if (rows.length) body.push(`<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`);
      body.push('</article>');
    }
    body.push('</section>');
  }
  body.push('</main>');
  body.push(
    `<footer>Generated by ${TOOL_NAME} ${html(ctx.version)} from the glossary files of ${html(taxonomyTitle(t))}.</footer>`,
  );
  return htmlPage(title, body.join('\n'));
}

/**
 * A self-contained page: inline CSS only, and a Content-Security-Policy that forbids scripts and
 * every remote resource, so the file can be attached, mailed or published as it is.
 */
export function htmlPage(title: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${TOOL_NAME}">`,
    `<title>${html(title)}</title>`,
    `<style>${PAGE_CSS}</style>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function toJson(t: LoadedTaxonomy, ctx: ExportContext): string {
  const ws = t.workspace;
  const terms = termsOf(ws);
  const doc = {
    generator: { name: TOOL_NAME, version: ctx.version },
    taxonomy: taxonomyTitle(t),
    terms: terms.map((e) => exported(ws, e, ctx.cwd)),
    groups: equivalentGroups(terms).map((g) => g.map((e) => e.id)),
  };
  return jsonText(doc) + '\n';
}

/** `export glossary`: the glossary of one taxonomy as a document to publish. */
export function exportGlossary(t: LoadedTaxonomy, format: GlossaryFormat, ctx: ExportContext): string {
  switch (format) {
    case 'md':
      return toMarkdown(t, ctx);
    case 'html':
      return toHtml(t, ctx);
    case 'json':
      return toJson(t, ctx);
  }
}
