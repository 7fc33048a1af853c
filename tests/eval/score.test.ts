import { describe, expect, it } from "vitest";
import type { CorpusCase } from "../../src/eval/corpus.js";
import { layoutCorpus } from "../../src/eval/layout.js";
import { formatReport } from "../../src/eval/report.js";
import { checkThresholds, scoreRun } from "../../src/eval/score.js";
import type { Category } from "../../src/types.js";
import { msg, result } from "./helpers.js";

type Spans = Array<[string, Category]>;
const base = { lang: "en", note: "", sourceLine: 0 };
const mk = (spans: Spans) => ({ expect: [...new Set(spans.map((s) => s[1]))], spans: spans.map(([text, category]) => ({ text, category })) });
const reply = (id: string, text: string, spans: Spans = []): CorpusCase => ({ ...base, id, note: `note ${id}`, kind: "reply", text, ...mk(spans) });
const listing = (id: string, fields: Record<string, string>, spans: Spans = []): CorpusCase => ({ ...base, id, note: `note ${id}`, kind: "listing", fields, ...mk(spans) });

const CASES: CorpusCase[] = [
  reply("r1", "Hi!\nAdd me on WhatsApp +86 138 0013 8000", [["WhatsApp +86 138 0013 8000", "im"], ["+86 138 0013 8000", "phone"]]),
  reply("r2", "Please order with Trade Assurance."),
  listing("l1", { title: 'Wig 22.5" cap', description: 'Size 22.5". Scan the "QR" code on the card' }, [['Scan the "QR" code on the card', "qr"]]),
  listing("l2", { title: "Lamp", description: 'Desk lamp 12"\tUSB\nV信: lamp_88' }, [["V信: lamp_88", "im"], ["Lamp", "link"]]),
  listing("l3", { title: "Cuban link chain", description: "18K gold plated" }),
];

// Written by hand from the file formats, not from the layout code.
const CSV_ROW = '"Wig 22.5"" cap","Size 22.5"". Scan the ""QR"" code on the card"';
const JSON_LINE = '    "description": "Desk lamp 12\\"\\tUSB\\nV信: lamp_88"';
const DIR = "/tmp/offsite-eval-abc";

function results() {
  const qrCol = CSV_ROW.indexOf("Scan") + 1;
  const imCol = JSON_LINE.indexOf("V信") + 1;
  return [
    result(`${DIR}/reply-0001.txt`, [
      msg("im", { line: 2, column: 15, endLine: 2, endColumn: 23 }), // "WhatsApp"
      msg("phone", { line: 1, column: 1, endLine: 1, endColumn: 4 }), // "Hi!": found, not located
    ]),
    result(`${DIR}/reply-0002.txt`, [msg("link", { line: 1, column: 19, endLine: 1, endColumn: 34 })]),
    result(`${DIR}/listings.csv`, [msg("qr", { line: 2, column: qrCol, endLine: 2, endColumn: CSV_ROW.length }, { record: { index: 0 } })]),
    // No record index: tied to l2 by line. The im message is exactly the span after the escaped \" \t \n.
    result(`${DIR}/listings.json`, [
      msg("im", { line: 4, column: imCol, endLine: 4, endColumn: imCol + "V信: lamp_88".length }),
      msg("email", { line: 4, column: 1 }),
    ]),
    result(`${DIR}/listings.jsonl`, []),
  ];
}

