// A view is normalised text plus, for every UTF-16 unit of it, the original range that produced it.
// Views are built from other views by char-level rewrites, so the map composes back to the
// original field text and every finding can point at the original characters.

import type { TextView } from "../types.js";

export class MappedText implements TextView {
  constructor(
    readonly text: string,
    /** starts[i], ends[i]: original range of view unit i. */
    private readonly starts: Int32Array,
    private readonly ends: Int32Array,
    readonly originalLength: number,
  ) {}

  static identity(text: string): MappedText {
    const n = text.length;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      starts[i] = i;
      ends[i] = i + 1;
    }
    return new MappedText(text, starts, ends, n);
  }

  toOriginal(start: number, end: number): [number, number] {
    const n = this.text.length;
    if (n === 0) return [0, 0];
    const s = Math.max(0, Math.min(start, n - 1));
    const e = Math.max(s + 1, Math.min(end, n));
    let lo = this.starts[s]!;
    let hi = this.ends[e - 1]!;
    // Units produced by one original character share its range; take the widest.
    for (let i = s; i < e; i++) {
      if (this.starts[i]! < lo) lo = this.starts[i]!;
      if (this.ends[i]! > hi) hi = this.ends[i]!;
    }
    return [lo, Math.min(hi, this.originalLength)];
  }

  /** Original start offset of view unit i (i may equal text.length: the end). */
  originalStart(i: number): number {
    if (i >= this.text.length) return this.originalLength;
    return this.starts[i]!;
  }

  /** The original range of view unit i (0 <= i < text.length), as stored. */
  unitStart(i: number): number {
    return this.starts[i]!;
  }

  unitEnd(i: number): number {
    return this.ends[i]!;
  }
}

/** A view whose every unit is the rewrite of the original unit at the same offset (a fold that
 * only changed case or width): the offset map is the identity, so none is stored. */
export class AlignedText extends MappedText {
  constructor(text: string) {
    super(text, EMPTY, EMPTY, text.length);
  }

  override toOriginal(start: number, end: number): [number, number] {
    const n = this.text.length;
    if (n === 0) return [0, 0];
    const s = Math.max(0, Math.min(start, n - 1));
    return [s, Math.max(s + 1, Math.min(end, n))];
  }

  override originalStart(i: number): number {
    return Math.min(i, this.originalLength);
  }

  override unitStart(i: number): number {
    return i;
  }

  override unitEnd(i: number): number {
    return i + 1;
  }
}
const EMPTY = new Int32Array(0);

/**
 * Builds a new view from `source` by emitting replacement strings for ranges of the source view.
 * Each emitted string maps to the original range of the source units it replaces.
 */
export class ViewBuilder {
  private parts: string[] = [];
  private starts: number[] = [];
  private ends: number[] = [];

  private readonly originalLength: number;

  /** `source` is the view being rewritten; with none, ranges are original offsets of a text of `length`. */
  constructor(private readonly source: MappedText | null, length = 0) {
    this.originalLength = source ? source.originalLength : length;
  }

  /** Emit `text` as the rewrite of source units [from, to) (or original range when no source). */
  emit(text: string, from: number, to: number): void {
    if (text.length === 0) return;
    let lo: number;
    let hi: number;
    if (this.source) {
      if (to > from) [lo, hi] = this.source.toOriginal(from, to);
      else {
        lo = this.source.originalStart(from);
        hi = lo;
      }
    } else {
      lo = from;
      hi = to;
    }
    this.parts.push(text);
    for (let k = 0; k < text.length; k++) {
      this.starts.push(lo);
      this.ends.push(hi);
    }
  }

  /** Copy source units [from, to) unchanged: each keeps its own original range. */
  copy(from: number, to: number): void {
    if (to <= from) return;
    const source = this.source!;
    this.parts.push(source.text.slice(from, to));
    const limit = this.originalLength;
    for (let i = from; i < to; i++) {
      this.starts.push(source.unitStart(i));
      this.ends.push(Math.min(source.unitEnd(i), limit));
    }
  }

  /** Stretch the last emitted unit to end at original offset `to` (a combining mark that vanished
   * belongs to the character before it: the keycap in 1️⃣ is part of the 1). */
  extendLast(to: number): void {
    const last = this.ends.length - 1;
    if (last >= 0 && this.ends[last]! < to) {
      // Every unit of the last emitted string shares the range; stretch them together.
      const lo = this.starts[last]!;
      for (let i = last; i >= 0 && this.starts[i] === lo; i--) this.ends[i] = to;
    }
  }

  build(): MappedText {
    return new MappedText(
      this.parts.join(""),
      Int32Array.from(this.starts),
      Int32Array.from(this.ends),
      this.originalLength,
    );
  }
}

/**
 * Rewrites every match of `pattern` (a global regex) in `view` with `replace(match)`; the
 * replacement maps to the original range of the whole match. Returns `view` itself when nothing
 * matched, so chains of rewrites cost nothing on clean text.
 */
export function rewrite(
  view: MappedText,
  pattern: RegExp,
  replace: (match: RegExpMatchArray) => string,
): MappedText {
  const text = view.text;
  pattern.lastIndex = 0;
  let out: ViewBuilder | undefined;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    const start = m.index!;
    const end = start + m[0].length;
    const replacement = replace(m);
    if (replacement === m[0]) continue;
    out ??= new ViewBuilder(view);
    if (start > last) out.copy(last, start);
    if (replacement.length > 0) out.emit(replacement, start, end);
    last = end;
  }
  if (!out) return view;
  if (last < text.length) out.copy(last, text.length);
  return out.build();
}
