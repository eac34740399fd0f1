import { compileGlob, type GlobMatcher } from '../core';

interface Pattern {
  re: GlobMatcher;
  negate: boolean;
  dirOnly: boolean;
}

/**
 * Enough of .gitignore semantics for a linter's file walk: comments, negation, directory-only
 * patterns, anchored and unanchored patterns, each relative to the folder of its .gitignore.
 */
export class GitIgnore {
  private readonly patterns: Pattern[] = [];

  add(base: string, text: string): void {
    const prefix = base && base !== '.' ? base.split('\\').join('/') + '/' : '';
    for (const raw of text.split(/\r?\n/)) {
      let line = raw.replace(/\s+$/, '');
      if (!line || line.startsWith('#')) continue;
      let negate = false;
      if (line.startsWith('!')) {
        negate = true;
        line = line.slice(1);
      }
      let dirOnly = false;
      if (line.endsWith('/')) {
        dirOnly = true;
        line = line.slice(0, -1);
      }
      const anchored = line.startsWith('/') || line.includes('/');
      line = line.replace(/^\//, '');
      const glob = prefix + (anchored ? line : `**/${line}`);
      this.patterns.push({ re: compileGlob(glob), negate, dirOnly });
    }
  }

  ignores(rel: string, isDir: boolean): boolean {
    let ignored = false;
    for (const p of this.patterns) {
      if (p.dirOnly && !isDir) continue;
      if (p.re.test(rel)) ignored = !p.negate;
    }
    return ignored;
  }
}
