/** Escapes one JSON pointer segment, as RFC 6901 and ajv do. */
export function pointerSegment(key: string | number): string {
  if (typeof key === 'number') return String(key);
  return key.indexOf('~') < 0 && key.indexOf('/') < 0 ? key : key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins a parent pointer and a child key. */
export function childPointer(parent: string, key: string | number): string {
  return `${parent}/${pointerSegment(key)}`;
}

/** Decodes one JSON pointer segment: `~1` is `/`, `~0` is `~` (RFC 6901). */
export function decodeSegment(segment: string): string {
  return segment.indexOf('~') >= 0 ? segment.replace(/~1/g, '/').replace(/~0/g, '~') : segment;
}

/** The decoded segments of a JSON pointer (`''`, the whole document, has none). */
export function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map(decodeSegment);
}