describe("scoreRun", () => {
  const layout = layoutCorpus(CASES);
  const score = scoreRun(CASES, layout, results());

  it("computes recall, precision, the clean rate and located", () => {
    expect(score.cases).toEqual({ total: 5, listings: 3, replies: 2, clean: 2 });
    expect(score.recall).toEqual({ hit: 4, total: 5, value: 0.8 });
    expect(score.precision).toEqual({ hit: 4, total: 6, value: 4 / 6 });
    expect(score.cleanFlagged).toEqual({ hit: 1, total: 2, value: 0.5 });
    expect(score.located).toEqual({ hit: 3, total: 5, value: 0.6 });
    expect(score.stray).toEqual([]);
    expect(score.recordLineMismatches).toBe(0);
    expect(score.unlintedFiles).toEqual([]);
  });

  it("names the written files the linter did not lint", () => {
    const s = scoreRun(CASES, layout, results().slice(0, 2));
    expect(s.unlintedFiles).toEqual(["listings.csv", "listings.json", "listings.jsonl"]);
    expect(formatReport(s)).toContain("warning: the linter returned no result for 3 written file(s), so it did not lint them: listings.csv, listings.json, listings.jsonl");
  });

  it("breaks down by category and file format", () => {
    const cat = Object.fromEntries(score.perCategory.map((k) => [k.category, k]));
    expect(Object.keys(cat)).toEqual(["link", "email", "phone", "im", "qr"]);
    expect(cat.im!.recall).toMatchObject({ hit: 2, total: 2 });
    expect(cat.im!.located).toMatchObject({ hit: 2, total: 2 });
    expect(cat.phone!.located).toMatchObject({ hit: 0, total: 1 });
    expect(cat.link!.recall).toMatchObject({ hit: 0, total: 1 });
    expect(cat.link!.precision).toMatchObject({ hit: 0, total: 1 });
    expect(cat.email!.precision).toMatchObject({ hit: 0, total: 1 });
    expect(cat.qr!.located).toMatchObject({ hit: 1, total: 1 });
    const fmt = Object.fromEntries(score.perFormat.map((g) => [g.format, g]));
    expect(fmt.txt!.recall).toMatchObject({ hit: 2, total: 2 });
    expect(fmt.json!.recall).toMatchObject({ hit: 1, total: 2 });
    expect(fmt.jsonl!.cases).toBe(1);
  });

  it("lists misses, false positives and unlocated spans", () => {
    expect(score.misses).toEqual([{ caseId: "l2", note: "note l2", file: "listings.json", line: 2, category: "link" }]);
    expect(score.falsePositives.map((f) => [f.caseId, f.category])).toEqual([["r2", "link"], ["l2", "email"]]);
    expect(score.unlocated.map((u) => [u.caseId, u.category, u.reported.length])).toEqual([["r1", "phone", 1], ["l2", "link", 0]]);
  });

  it("a span in a CSV cell after doubled quotes is located only by the exact column", () => {
    const off = results();
    off[2] = result(`${DIR}/listings.csv`, [msg("qr", { line: 2, column: 20, endLine: 2, endColumn: 30 })]); // columns if quotes were not doubled
    const s = scoreRun(CASES, layout, off);
    expect(s.recall.hit).toBe(4); // still found on the case
    expect(s.located.hit).toBe(2);
  });

  it("a span in a JSON string after an escaped char is located only by the escaped column", () => {
    const off = results();
    const unescapedCol = '    "description": "Desk lamp 12"\tUSB\nV信'.length - 2; // where it would be if \" \t \n were one char
    off[3] = result(`${DIR}/listings.json`, [msg("im", { line: 4, column: unescapedCol, endLine: 4, endColumn: unescapedCol + 2 })]);
    expect(unescapedCol + 2).toBeLessThanOrEqual(JSON_LINE.indexOf("V信") + 1);
    const s = scoreRun(CASES, layout, off);
    expect(s.located.hit).toBe(2);
  });

  it("ties messages by record.index first, falls back to the line, and counts disagreements", () => {
    const two = [CASES[2]!, { ...CASES[4]!, id: "l3b" } as CorpusCase];
    const l = layoutCorpus(two, { formats: ["csv"] });
    const s = scoreRun(two, l, [
      result("listings.csv", [
        msg("qr", { line: 3, column: 1 }, { record: { index: 0 } }), // index wins, line disagrees
        msg("link", { line: 3, column: 2 }), // by line: the clean row
        msg("link", { line: 9, column: 1 }), // no such line, no index
      ]),
    ]);
    expect(s.recall).toMatchObject({ hit: 1, total: 1 });
    expect(s.cleanFlagged).toMatchObject({ hit: 1, total: 1 });
    expect(s.recordLineMismatches).toBe(1);
    expect(s.stray.map((x) => x.reason)).toEqual(["no-record"]);
  });

  it("matches Windows and relative paths, takes the category from the rule id, and keeps fatal messages apart", () => {
    const s = scoreRun(CASES, layout, [
      result("C:\\Temp\\offsite-eval-x\\reply-0001.txt", [
        { ruleId: "no-im-contact", severity: 2, message: "x", line: 2, column: 15, endLine: 2, endColumn: 23 },
        { ruleId: "team/custom", severity: 1, message: "custom", line: 1, column: 1 },
      ]),
      result("listings.csv", [{ ruleId: null, severity: 2, fatal: true, message: "Unclosed quote", line: 2, column: 1 }]),
      result("/elsewhere/other.txt", [msg("im", { line: 1, column: 1 })]),
    ]);
    expect(s.perCategory.find((k) => k.category === "im")!.recall.hit).toBe(1);
    expect(s.located.hit).toBe(1);
    expect(s.stray.map((x) => x.reason)).toEqual(["no-category", "fatal", "unknown-file"]);
  });
});

