import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse as parseCsv } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { parseCorpus, type CorpusCase } from "../../src/eval/corpus.js";
import { layoutCorpus, type Layout, type LayoutOptions } from "../../src/eval/layout.js";
import { sliceRange } from "./helpers.js";

const DEV_CORPUS = fileURLToPath(new URL("../../../shared/corpus/dev.jsonl", import.meta.url));

function listing(id: string, fields: Record<string, string>, spans: Array<[string, CorpusCase["expect"][number]]> = []): CorpusCase {
  return { id, kind: "listing", lang: "en", fields, expect: [...new Set(spans.map((s) => s[1]))], spans: spans.map(([text, category]) => ({ text, category })), note: id, sourceLine: 0 };
}
function reply(id: string, text: string, spans: Array<[string, CorpusCase["expect"][number]]> = []): CorpusCase {
  return { id, kind: "reply", lang: "en", text, expect: [...new Set(spans.map((s) => s[1]))], spans: spans.map(([t, category]) => ({ text: t, category })), note: id, sourceLine: 0 };
}

export const TRICKY: CorpusCase[] = [
  reply("r1", "Hi!\nAdd me on WhatsApp +86 138 0013 8000 please", [["WhatsApp +86 138 0013 8000", "im"], ["+86 138 0013 8000", "phone"]]),
  listing("l1", { title: 'Wig 22.5" cap', description: 'Size 22.5". Scan the "QR" code on the card' }, [['Scan the "QR" code on the card', "qr"]]),
  listing("l2", { title: "Lamp", description: 'path C:\\lamps\\"x"\tand\nV信: lamp_88 ok' }, [["V信: lamp_88", "im"]]),
  listing("l3", { title: "Neon", keywords: "neon,sign", description: "multi\r\nline\r\ncell: wx​id_123 here" }, [["wx​id_123", "im"]]),
  reply("r2", "clean reply, fishing line 😀 for sale"),
  listing("l4", { title: "😀 emoji first", attributes: "color: red\u2028size: L", description: "mail sales@example.com" }, [["sales@example.com", "email"]]),
  listing("l5", { title: "Cuban link chain", image_alt: 'he said "call 138-0013-8000"' }, [["138-0013-8000", "phone"]]),
];

function unescape(format: string, raw: string): string {
  if (format === "txt") return raw;
  if (format === "csv") return raw.replace(/""/g, '"');
  return JSON.parse(`"${raw}"`) as string;
}

function verify(cases: readonly CorpusCase[], layout: Layout): void {
  const byName = new Map(layout.files.map((f) => [f.name, f]));
  // Every span sits exactly where the layout says, in the written text.
  for (const span of layout.spans) {
    const file = byName.get(span.file)!;
    expect(span.occurrences.length, `${cases[span.caseIndex]!.id} ${span.text}`).toBeGreaterThan(0);
    for (const o of span.occurrences) {
      expect(unescape(file.format, sliceRange(file.content, o.range))).toBe(span.text);
    }
  }
  // Every field value too, and the records' lines hold them.
  for (const file of layout.files) {
    file.records.forEach((r, i) => {
      expect(r.index).toBe(i);
      const c = cases[r.caseIndex]!;
      for (const f of r.fields) {
        const expected = c.kind === "reply" ? c.text : c.fields[f.name];
        expect(unescape(file.format, sliceRange(file.content, f.range))).toBe(expected);
        expect(f.range.start.line).toBeGreaterThanOrEqual(r.startLine);
        expect(f.range.end.line).toBeLessThanOrEqual(r.endLine);
      }
      const p = layout.placements[r.caseIndex]!;
      expect(p).toMatchObject({ file: file.name, index: i, startLine: r.startLine, endLine: r.endLine });
    });
  }
  // The files parse back to the corpus values.
  const listings = (names: string[]) => names.map((n) => byName.get(n)).filter((f) => f !== undefined);
  for (const file of listings(["listings.csv"])) {
    const rows = parseCsv(file.content, { columns: true, relax_column_count: false }) as Record<string, string>[];
    expect(rows).toHaveLength(file.records.length);
    rows.forEach((row, i) => {
      const c = cases[file.records[i]!.caseIndex]!;
      if (c.kind !== "listing") throw new Error("not a listing");
      for (const [k, v] of Object.entries(row)) expect(v).toBe(c.fields[k] ?? "");
    });
  }
  for (const file of listings(["listings.json"])) {
    const arr = JSON.parse(file.content) as Record<string, string>[];
    arr.forEach((obj, i) => expect(obj).toEqual((cases[file.records[i]!.caseIndex] as { fields: unknown }).fields));
  }
  for (const file of listings(["listings.jsonl"])) {
    const lines = file.content.split("\n").filter(Boolean);
    expect(lines).toHaveLength(file.records.length);
    lines.forEach((line, i) => {
      expect(file.records[i]!.startLine).toBe(i + 1);
      expect(JSON.parse(line)).toEqual((cases[file.records[i]!.caseIndex] as { fields: unknown }).fields);
    });
  }
  // The corpus id is in no file's content.
  for (const file of layout.files) for (const c of cases) expect(file.content.includes(c.id + "\n")).toBe(false);
}

