/**
 * Where the cursor is in a YAML file, worked out from the text and its indentation rather than
 * from the parse. While someone types, the file is usually not valid YAML (`owner: ` with nothing
 * after it, `kpis: [nps, `, a key half written), so completion cannot rely on the parsed value:
 * this module reads the lines above the cursor the way a person does, by indentation, and
 * returns the JSON path of the mapping or value being written.
 */

import { analyseLine, flowDepth, stripComment, valueText, type LineInfo } from './yamlLines';

export type PathSegment = string | number;

/** What is being written at the cursor. */
export interface YamlCursor {
  /** The zero-based YAML document (`---` separated) the cursor is in. */
  docIndex: number;
  /**
   * `key`: a key of the mapping at `path` is being written.
   * `value`: the value at `path` is being written (`path` ends with its key, and with the item
   * index inside a list).
   */
  role: 'key' | 'value';
  path: PathSegment[];
  /** The part of the word before the cursor that completion filters on. */
  prefix: string;
  /** Offsets of the word to replace (the prefix and the rest of the word after the cursor). */
  replaceStart: number;
  replaceEnd: number;
  /** True when the value is an item of a list (`[a, |]` or `- |`). */
  inList: boolean;
  /**
   * True when the line holds only `- ` and a word: it may be a list item or the first key of a
   * new mapping item; the caller decides with the schema.
   */
  bareItem: boolean;
  /** The text of the value before the cursor, for free-text completion. */
  valueBefore: string;
  /** Offset where that value text starts. */
  valueStart: number;
  /** True inside a block scalar (`|`, `>`) or a multi-line plain scalar: free text. */
  inBlockText: boolean;
  /** The quote the value is written in, when it is quoted. */
  quote?: '"' | "'";
  /** The column of the keys of the mapping at `path` (for indenting inserted lines). */
  keyColumn: number;
  /** Keys already written in the mapping (role `key`), so completion does not offer them twice. */
  siblingKeys: string[];
  /** Values already written in the list (role `value`, `inList`). */
  listValues: string[];
}

interface Frame {
  col: number;
  seg: PathSegment;
  type: 'key' | 'item';
}

const WORD = /[A-Za-z0-9_$.\-/]/;

/**
 * Works out what is being written at `offset` in a YAML text. Never throws; on text it cannot
 * make sense of it returns the best guess (a key at the top level).
 */
