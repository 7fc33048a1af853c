import { describe, expect, it } from "vitest";
import { LineIndex, rangesOverlap } from "../../src/eval/position.js";

describe("LineIndex", () => {
  it("counts CRLF, LF and CR as one break each, columns in UTF-16 units", () => {
    const idx = new LineIndex("ab\r\ncd\nef\rg😀h");
    expect(idx.lineCount).toBe(4);
    expect(idx.position(0)).toEqual({ line: 1, column: 1 });
    expect(idx.position(2)).toEqual({ line: 1, column: 3 }); // the \r
    expect(idx.position(4)).toEqual({ line: 2, column: 1 });
    expect(idx.position(7)).toEqual({ line: 3, column: 1 });
    expect(idx.position(10)).toEqual({ line: 4, column: 1 });
    expect(idx.position(13)).toEqual({ line: 4, column: 4 }); // after the surrogate pair
    expect(idx.position(14)).toEqual({ line: 4, column: 5 }); // end of text
    expect(() => idx.position(15)).toThrow(RangeError);
  });
});

describe("rangesOverlap", () => {
  const span = { start: { line: 2, column: 5 }, end: { line: 3, column: 4 } };
  const r = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, column: c1 }, end: { line: l2, column: c2 } });
  it("is half-open on both sides", () => {
    expect(rangesOverlap(span, r(1, 1, 2, 5))).toBe(false); // ends where the span starts
    expect(rangesOverlap(span, r(1, 1, 2, 6))).toBe(true);
    expect(rangesOverlap(span, r(3, 4, 3, 9))).toBe(false); // starts where the span ends
    expect(rangesOverlap(span, r(3, 3, 3, 9))).toBe(true);
    expect(rangesOverlap(span, r(2, 40, 2, 41))).toBe(true); // inside, on the first line of a multi-line span
    expect(rangesOverlap(span, r(1, 1, 9, 1))).toBe(true); // covers it
  });
  it("treats a report without an end as a point", () => {
    expect(rangesOverlap(span, { start: { line: 2, column: 5 } })).toBe(true);
    expect(rangesOverlap(span, { start: { line: 3, column: 4 } })).toBe(false);
    expect(rangesOverlap(span, { start: { line: 2, column: 4 } })).toBe(false);
  });
});