describe("checkThresholds", () => {
  const score = scoreRun(CASES, layoutCorpus(CASES), results());
  it("says which thresholds are not met", () => {
    expect(checkThresholds(score, {})).toEqual([]);
    expect(checkThresholds(score, { minRecall: 0.8, minPrecision: 0.6, maxCleanFlagged: 0.5, minLocated: 0.6 })).toEqual([]);
    const f = checkThresholds(score, { minRecall: 0.9, minPrecision: 0.7, maxCleanFlagged: 0.05, minLocated: 0.9 });
    expect(f).toEqual([
      "recall 80.0% (4/5) is below --min-recall 90.0%",
      "precision 66.7% (4/6) is below --min-precision 70.0%",
      "located 60.0% (3/5) is below --min-located 90.0%",
      "clean cases flagged 50.0% (1/2) is above --max-clean-flagged 5.0%",
    ]);
  });
  it("names each category whose recall is below --min-category-recall", () => {
    const failures = checkThresholds(score, { minCategoryRecall: 1 });
    const missed = score.perCategory.filter((c) => c.recall.value !== null && c.recall.value < 1);
    expect(missed.length).toBeGreaterThan(0);
    expect(failures).toHaveLength(missed.length);
    for (const c of missed) expect(failures.some((f) => f.startsWith(`${c.category} recall`) && f.includes("--min-category-recall"))).toBe(true);
    expect(checkThresholds(score, { minCategoryRecall: 0 })).toEqual([]);
  });
  it("passes a measure with nothing to measure", () => {
    const empty = scoreRun([CASES[1]!], layoutCorpus([CASES[1]!]), []);
    expect(empty.precision.value).toBeNull();
    expect(checkThresholds(empty, { minRecall: 1, minPrecision: 1, minLocated: 1, maxCleanFlagged: 0 })).toEqual([]);
  });
});

describe("formatReport", () => {
  const score = scoreRun(CASES, layoutCorpus(CASES), results());
  it("prints the table and, with verbose, the lists", () => {
    const text = formatReport(score, { title: "t.jsonl", elapsedMs: 1234 });
    expect(text).toContain("offsite-lint eval — t.jsonl: 5 cases (3 listings, 2 replies, 2 clean), linter ran 1.2 s");
    expect(text).toMatch(/overall\s+80\.0%\s+4\/5\s+66\.7%\s+4\/6\s+60\.0%\s+3\/5/);
    expect(text).toContain("clean cases flagged: 50.0% (1/2)");
    expect(text).toContain("misses: 1, false positives: 2, spans not located: 2 (1 of them with a message of the category elsewhere)");
    expect(text).not.toContain("misses (");
    const verbose = formatReport(score, { verbose: true });
    expect(verbose).toContain("  l2  link  listings.json:2  note l2");
    expect(verbose).toContain("  r2  link  reply-0002.txt:1  note r2");
    expect(verbose).toMatch(/r1  phone  reply-0001\.txt span 2:20-2:37 .* reported 1:1-1:4/);
  });
});
