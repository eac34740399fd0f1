import { baseName, CONFIG_FILE_NAME } from './fileKinds';

/**
 * Splits a tree into taxonomies: each folder holding a cx-taxonomy.config.yaml is the root of its
 * own taxonomy, and every file belongs to the nearest root above it (or to the tree's root).
 * Two sample taxonomies side by side therefore never see each other's ids.
 */
export function partitionByConfig(relativePaths: readonly string[]): Map<string, string[]> {
  const roots = relativePaths
    .filter((p) => baseName(p) === CONFIG_FILE_NAME)
    .map((p) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : ''))
    .sort((a, b) => b.length - a.length);
  const groups = new Map<string, string[]>();
  for (const p of relativePaths) {
    const root = roots.find((r) => r === '' || p.startsWith(r + '/')) ?? '';
    const list = groups.get(root) ?? [];
    list.push(p);
    groups.set(root, list);
  }
  return groups;
}
