// The progress line (src/progress.ts): formatting, counting, throttling with an injected clock.
import { describe, expect, it } from "vitest";
import { formatProgress, formatRate, ProgressLine, ProgressTracker, progressEnabled, type ProgressState } from "../src/progress.js";

const state: ProgressState = { filesDone: 12, filesTotal: 340, records: 15234, bytes: 3_200_000, findings: 17 };

describe("formatProgress", () => {
  it("shows files done/total, records, MB/s and findings", () => {
    expect(formatProgress(state, 1000)).toBe("offsite-lint: 12/340 files · 15,234 records · 3.20 MB/s · 17 findings");
    expect(formatProgress({ ...state, findings: 1 }, 1000)).toContain("1 finding");
    expect(formatProgress({ ...state, findings: 1 }, 1000)).not.toContain("findings");
  });

  it("never wraps: cut to the terminal width", () => {
    const text = formatProgress(state, 1000, 30);
    expect(text.length).toBe(29);
    expect(text.endsWith("…")).toBe(true);
    expect(formatProgress(state, 1000, 200)).not.toContain("…");
  });

  it("formats rates", () => {
    expect(formatRate(0, 0)).toBe("0.00 MB/s");
    expect(formatRate(370_000, 1000)).toBe("0.37 MB/s");
    expect(formatRate(25_000_000, 2000)).toBe("12.5 MB/s");
  });
});

describe("progressEnabled", () => {
  it("only on a terminal and outside CI", () => {
    expect(progressEnabled(true, {})).toBe(true);
    expect(progressEnabled(false, {})).toBe(false);
    expect(progressEnabled(true, { CI: "true" })).toBe(false);
    expect(progressEnabled(true, { CI: "1" })).toBe(false);
    expect(progressEnabled(true, { CI: "false" })).toBe(true);
    expect(progressEnabled(true, { CI: "" })).toBe(true);
  });
});

describe("ProgressTracker", () => {
  it("counts files, records, bytes read so far and findings", () => {
    const t = new ProgressTracker();
    t.addFiles(2);
    t.fileStart(1000);
    t.record(400, 0);
    t.record(300, 1); // a second pass over the file (XLSX): the furthest point counts
    expect(t.state).toEqual({ filesDone: 0, filesTotal: 2, records: 2, bytes: 400, findings: 1 });
    t.fileDone(3);
    expect(t.state).toEqual({ filesDone: 1, filesTotal: 2, records: 2, bytes: 1000, findings: 3 });
    t.fileStart(undefined); // size unknown: what was read
    t.record(50, 0);
    t.fileDone(0);
    expect(t.state.bytes).toBe(1050);
    t.fileStart(10);
    t.record(999); // never more than the file's size
    expect(t.state.bytes).toBe(1060);
  });
});

describe("ProgressLine", () => {
  function setup() {
    let now = 0;
    const writes: string[] = [];
    let current = { ...state };
    const line = new ProgressLine(() => current, { write: (t) => writes.push(t), now: () => now, columns: () => 120 });
    return {
      line,
      writes,
      advance: (ms: number) => (now += ms),
      set: (s: Partial<ProgressState>) => (current = { ...current, ...s }),
    };
  }

  it("draws nothing during the first second", () => {
    const { line, writes, advance } = setup();
    for (let i = 0; i < 9; i++) {
      advance(100);
      line.tick();
    }
    expect(writes).toEqual([]);
    line.clear();
    expect(writes).toEqual([]);
  });

  it("redraws with \\r at most every 100 ms, and clears the line at the end", () => {
    const { line, writes, advance, set } = setup();
    advance(1000);
    line.tick();
    expect(writes).toHaveLength(1);
    expect(writes[0]!.startsWith("\r")).toBe(true);
    expect(writes[0]).toContain("12/340 files");
    for (let i = 0; i < 50; i++) {
      advance(10); // 500 ms of ticks every 10 ms
      set({ records: state.records + i });
      line.tick();
    }
    expect(writes.length).toBeGreaterThanOrEqual(5);
    expect(writes.length).toBeLessThanOrEqual(6);
    expect(line.visible).toBe(true);
    line.clear();
    expect(writes.at(-1)).toBe("\r\x1b[K");
    expect(line.visible).toBe(false);
  });

  it("does not redraw an unchanged line", () => {
    const { line, writes, advance } = setup();
    advance(1000);
    line.tick();
    // Same state, same rate after a second: nothing new to show.
    const before = writes.length;
    advance(0);
    line.tick();
    expect(writes.length).toBe(before);
  });
});