describe("layoutCorpus", () => {
  const variants: LayoutOptions[] = [{}, { csvEol: "\n" }, { jsonAscii: true }, { formats: ["csv"] }, { formats: ["jsonl", "json"] }];
  for (const options of variants) {
    it(`places every span exactly (${JSON.stringify(options)})`, () => {
      verify(TRICKY, layoutCorpus(TRICKY, options));
    });
  }

  it("writes replies as numbered .txt and spreads listings round-robin", () => {
    const layout = layoutCorpus(TRICKY);
    expect(layout.files.map((f) => f.name)).toEqual(["reply-0001.txt", "reply-0002.txt", "listings.csv", "listings.json", "listings.jsonl"]);
    expect(layout.files[0]!.content).toBe(TRICKY[0]!.kind === "reply" ? TRICKY[0]!.text : "");
    const csv = layout.files[2]!;
    expect(csv.content.split("\r\n")[0]).toBe('"title","description","attributes"');
    expect(csv.records.map((r) => TRICKY[r.caseIndex]!.id)).toEqual(["l1", "l4"]);
    expect(layout.files[3]!.records.map((r) => TRICKY[r.caseIndex]!.id)).toEqual(["l2", "l5"]);
    expect(layout.files[4]!.records.map((r) => TRICKY[r.caseIndex]!.id)).toEqual(["l3"]);
  });

  it("puts a span after doubled quotes at the right CSV column", () => {
    const layout = layoutCorpus([TRICKY[1]!]);
    const span = layout.spans[0]!;
    // row 2: "Wig 22.5"" cap","Size 22.5"". Scan the ""QR"" code on the card"
    const row = layout.files[0]!.content.split("\r\n")[1]!;
    expect(row).toBe('"Wig 22.5"" cap","Size 22.5"". Scan the ""QR"" code on the card"');
    const col = row.indexOf("Scan") + 1;
    expect(span.occurrences[0]!.range).toEqual({ start: { line: 2, column: col }, end: { line: 2, column: row.length } });
  });

  it("puts a span after a raw line break of a multi-line CSV cell on the right physical line", () => {
    const layout = layoutCorpus([TRICKY[3]!], { formats: ["csv"] });
    const r = layout.spans[0]!.occurrences[0]!.range;
    expect(r.start.line).toBe(4); // header, "multi, line, cell: ...
    expect(r.start.column).toBe("cell: ".length + 1);
    expect(layout.files[0]!.records[0]).toMatchObject({ startLine: 2, endLine: 4 });
  });

  it("puts a span after an escaped character at the right JSON column", () => {
    const layout = layoutCorpus([TRICKY[2]!], { formats: ["json"] });
    const file = layout.files[0]!;
    const line = file.content.split("\n")[3]!; // [, {, "title", "description"
    expect(line).toBe('    "description": "path C:\\\\lamps\\\\\\"x\\"\\tand\\nV信: lamp_88 ok"');
    const r = layout.spans[0]!.occurrences[0]!.range;
    expect(r).toEqual({ start: { line: 4, column: line.indexOf("V信") + 1 }, end: { line: 4, column: line.indexOf(" ok") + 1 } });
  });

  it("finds every occurrence of a repeated span", () => {
    const c = listing("rep", { title: "WhatsApp ready", description: "ask on WhatsApp" }, [["WhatsApp", "im"]]);
    expect(layoutCorpus([c]).spans[0]!.occurrences.map((o) => o.field)).toEqual(["title", "description"]);
  });

  it.runIf(existsSync(DEV_CORPUS))("places every span of the dev corpus exactly", () => {
    const { cases } = parseCorpus(readFileSync(DEV_CORPUS, "utf8"));
    verify(cases, layoutCorpus(cases));
    verify(cases, layoutCorpus(cases, { csvEol: "\n", jsonAscii: true }));
  });
});
