import { DocReader } from '../model';
import { parseYaml } from '../yaml';
import { deref, schemaAt, SCHEMAS, type SchemaNode } from '../schema';
import type { TaxonomyFile } from '../taxonomyFile';
import type { TaxonomyKind } from '../types';
import type { PathSegment } from './yamlCursor';

/** The schema kinds: every taxonomy kind and the config file. */
export type SchemaKind = TaxonomyKind | 'config';

/** One property a mapping may hold, as the schema describes it. */
export interface PropertyDoc {
  key: string;
  /** The property's own description, else the one of the definition it refers to. */
  description?: string;
  /** The property's schema with references followed. */
  node?: SchemaNode;
  required: boolean;
}

/** The schema kind of a file, or undefined for Markdown. */
export function schemaKindOf(file: TaxonomyFile): SchemaKind | undefined {
  return file.kind === 'markdown' ? undefined : file.kind;
}

/** The alternatives of a union node (`anyOf`/`oneOf`), or the node itself. */
function alternatives(node: SchemaNode | undefined, root: SchemaNode): SchemaNode[] {
  const n = deref(node, root);
  // The boolean schema `true` (the last branch of a values' description list) says nothing.
  if (!n || typeof n !== 'object') return [];
  const alts = [...(n.anyOf ?? []), ...(n.oneOf ?? [])];
  return alts.length ? [n, ...alts.flatMap((a) => alternatives(a, root))] : [n];
}

/** The properties a mapping at `path` may hold, with their descriptions. */
export function propertiesAt(kind: SchemaKind, path: readonly PathSegment[]): PropertyDoc[] {
  const root = SCHEMAS[kind];
  const out = new Map<string, PropertyDoc>();
  for (const n of alternatives(schemaAt(root, path), root)) {
    for (const [key, raw] of Object.entries(n.properties ?? {})) {
      if (out.has(key)) continue;
      const node = deref(raw, root);
      out.set(key, {
        key,
        description: raw.description ?? node?.description,
        node,
        required: (n.required ?? []).includes(key),
      });
    }
  }
  return [...out.values()];
}

/** The documentation of the key at the end of `path` (its own description first). */
export function propertyDoc(kind: SchemaKind, path: readonly PathSegment[]): PropertyDoc | undefined {
  if (path.length === 0) return undefined;
  const key = String(path[path.length - 1]);
  const found = propertiesAt(kind, path.slice(0, -1)).find((p) => p.key === key);
  if (found) return found;
  const root = SCHEMAS[kind];
  for (const n of alternatives(schemaAt(root, path.slice(0, -1)), root)) {
    for (const [pattern, raw] of Object.entries(n.patternProperties ?? {})) {
      if (safeTest(pattern, key)) return { key, description: raw.description, node: deref(raw, root), required: false };
    }
  }
  return undefined;
}

function safeTest(pattern: string, key: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(key);
  } catch {
    return false;
  }
}

/** The enum values (or single constant) the value at `path` may take, from the schema. */
export function enumAt(kind: SchemaKind, path: readonly PathSegment[]): string[] {
  const root = SCHEMAS[kind];
  const out = new Set<string>();
  for (const n of alternatives(schemaAt(root, path), root)) {
    for (const v of n.enum ?? []) out.add(String(v));
    if (n.const !== undefined) out.add(String(n.const));
  }
  return [...out];
}

/**
 * What each value of the field at `path` means, as the schema says: every `{const, description}`
 * branch of its `anyOf` (the schemas describe enum values and suggested values that way, in one
 * place that yaml-language-server and VS Code read too), in the schema's order.
 */
export function valueDescriptions(kind: SchemaKind, path: readonly PathSegment[]): ReadonlyMap<string, string> {
  const root = SCHEMAS[kind];
  const out = new Map<string, string>();
  for (const n of alternatives(schemaAt(root, path), root)) {
    if (n.const !== undefined && n.description && !out.has(String(n.const))) out.set(String(n.const), n.description);
  }
  return out;
}

/** What the schema of a kind says the whole document is: its top-level description. */
export function documentDescription(kind: SchemaKind): string | undefined {
  return SCHEMAS[kind].description;
}

/** True when the schema says the value at `path` is a mapping (so `- x` there starts a mapping item). */
export function isObjectAt(kind: SchemaKind, path: readonly PathSegment[]): boolean {
  const root = SCHEMAS[kind];
  return alternatives(schemaAt(root, path), root).some((n) => n.type === 'object' || n.properties !== undefined);
}

const configReaders = new WeakMap<TaxonomyFile, DocReader[]>();

/**
 * The parsed documents of a file. Taxonomy files are parsed when they are set; the config file is
 * read by the config module, so for features it is parsed here once per version.
 */
export function readersOf(file: TaxonomyFile): DocReader[] {
  if (file.kind !== 'config') return file.readers;
  let readers = configReaders.get(file);
  if (!readers) {
    readers = file.unreadable ? [] : parseYaml(file.text).docs.map((d) => new DocReader(d, file.lines));
    configReaders.set(file, readers);
  }
  return readers;
}
