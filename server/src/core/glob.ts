/**
 * A small glob matcher for config globs (`**`, `*`, `?`, `{a,b}`). Globs are compiled to regular
 * expressions built only from literal characters, `[^/]*` and `.*` separated by literals, and
 * matched against normalised relative paths. Paths that escape the root (`..`) never match, so a
 * config cannot reach outside its workspace.
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let i = 0;
  let inGroup = 0;
  const g = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  while (i < g.length) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        // `**/` matches zero or more whole folders; a bare `**` matches anything.
        if (g[i + 2] === '/') {
          re += '(?:[^/]+/)*';
          i += 3;
        } else {
          re += '.*';
          i += 2;
          // `***` is `**`; the star of a following segment (`**/*.md`) is left alone.
          while (g[i] === '*') i++;
        }
        continue;
      }
      re += '[^/]*';
      while (g[i] === '*') i++;
      continue;
    }
    if (c === '?') re += '[^/]';
    else if (c === '{') {
      re += '(?:';
      inGroup++;
    } else if (c === '}' && inGroup > 0) {
      re += ')';
      inGroup--;
    } else if (c === ',' && inGroup > 0) re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
    i++;
  }
  while (inGroup-- > 0) re += ')';
  return new RegExp(`^${re}$`);
}

/** True when a path relative to the workspace root matches any of the globs. */
export function matchesAny(relativePath: string, globs: readonly RegExp[]): boolean {
  const p = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  if (p.startsWith('../') || p === '..' || p.startsWith('/')) return false;
  return globs.some((g) => g.test(p));
}
