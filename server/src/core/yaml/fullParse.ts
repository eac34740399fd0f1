import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import { parserErrorProblem, yamlMessages } from './errors';
import { childPointer } from './pointer';
import { SpanTable, type SourceSpan } from './spanTable';
import { DEFAULT_PARSE_LIMITS, type ParsedDoc, type ParsedYaml, type ParseLimits, type SyntaxProblem } from './types';

/**
 * The full parse: the `yaml` package's documents converted to plain values with a source span
 * per JSON pointer. Every YAML feature, with its problems; the fast path (fastParse.ts) declines
 * to anything it does not read exactly like this.
 */
class Converter {
  readonly spans = new SpanTable();
  readonly problems: SyntaxProblem[] = [];
  private expansion = 0;
  private bombReported = false;
  private readonly sizes = new Map<Node, number>();
  private readonly resolving = new Set<Node>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly limits: ParseLimits,
  ) {}

  convert(node: unknown, pointer: string, depth: number, span: Partial<SourceSpan>, record: boolean): unknown {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (record) {
      const start = range ? range[0] : (span.keyEnd ?? 0);
      const end = range ? range[1] : start;
      this.spans.set(pointer, {
        keyStart: span.keyStart,
        keyEnd: span.keyEnd,
        start,
        end,
        scalarType: isScalar(node) ? (node.type ?? undefined) : undefined,
      });
    }
    if (node === null || node === undefined) return null;
    if (depth > this.limits.maxDepth) {
      if (range) this.problem(yamlMessages.nestingTooDeep(this.limits.maxDepth), range[0], range[0] + 1);
      return null;
    }
    if (isScalar(node)) return node.value;
    if (isAlias(node)) return this.expandAlias(node, depth, range);
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const keyNode = item.key as Node | null;
        const keyValue = isScalar(keyNode)
          ? keyNode.value
          : keyNode === null
            ? ''
            : this.convert(keyNode, pointer, depth + 1, {}, false);
        const key = typeof keyValue === 'string' ? keyValue : (JSON.stringify(keyValue) ?? String(keyValue));
        const kr = (keyNode as { range?: [number, number, number] } | null)?.range;
        const child = childPointer(pointer, key);
        const value = this.convert(item.value, child, depth + 1, { keyStart: kr?.[0], keyEnd: kr?.[1] }, record);
        // Duplicate keys are found here with a hash lookup: the parser's own check compares every
        // pair of keys, which takes minutes on a mapping of 100,000 keys. The first one wins.
        if (!Object.prototype.hasOwnProperty.call(out, key)) {
          Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
        } else if (record && kr) {
          this.problem(yamlMessages.duplicateKey(key), kr[0], kr[1]);
        }
      }
      return out;
    }
    if (isSeq(node)) {
      return node.items.map((item, i) => this.convert(item, childPointer(pointer, i), depth + 1, {}, record));
    }
    return null;
  }

  private expandAlias(node: Node, depth: number, range: [number, number, number] | undefined): unknown {
    if (!isAlias(node)) return null;
    let target: Node | undefined;
    try {
      target = node.resolve(this.doc);
    } catch {
      target = undefined;
    }
    const [s, e] = range ?? [0, 0];
    if (!target) {
      this.problem(yamlMessages.aliasWithoutAnchor(node.source), s, e);
      return null;
    }
    if (this.resolving.has(target)) {
      this.problem(yamlMessages.aliasCycle(node.source), s, e);
      return null;
    }
    this.expansion += this.sizeOf(target);
    if (this.expansion > this.limits.maxAliasExpansion) {
      // One problem per document: a bomb has hundreds of aliases, and each would say the same.
      if (this.bombReported) return null;
      this.bombReported = true;
      this.problem(yamlMessages.aliasBomb(this.limits.maxAliasExpansion), s, e);
      return null;
    }
    this.resolving.add(target);
    try {
      // Values under an alias have no source span of their own, so they are not recorded.
      return this.convert(target, '', depth + 1, {}, false);
    } finally {
      this.resolving.delete(target);
    }
  }

  /** Counts the nodes a value holds, aliases included, without expanding them twice. */
  private sizeOf(node: unknown, guard = new Set<unknown>()): number {
    if (!node || typeof node !== 'object') return 1;
    const known = this.sizes.get(node as Node);
    if (known !== undefined) return known;
    if (guard.has(node)) return 1;
    guard.add(node);
    let size = 1;
    if (isMap(node)) for (const p of node.items) size += this.sizeOf((p as { value?: unknown }).value, guard) + 1;
    else if (isSeq(node)) for (const it of node.items) size += this.sizeOf(it, guard);
    else if (isAlias(node)) {
      let t: unknown;
      try {
        t = node.resolve(this.doc);
      } catch {
        t = undefined;
      }
      size += t ? this.sizeOf(t, guard) : 0;
    }
    guard.delete(node);
    this.sizes.set(node as Node, size);
    return size;
  }

  problem(message: string, start: number, end: number): void {
    this.problems.push({ message, start, end: Math.max(end, start) });
  }
}

/** The full parse with the `yaml` package: every YAML feature, with its problems. */
export function parseYamlFull(text: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ParsedYaml {
  const problems: SyntaxProblem[] = [];
  const docs: ParsedDoc[] = [];
  let parsed: Document.Parsed[];
  try {
    const result = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, strict: true });
    parsed = Array.isArray(result) ? result : [];
  } catch (err) {
    // The parser recurses on nesting; extremely deep input can exhaust the stack.
    const message = err instanceof RangeError ? yamlMessages.fileTooDeep : yamlMessages.unreadable(err);
    return { docs: [], problems: [{ message, start: 0, end: Math.min(1, text.length) }] };
  }
  parsed.forEach((doc, index) => {
    const conv = new Converter(doc, limits);
    let value: unknown = null;
    try {
      value = conv.convert(doc.contents, '', 0, {}, true);
    } catch (err) {
      const start = doc.range?.[0] ?? 0;
      conv.problem(err instanceof RangeError ? yamlMessages.documentTooDeep : String(err), start, start + 1);
    }
    for (const err of doc.errors) problems.push(parserErrorProblem(err, conv.spans, text));
    problems.push(...conv.problems);
    const range = doc.range ?? [0, text.length, text.length];
    conv.spans.seal();
    docs.push({ index, value, spans: conv.spans, start: range[0], end: range[2] ?? range[1] });
  });
  return { docs, problems };
}
