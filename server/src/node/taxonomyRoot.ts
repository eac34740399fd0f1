// Root discovery over the local file system, for the CLI and the language server alike: both
// call the core's findTaxonomyRoot through this probe, so they find the same root.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { findTaxonomyRoot, type FoundRoot, type RootProbe } from '../core/roots';

/** The core's RootProbe over `fs`: `lstat`, so a `.git` file (worktree, submodule) counts as well as a folder. */
const nodeRootProbe: RootProbe = {
  async exists(p) {
    try {
      await fsp.lstat(p);
      return true;
    } catch {
      return false;
    }
  },
  join: (dir, name) => path.join(dir, name),
  dirname: (p) => path.dirname(p),
};

/** The taxonomy root of an absolute path on disk (see findTaxonomyRoot). */
export function taxonomyRootOnDisk(absolutePath: string, isFile: boolean): Promise<FoundRoot> {
  return findTaxonomyRoot(path.resolve(absolutePath), isFile, nodeRootProbe);
}