export function yamlCursorAt(text: string, offset: number): YamlCursor {
  const lines: LineInfo[] = [];
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const raw = text.slice(pos, end).replace(/\r$/, '');
    lines.push(analyseLine(raw, pos));
    if (nl < 0) break;
    pos = nl + 1;
  }
  let cursorLine = lines.length - 1;
  for (let i = 0; i < lines.length; i++) {
    const next = lines[i + 1];
    if (!next || next.start > offset) {
      cursorLine = i;
      break;
    }
  }
  const cur = lines[cursorLine];
  const cursorCol = Math.min(offset - cur.start, cur.text.length);

  // Find where the cursor's document starts and which document it is.
  let docIndex = 0;
  let docStartLine = 0;
  let seenContent = false;
  for (let i = 0; i < cursorLine; i++) {
    const l = lines[i];
    if (l.docMarker === '---') {
      if (seenContent) docIndex++;
      seenContent = true;
      docStartLine = i + 1;
    } else if (l.docMarker === '...') {
      seenContent = false;
      docIndex++;
      docStartLine = i + 1;
    } else if (!l.blank && !l.comment && !l.text.startsWith('%')) seenContent = true;
  }

  // Walk the document's lines above the cursor, keeping the stack of open keys and list items.
  const stack: Frame[] = [];
  let block: { col: number; path: PathSegment[] } | undefined;
  let plain: { col: number; path: PathSegment[] } | undefined;
  let flow: { path: PathSegment[]; depth: number; start: number } | undefined;

  const pushTokens = (l: LineInfo, uptoCol: number) => {
    for (const d of l.dashes) {
      if (d >= uptoCol) break;
      while (stack.length && stack[stack.length - 1].col > d) stack.pop();
      let index = 0;
      const top = stack[stack.length - 1];
      if (top && top.col === d && top.type === 'item') {
        index = (top.seg as number) + 1;
        stack.pop();
      }
      stack.push({ col: d, seg: index, type: 'item' });
    }
    if (l.key !== undefined && l.keyCol !== undefined && l.afterColon !== undefined && l.afterColon - 1 <= uptoCol) {
      while (stack.length && stack[stack.length - 1].col >= l.keyCol) stack.pop();
      stack.push({ col: l.keyCol, seg: l.key, type: 'key' });
    }
  };

  const path = () => stack.map((f) => f.seg);

  for (let i = docStartLine; i < cursorLine; i++) {
    const l = lines[i];
    if (flow) {
      flow.depth = flowDepth(l.text, flow.depth);
      if (flow.depth <= 0) flow = undefined;
      continue;
    }
    if (l.blank || l.comment) continue;
    if (block) {
      if (l.indent > block.col) continue;
      block = undefined;
    }
    if (plain) {
      if (l.indent > plain.col && l.key === undefined && l.dashes.length === 0) continue;
      plain = undefined;
    }
    pushTokens(l, Infinity);
    const v = valueText(l);
    const owner = l.keyCol ?? (l.dashes.length ? l.dashes[l.dashes.length - 1] : l.indent);
    if (l.key === undefined && l.dashes.length === 0) continue;
    if (/^[|>][-+0-9]*$/.test(v.text)) block = { col: owner, path: path() };
    else if (v.text.startsWith('[') || v.text.startsWith('{')) {
      const depth = flowDepth(v.text, 0);
      if (depth > 0) flow = { path: path(), depth, start: l.start + v.col };
    } else if (
      v.text !== '' &&
      !v.text.startsWith('"') &&
      !v.text.startsWith("'") &&
      !v.text.startsWith('&') &&
      !v.text.startsWith('*')
    )
      plain = { col: owner, path: path() };
  }

  const base: YamlCursor = {
    docIndex,
    role: 'key',
    path: [],
    prefix: '',
    replaceStart: offset,
    replaceEnd: offset,
    inList: false,
    bareItem: false,
    valueBefore: '',
    valueStart: offset,
    inBlockText: false,
    keyColumn: 0,
    siblingKeys: [],
    listValues: [],
  };

  const word = (from: number): { start: number; end: number; prefix: string } => {
    let s = offset;
    while (s > from && WORD.test(text[s - 1])) s--;
    let e = offset;
    while (e < cur.start + cur.text.length && WORD.test(text[e])) e++;
    return { start: s, end: e, prefix: text.slice(s, offset) };
  };

  // The cursor is inside a flow list that opened on an earlier line.
  if (flow) return flowCursor(base, text, flow.start, offset, flow.path, word);
  // Inside a block scalar or the continuation of a plain scalar: free text of that value.
  const deeper = (col: number) => (cur.blank ? cursorCol > col : cur.indent > col);
  const inText =
    (block && deeper(block.col)) || (plain && deeper(plain.col) && cur.key === undefined && cur.dashes.length === 0);
  if (inText) {
    const owner = (block ?? plain)!;
    const lineStart = cur.start + Math.min(cur.indent, cursorCol);
    const w = word(lineStart);
    return {
      ...base,
      role: 'value',
      path: owner.path,
      prefix: w.prefix,
      replaceStart: w.start,
      replaceEnd: w.end,
      valueBefore: text.slice(lineStart, offset),
      valueStart: lineStart,
      inBlockText: true,
    };
  }

  const before = analyseLine(cur.text.slice(0, cursorCol), cur.start);
  // Tokens on the cursor's own line that lie before the cursor.
  pushTokens(
    { ...cur, key: before.key, keyCol: before.keyCol, afterColon: before.afterColon, dashes: before.dashes },
    cursorCol,
  );

  if (before.key !== undefined && before.afterColon !== undefined && cursorCol >= before.afterColon - 1) {
    // After `key:`: the value of that key is being written.
    const valuePath = path();
    const raw = cur.text.slice(before.afterColon, cursorCol);
    const lead = raw.length - raw.trimStart().length;
    const vStart = cur.start + before.afterColon + lead;
    const v = raw.trimStart();
    if (v.startsWith('[')) return flowCursor(base, text, vStart, offset, valuePath, word);
    const quote = v.startsWith('"') ? '"' : v.startsWith("'") ? "'" : undefined;
    const from = quote ? vStart + 1 : vStart;
    const w = word(from);
    return {
      ...base,
      role: 'value',
      path: valuePath,
      prefix: w.prefix,
      replaceStart: w.start,
      replaceEnd: w.end,
      valueBefore: text.slice(from, offset),
      valueStart: from,
      quote,
      keyColumn: before.keyCol ?? 0,
      inBlockText: /^[|>]/.test(v),
    };
  }

  // A key (or a list item) is being written. Frames at or right of its column are closed.
  const col = before.dashes.length
    ? before.contentCol
    : cur.blank || cur.text.slice(0, cursorCol).trim() === ''
      ? cursorCol
      : before.contentCol;
  while (stack.length && stack[stack.length - 1].col >= col) stack.pop();
  const w = word(cur.start + col);
  const bareItem = before.dashes.length > 0;
  const result: YamlCursor = {
    ...base,
    role: 'key',
    path: path(),
    prefix: w.prefix,
    replaceStart: w.start,
    replaceEnd: w.end,
    bareItem,
    keyColumn: col,
    valueBefore: text.slice(cur.start + col, offset),
    valueStart: cur.start + col,
  };
  if (bareItem) {
    result.inList = true;
    result.listValues = blockListValues(lines, cursorLine, before.dashes[before.dashes.length - 1], docStartLine);
  }
  result.siblingKeys = siblingKeys(lines, cursorLine, col, docStartLine, bareItem);
  return result;
}

