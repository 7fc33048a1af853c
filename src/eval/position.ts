// File offsets to 1-based line / UTF-16 column, and range overlap, as the linter reports them.
// Line breaks are CRLF, LF and a lone CR (a CRLF is one break); U+2028/U+2029 are not breaks
// (the layout never writes them raw into JSON, and the corpus has none in its texts).

export interface FilePosition {
  line: number;
  column: number;
}

/** A half-open range of a file: `end` is the position just after the last character. */
export interface FileRange {
  start: FilePosition;
  end: FilePosition;
}

export class LineIndex {
  /** Offsets where each line starts. */
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 0x0d) {
        if (text.charCodeAt(i + 1) === 0x0a) i++;
        this.starts.push(i + 1);
      } else if (ch === 0x0a) {
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Position of a UTF-16 offset, 0 <= offset <= text.length. */
  position(offset: number): FilePosition {
    if (offset < 0 || offset > this.text.length) throw new RangeError(`offset ${offset} outside the text`);
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  range(start: number, end: number): FileRange {
    return { start: this.position(start), end: this.position(end) };
  }
}

export function comparePositions(a: FilePosition, b: FilePosition): number {
  return a.line !== b.line ? a.line - b.line : a.column - b.column;
}

/**
 * Do a reported range and a labelled span share at least one character? Both are half-open.
 * A report without an end (`end` undefined) is a point: it overlaps when it falls inside the span.
 */
export function rangesOverlap(span: FileRange, reported: { start: FilePosition; end?: FilePosition }): boolean {
  const rEnd = reported.end;
  if (!rEnd || comparePositions(rEnd, reported.start) <= 0) {
    return comparePositions(span.start, reported.start) <= 0 && comparePositions(reported.start, span.end) < 0;
  }
  return comparePositions(reported.start, span.end) < 0 && comparePositions(span.start, rEnd) < 0;
}
