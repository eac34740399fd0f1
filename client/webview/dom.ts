/**
 * Small DOM helpers for the webviews. Text only ever enters the page through `textContent`
 * (`el`, `richText`) or through `setAttribute` with a fixed attribute name (`svgEl`), never
 * through HTML parsing, so user text cannot become markup.
 */

/** Creates an element with an optional class list and text. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element with attributes. */
export function svgEl<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/** Removes every child of a node. */
export function clear(node: Element): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/**
 * Text with `code spans` (as diagnostic messages write ids) as nodes: plain text and `<code>`
 * elements, both filled with textContent.
 */
export function richText(text: string): Node[] {
  const parts = text.split('`');
  // An odd number of backticks leaves the last one literal.
  if (parts.length % 2 === 0)
    parts.splice(parts.length - 2, 2, parts[parts.length - 2] + '`' + parts[parts.length - 1]);
  return parts.map((part, i) => {
    if (i % 2 === 0) return document.createTextNode(part);
    const code = document.createElement('code');
    code.textContent = part;
    return code;
  });
}
