// Deduplication of candidate pairs in blocking (people and lines).

/**
 * A set of record-index pairs (open addressing on typed arrays). A Set keyed
 * a·n + b held hundreds of thousands of non-small-integer numbers, each a heap
 * allocation, and was the single largest cost of blocking.
 */
export class PairSet {
  private as = new Int32Array(1 << 16).fill(-1);
  private bs = new Int32Array(1 << 16);
  private count = 0;
  get size(): number {
    return this.count;
  }
  /** Adds (a, b); false when it was already there. */
  add(a: number, b: number): boolean {
    if ((this.count + 1) * 2 > this.as.length) this.grow();
    const mask = this.as.length - 1;
    let i = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & mask;
    while (this.as[i] !== -1) {
      if (this.as[i] === a && this.bs[i] === b) return false;
      i = (i + 1) & mask;
    }
    this.as[i] = a;
    this.bs[i] = b;
    this.count++;
    return true;
  }
  private grow() {
    const { as, bs } = this;
    this.as = new Int32Array(as.length * 2).fill(-1);
    this.bs = new Int32Array(as.length * 2);
    this.count = 0;
    for (let i = 0; i < as.length; i++) if (as[i] !== -1) this.add(as[i], bs[i]);
  }
}
