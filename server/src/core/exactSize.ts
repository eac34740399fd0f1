/**
 * An array without the spare room `push` leaves (V8 makes room for 17 items at the first push):
 * most lists in a taxonomy hold one to three items, and they live as long as the file.
 */
export function exactSize<T>(items: T[]): T[] {
  return items.length === 0 ? items : items.slice();
}