function flowCursor(
  base: YamlCursor,
  text: string,
  flowStart: number,
  offset: number,
  valuePath: PathSegment[],
  word: (from: number) => { start: number; end: number; prefix: string },
): YamlCursor {
  // Count the items before the cursor at the list's own depth.
  let depth = 0;
  let index = 0;
  let itemStart = flowStart + 1;
  let quote: string | undefined;
  for (let i = flowStart; i < offset; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) itemStart = i + 1;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) {
      index++;
      itemStart = i + 1;
    }
  }
  while (itemStart < offset && /\s/.test(text[itemStart])) itemStart++;
  const q = text[itemStart] === '"' || text[itemStart] === "'" ? (text[itemStart] as '"' | "'") : undefined;
  const from = q ? itemStart + 1 : itemStart;
  const w = word(from);
  // The other items of the list, for not offering them twice.
  let end = offset;
  let d = depth;
  while (end < text.length && d > 0) {
    const c = text[end];
    if (c === '[' || c === '{') d++;
    else if (c === ']' || c === '}') d--;
    if (d > 0) end++;
  }
  const listValues = text
    .slice(flowStart + 1, end)
    .split(',')
    .map((s) => s.trim().replace(/^["']|["']$/g, ''))
    .filter((s) => s !== '' && s !== w.prefix);
  return {
    ...base,
    role: 'value',
    path: [...valuePath, index],
    prefix: w.prefix,
    replaceStart: w.start,
    replaceEnd: w.end,
    inList: true,
    quote: q,
    valueBefore: text.slice(from, offset),
    valueStart: from,
    listValues,
  };
}

/** Keys written at `col` in the same mapping as the cursor line, above and below it. */
function siblingKeys(lines: LineInfo[], cursorLine: number, col: number, docStart: number, newItem: boolean): string[] {
  const out: string[] = [];
  const keyAt = (l: LineInfo) => (l.keyCol === col && l.key !== undefined ? l.key : undefined);
  const ends = (l: LineInfo) =>
    !l.blank &&
    !l.comment &&
    (l.docMarker !== undefined || Math.min(l.indent, l.keyCol ?? l.contentCol) < col || l.dashes.some((d) => d < col));
  // Upwards: stop at the line that opened this mapping (a shallower key, or this item's dash).
  if (!newItem) {
    for (let i = cursorLine - 1; i >= docStart; i--) {
      const l = lines[i];
      const k = keyAt(l);
      if (k !== undefined) out.push(k);
      if (l.dashes.length && l.dashes[l.dashes.length - 1] < col) break;
      if (k === undefined && ends(l)) break;
    }
  }
  for (let i = cursorLine + 1; i < lines.length; i++) {
    const l = lines[i];
    if (ends(l)) break;
    const k = keyAt(l);
    if (k !== undefined) out.push(k);
  }
  return out;
}

/** The scalar items of a block list around the cursor line (`- a` lines at the same column). */
function blockListValues(lines: LineInfo[], cursorLine: number, dashCol: number, docStart: number): string[] {
  const out: string[] = [];
  const take = (l: LineInfo) => {
    if (l.dashes[0] === dashCol && l.key === undefined) {
      const v = stripComment(l.text.slice(l.contentCol).trim()).replace(/^["']|["']$/g, '');
      if (v) out.push(v);
      return true;
    }
    return l.blank || l.comment || l.indent > dashCol;
  };
  for (let i = cursorLine - 1; i >= docStart && take(lines[i]); i--);
  for (let i = cursorLine + 1; i < lines.length && take(lines[i]); i++);
  return out;
}
