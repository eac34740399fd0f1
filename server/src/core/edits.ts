import type { TaxonomyFile } from './taxonomyFile';
import type { Position, TextEdit } from './types';

/**
 * An edit that inserts `key: value` as a new line right after the line holding `anchor`, at the
 * anchor key's indentation: the way a person would add a sibling field in block YAML. Returns
 * undefined for flow mappings (`{id: a}`), where a line insert would break the syntax.
 */
export function insertSiblingLine(file: TaxonomyFile, anchorKeyStart: Position, key: string, value: string): TextEdit | undefined {
  const lineText = file.lines.lineText(anchorKeyStart.line);
  const before = lineText.slice(0, anchorKeyStart.character);
  if (!/^[\s-]*$/.test(before) || before.includes('{') || lineText.trimEnd().endsWith('}')) return undefined;
  const indent = ' '.repeat(anchorKeyStart.character);
  const end = { line: anchorKeyStart.line, character: lineText.length };
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  return { uri: file.uri, range: { start: end, end }, newText: `${eol}${indent}${key}: ${value}` };
}
