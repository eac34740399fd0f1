/**
 * Where each rule's documentation page is: `docs/rules/<id>.md`, shipped next to the server (in
 * the .vsix and the npm package) and found from the server's own location. The project has no
 * published web site, so a diagnostic links to the page as a `file:` URI, which every editor opens
 * offline and which always matches the installed version's rules.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The folder of the pages, relative to the package root. */
const RULE_DOCS_DIR = path.join('docs', 'rules');

/**
 * The folder holding the rule pages, or undefined when this installation has none. The bundle
 * runs from `dist/` (one level below the package root); the sources from `server/src/lsp` (three).
 */
function findDocsDir(): string | undefined {
  let dir = __dirname;
  for (let i = 0; i < 4; i++) {
    // A page of the first rule marks the folder as this package's, not some project's `docs/rules`.
    const candidate = path.join(dir, RULE_DOCS_DIR);
    if (existsSync(path.join(candidate, 'yaml-syntax.md'))) return candidate;
    dir = path.dirname(dir);
  }
  return undefined;
}

let base: string | undefined | null = null;

/** The `file:` URI of a rule's page, or undefined when the pages are not installed. */
export function ruleDocsHref(ruleId: string): string | undefined {
  if (base === null) {
    const dir = findDocsDir();
    base = dir === undefined ? undefined : pathToFileURL(dir + path.sep).href;
  }
  return base === undefined ? undefined : `${base}${encodeURIComponent(ruleId)}.md`;
}

/** Whether a link is one of this installation's rule pages (the only pages the server opens). */
export function isRuleDocsHref(href: string): boolean {
  ruleDocsHref('');
  return typeof base === 'string' && href.startsWith(base) && /^[a-z0-9-]+\.md$/.test(href.slice(base.length));
}
