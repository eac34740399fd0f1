/**
 * A set of file numbers, compact however many files it holds: a short list while it is small, then
 * a bit per file of the workspace. The dependency tracker keeps one for each index key more than
 * one file looked up; a team's or a KPI's id is looked up by thousands of journeys, and a `Set` of
 * uris per such key was 12.5 MB of the server's heap on the styled L (BENCHMARKS.md, item 36).
 */
export class FileSet {
  /** The members while few, in the order they came. */
  private few: number[] | undefined = [];
  /** Bit n of word n >> 5 for file n, once there are more than `FEW`. */
  private bits: Uint32Array | undefined;
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(n: number): void {
    const few = this.few;
    if (few !== undefined) {
      if (few.includes(n)) return;
      if (few.length < FEW) {
        few.push(n);
        this.count++;
        return;
      }
      this.few = undefined;
      for (const m of few) this.setBit(m);
    }
    if (this.setBit(n)) this.count++;
  }

  delete(n: number): void {
    const few = this.few;
    if (few !== undefined) {
      const at = few.indexOf(n);
      if (at < 0) return;
      few.splice(at, 1);
      this.count--;
      return;
    }
    const bits = this.bits as Uint32Array;
    const w = n >>> 5;
    const mask = 1 << (n & 31);
    if (w < bits.length && (bits[w] & mask) !== 0) {
      bits[w] &= ~mask;
      this.count--;
    }
  }

  has(n: number): boolean {
    if (this.few !== undefined) return this.few.includes(n);
    const bits = this.bits as Uint32Array;
    const w = n >>> 5;
    return w < bits.length && (bits[w] & (1 << (n & 31))) !== 0;
  }

  /** The members: in the order they came while few, else in ascending order. */
  *[Symbol.iterator](): IterableIterator<number> {
    if (this.few !== undefined) {
      yield* this.few;
      return;
    }
    const bits = this.bits as Uint32Array;
    for (let w = 0; w < bits.length; w++) {
      let word = bits[w];
      while (word !== 0) {
        const low = word & -word;
        yield (w << 5) + 31 - Math.clz32(low);
        word ^= low;
      }
    }
  }

  /** Sets a file's bit, growing the words to reach it; true when it was clear. */
  private setBit(n: number): boolean {
    const w = n >>> 5;
    let bits = this.bits;
    if (bits === undefined || w >= bits.length) {
      const grown = new Uint32Array(Math.max(w + 1, bits === undefined ? 0 : bits.length * 2));
      if (bits !== undefined) grown.set(bits);
      this.bits = bits = grown;
    }
    const mask = 1 << (n & 31);
    if ((bits[w] & mask) !== 0) return false;
    bits[w] |= mask;
    return true;
  }
}

/**
 * How many members a set lists before it keeps a bit per file: 64 numbers take about as much as
 * the bits of 4,000 files.
 */
const FEW = 64;
