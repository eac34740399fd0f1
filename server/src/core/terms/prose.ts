import type { TextSite } from '../model';
import type { TaxonomyFile } from '../taxonomyFile';
import type { TermMatch, TermMatcher, MatchLabel } from './matcher';
import { maskCodeSpans, maskMarkdown } from './markdown';
import { maskScalarSource } from './scalar';

/** An occurrence of a glossary label in a file's prose, with offsets in the whole file. */
export interface ProseMatch<L extends MatchLabel = MatchLabel> extends TermMatch<L> {
  /** For taxonomy files, the free-text value it was found in; undefined in Markdown. */
  site?: TextSite;
  /** For taxonomy files, the YAML document it was found in. */
  docIndex?: number;
}

const maskedDocs = new WeakMap<TaxonomyFile, string>();

/** The Markdown file's text with code, URLs and markup blanked out; computed once per version. */
export function markdownProse(file: TaxonomyFile): string {
  let masked = maskedDocs.get(file);
  if (masked === undefined) {
    masked = maskMarkdown(file.text);
    maskedDocs.set(file, masked);
  }
  return masked;
}

/**
 * The text the matcher reads for one free-text value: its source with the YAML syntax and any
 * inline code spans blanked.
 */
function siteProse(file: TaxonomyFile, site: TextSite): string {
  return maskCodeSpans(maskScalarSource(file.text.slice(site.start, site.end), site.scalarType));
}

/** The last scan of each file version, with the matcher it was made with. */
const scans = new WeakMap<TaxonomyFile, { matcher: TermMatcher<MatchLabel>; matches: readonly ProseMatch[] }>();

/**
 * Every occurrence of a label in a file's prose: the free-text values of a taxonomy file (names,
 * descriptions, definitions, criteria, goals, pains, notes) or the prose of a Markdown doc.
 * Offsets are those of the file; `text` is the occurrence as written in the file. The result is
 * kept until the file or the matcher changes, so the rules that read terms scan a file once.
 */
export function findTermsInFile<L extends MatchLabel>(
  file: TaxonomyFile,
  matcher: TermMatcher<L>,
): readonly ProseMatch<L>[] {
  const last = scans.get(file);
  if (last && last.matcher === matcher) return last.matches as readonly ProseMatch<L>[];
  const matches = scan(file, matcher);
  scans.set(file, { matcher, matches });
  return matches;
}

function scan<L extends MatchLabel>(file: TaxonomyFile, matcher: TermMatcher<L>): ProseMatch<L>[] {
  const out: ProseMatch<L>[] = [];
  if (matcher.size === 0 || file.unreadable) return out;
  if (file.kind === 'markdown') {
    for (const m of matcher.findAll(markdownProse(file))) out.push({ ...m, text: file.text.slice(m.start, m.end) });
    return out;
  }
  for (const model of file.models) {
    for (const site of model.texts) {
      for (const m of matcher.findAll(siteProse(file, site))) {
        const start = site.start + m.start;
        const end = site.start + m.end;
        out.push({ start, end, text: file.text.slice(start, end), labels: m.labels, site, docIndex: model.docIndex });
      }
    }
  }
  return out;
}

/**
 * The label occurrence at an offset of a file (for hover), or undefined when the offset is not
 * on a glossary term in prose: Markdown outside code and URLs, or a free-text value of a
 * taxonomy file.
 */
export function termAtInFile<L extends MatchLabel>(
  file: TaxonomyFile,
  offset: number,
  matcher: TermMatcher<L>,
): ProseMatch<L> | undefined {
  if (matcher.size === 0 || file.unreadable) return undefined;
  if (file.kind === 'markdown') {
    const m = matcher.termAt(markdownProse(file), offset);
    return m ? { ...m, text: file.text.slice(m.start, m.end) } : undefined;
  }
  for (const model of file.models) {
    for (const site of model.texts) {
      if (offset < site.start || offset > site.end) continue;
      const m = matcher.termAt(siteProse(file, site), offset - site.start);
      if (!m) continue;
      const start = site.start + m.start;
      const end = site.start + m.end;
      return { start, end, text: file.text.slice(start, end), labels: m.labels, site, docIndex: model.docIndex };
    }
  }
  return undefined;
}
