// Fuzzing (fast-check): random and mutated CSV, JSON, JSONL, YAML, HTML, Markdown and plain text,
// full of Unicode tricks (zero-width and bidi controls, surrogate halves, combining marks, full
// width, emoji keycaps, CJK numerals), through every text reader, the normaliser and the whole
// `OffsiteLinter.lintText`. Properties:
//
// - no exception escapes (a fatal message is fine; a reader may throw a SourceError only);
// - every reported position lies inside the file: line ≥ 1, column ≥ 1, line ≤ number of lines,
//   column ≤ line length + 1 (lines end at `\r\n`, `\n` or a lone `\r`, as editors count them);
// - a position maps back to the text that produced it: for `.txt`, the file text between a
//   message's start and end is its `match`, and every character of a field is where it says;
// - the same input always gives the same report.
//
// `FUZZ_RUNS` scales the number of runs (default 1; e.g. FUZZ_RUNS=20 for a long local session).
// The default keeps this file and hostile.test.ts well under 60 s on a 2-core machine.
import { Readable } from "node:stream";
import fc from "fast-check";
import { stringify as yamlStringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { OffsiteLinter } from "../src/index.js";
import { decodeBuffer, readerFor } from "../src/sources/index.js";
import { buildViews } from "../src/text/views.js";
import { SourceError, type FieldText, type LintMessage, type Position } from "../src/types.js";

vi.setConfig({ testTimeout: 60_000 });

const SCALE = Math.max(0.1, Number(process.env.FUZZ_RUNS ?? 1) || 1);
const runs = (n: number) => Math.max(5, Math.round(n * SCALE));

// ---------------------------------------------------------------------------
// Generators.

/** Pieces that trip up text handling, and pieces the rules look for. */
const TRICKS = [
  // zero-width and invisible
  "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e",
  // bidi controls
  "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c",
  // surrogate halves (alone, and around a letter), astral characters
  "\ud800", "\udbff", "\udc00", "\udfff", "a\ud83d", "\ude00b", "😀", "𝐖𝐞𝐂𝐡𝐚𝐭", "𝟏𝟑𝟖",
  // combining marks
  "\u0301", "e\u0301", "a\u0308\u0301\u0323", "\u20dd", "W\u0336e\u0336",
  // full width and ideographic space
  "ＷｅＣｈａｔ", "１３８００１３８０００", "＠", "．ｃｏｍ", "\u3000",
  // emoji keycaps, flags, ZWJ sequences
  "1\ufe0f\u20e3", "#\ufe0f\u20e3", "3\u20e3", "🇨🇳", "👨\u200d👩\u200d👧", "📱", "☎️", "👉",
  // CJK numerals and lookalikes
  "一三八零零一三八零零零", "壹叁捌", "①③⑧", "㈠", "〇", "幺三八", "十三",
  // contact bait
  "WeChat: shop_2024", "微信：shop_2024", "薇信", "V信", "vx", "加我", "QQ 12345678", "+86 138 0013 8000",
  "wa.me/8613800138000", "t.me/shop", "shop@gmail.com", "https://example.com/x", "www.taobao.com",
  "扫码", "私聊", "线下交易", "alipay", "at gmail dot com",
  // structure: quotes, delimiters, markup, escapes
  '"', "'", '""', ",", ";", "\t", "\\", "\\u00", "{", "}", "[", "]", ":", ": ", "- ", "#", "&", "&amp;", "&#x5fae;",
  "<", ">", "<p>", "</p>", "<!--", "-->", "<br>", "<script>", "*/", "//", "---", "...", "|", ">-",
  // line breaks, unicode line separators, control characters
  "\n", "\r\n", "\r", "\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x1b", "\x7f",
];

const trick = fc.constantFrom(...TRICKS);
const piece = fc.oneof(
  { weight: 5, arbitrary: trick },
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(" ", "  ", "a", "b", "1", "中") },
);
/** Text for one field or line. */
const fieldText = fc.array(piece, { maxLength: 10 }).map((parts) => parts.join(""));
const lineBreak = fc.constantFrom("\n", "\r\n", "\r");
const key = fc.oneof(fc.constantFrom("sku", "id", "title", "description", "reply", "attributes", "images"), fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 6 }));

/** A CSV/TSV document: header, rows of quoted or bare cells, any delimiter, mixed line breaks. */
const csvDoc = fc
  .record({
    delimiter: fc.constantFrom(",", ";", "\t"),
    rows: fc.array(fc.array(fc.tuple(fieldText, fc.boolean()), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
    breaks: fc.array(lineBreak, { minLength: 8, maxLength: 8 }),
  })
  .map(({ delimiter, rows, breaks }) => {
    const cell = ([text, quoted]: [string, boolean]) => (quoted ? `"${text.replace(/"/g, '""')}"` : text);
    return rows.map((row, i) => row.map(cell).join(delimiter) + breaks[i % breaks.length]).join("");
  });

/** Plain values for JSON and YAML. */
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  any: fc.oneof(
    { weight: 4, arbitrary: fieldText },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)) },
    { weight: 1, arbitrary: fc.array(tie("any"), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.dictionary(key, tie("any"), { maxKeys: 3 }) },
  ),
})).any;
const record = fc.dictionary(key, value, { maxKeys: 5 });

const jsonDoc = fc
  .record({
    shape: fc.constantFrom("array", "wrapped", "single"),
    records: fc.array(record, { maxLength: 4 }),
    indent: fc.constantFrom(0, 2, "\t"),
    crlf: fc.boolean(),
  })
  .map(({ shape, records, indent, crlf }) => {
    const root = shape === "array" ? records : shape === "wrapped" ? { products: records, note: "x" } : (records[0] ?? {});
    const text = JSON.stringify(root, null, indent);
    return crlf ? text.replace(/\n/g, "\r\n") : text; // JSON.stringify escapes breaks inside strings
  });

const jsonlDoc = fc
  .array(fc.tuple(record, lineBreak, fc.boolean()), { maxLength: 5 })
  .map((lines) => lines.map(([item, br, blank]) => (blank ? br : "") + JSON.stringify(item) + br).join(""));

const yamlDoc = fc.oneof(record, fc.array(fieldText, { maxLength: 4 })).map((data) => {
  try {
    return yamlStringify(data);
  } catch {
    return "a: b\n";
  }
});

const htmlEscape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const htmlPart = fc.oneof(
  fieldText.map((t) => `<p>${htmlEscape(t)}</p>`),
  fieldText.map((t) => `<p>${t}</p>`), // unescaped: hostile markup
  fieldText.map((t) => `<div style="display:none">${htmlEscape(t)}</div>`),
  fieldText.map((t) => `<!-- ${t} -->`),
  fc.tuple(fieldText, fieldText).map(([a, b]) => `<a href="${htmlEscape(a)}" title='${b.replace(/'/g, "&#39;")}'>${htmlEscape(b)}</a>`),
  fieldText.map((t) => `<img alt="${htmlEscape(t)}" src="x.png">`),
  fieldText.map((t) => `<span style="font-size:0">${htmlEscape(t)}</span>`),
  fieldText.map((t) => `<script>var x = "${t}";</script>`),
  lineBreak,
);
const htmlDoc = fc.array(htmlPart, { maxLength: 8 }).map((parts) => parts.join(""));
const textDoc = fc.array(fc.oneof(fieldText, lineBreak), { maxLength: 10 }).map((parts) => parts.join(""));
const markdownDoc = fc
  .array(fc.oneof(fieldText, lineBreak, fc.constantFrom("# ", "- ", "> ", "`", "```\n", "<!-- offsite-lint-disable-next-line no-im-contact -->\n")), { maxLength: 12 })
  .map((parts) => parts.join(""));

/** Byte-level damage: cuts, insertions, deletions and duplications at random places. */
type Mutation = { kind: "insert" | "delete" | "truncate" | "duplicate"; at: number; length: number; text: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom("insert", "delete", "truncate", "duplicate"),
  at: fc.nat(),
  length: fc.nat({ max: 12 }),
  text: piece,
});

function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    switch (m.kind) {
      case "insert":
        out = out.slice(0, at) + m.text + out.slice(at);
        break;
      case "delete":
        out = out.slice(0, at) + out.slice(at + m.length);
        break;
      case "truncate":
        out = out.slice(0, at);
        break;
      case "duplicate":
        out = out.slice(0, at + m.length) + out.slice(at, at + m.length) + out.slice(at + m.length);
        break;
    }
  }
  return out;
}

const mutated = (doc: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 2, arbitrary: doc }, { weight: 3, arbitrary: fc.tuple(doc, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([text, ms]) => mutate(text, ms)) });

const FORMATS: Array<{ name: string; doc: fc.Arbitrary<string> }> = [
  { name: "fuzz.txt", doc: textDoc },
  { name: "fuzz.md", doc: markdownDoc },
  { name: "fuzz.csv", doc: csvDoc },
  { name: "fuzz.tsv", doc: csvDoc },
  { name: "fuzz.json", doc: jsonDoc },
  { name: "fuzz.jsonl", doc: jsonlDoc },
  { name: "fuzz.yaml", doc: yamlDoc },
  { name: "fuzz.html", doc: htmlDoc },
];

// ---------------------------------------------------------------------------
// Checking positions against the file text.

/** The decoded file text as the readers see it (BOM removed), or undefined when it is not text. */
function decoded(bytes: Buffer): string | undefined {
  try {
    return decodeBuffer(bytes).text;
  } catch (error) {
    if (error instanceof SourceError) return undefined;
    throw error;
  }
}

class Lines {
  /** Offset where each line starts; length of each line without its break; whether it ends in `\r\n`. */
  readonly starts: number[] = [];
  readonly lengths: number[] = [];
  readonly crlf: boolean[] = [];

  constructor(readonly text: string) {
    const breaks = /\r\n|\r|\n/g;
    let start = 0;
    for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
      this.starts.push(start);
      this.lengths.push(m.index - start);
      this.crlf.push(m[0] === "\r\n");
      start = m.index + m[0].length;
    }
    this.starts.push(start);
    this.lengths.push(text.length - start);
    this.crlf.push(false);
  }

  /**
   * Whether a position is inside the file. `slack` allows the one position between the `\r` and
   * the `\n` of a CRLF (a reader's offset there is on the line, one past its `\r`).
   */
  contains({ line, column }: Position, slack = false): boolean {
    if (!Number.isInteger(line) || !Number.isInteger(column) || line < 1 || column < 1 || line > this.starts.length) return false;
    const max = this.lengths[line - 1]! + 1 + (slack && this.crlf[line - 1] ? 1 : 0);
    return column <= max;
  }

  offsetOf({ line, column }: Position): number {
    return this.starts[line - 1]! + column - 1;
  }
}

function describePosition(p: Position): string {
  return `${p.line}:${p.column}`;
}

function checkMessage(message: LintMessage, lines: Lines | undefined, verbatim: boolean): void {
  const start = { line: message.line, column: message.column };
  if (!lines) {
    // Not text (binary): one fatal message at the start.
    expect(message.fatal).toBe(true);
    expect(start).toEqual({ line: 1, column: 1 });
    return;
  }
  expect(lines.contains(start), `start ${describePosition(start)} of ${JSON.stringify(message)}`).toBe(true);
  if (message.endLine === undefined || message.endColumn === undefined) return;
  const end = { line: message.endLine, column: message.endColumn };
  expect(lines.contains(end), `end ${describePosition(end)} of ${JSON.stringify(message)}`).toBe(true);
  expect(end.line > start.line || (end.line === start.line && end.column >= start.column), `range ${JSON.stringify(message)}`).toBe(true);
  if (verbatim && message.ruleId && message.match !== undefined) {
    expect(lines.text.slice(lines.offsetOf(start), lines.offsetOf(end))).toBe(message.match);
  }
}

let linter: OffsiteLinter;
beforeAll(async () => {
  linter = await OffsiteLinter.create({ cwd: "/nonexistent-offsite-fuzz", noConfigLookup: true, ocr: false });
});
afterAll(() => linter.close());

async function lintTwice(content: string | Buffer, name: string): Promise<void> {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  const first = await linter.lintText(bytes, name);
  const second = await linter.lintText(bytes, name);
  expect(second).toEqual(first);
  expect(first.messages.filter((m) => m.fatal).length).toBeLessThanOrEqual(1);
  for (const m of first.messages) expect(m.message).not.toMatch(/Internal error/);
  const text = decoded(bytes);
  const lines = text === undefined ? undefined : new Lines(text);
  for (const message of first.messages) checkMessage(message, lines, name.endsWith(".txt"));
}

/**
 * Every field a reader yields, the bytes arriving in the given chunks; a SourceError (a fatal
 * message) ends the file, anything else fails. `error` is the SourceError's text and position.
 */
async function readAll(name: string, chunks: Buffer[]): Promise<{ fields: FieldText[]; error?: string }> {
  const reader = readerFor(name)!;
  const fields: FieldText[] = [];
  try {
    for await (const record of reader.read({ filePath: `/fuzz/${name}`, open: () => Readable.from(chunks) })) {
      expect(Number.isInteger(record.line) && record.line >= 1).toBe(true);
      fields.push(...record.fields);
    }
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.column).toBeGreaterThanOrEqual(1);
    return { fields, error: `${error.line}:${error.column} ${error.message}` };
  }
  return { fields };
}

/** `bytes` cut at the given points (a `\r\n` or a UTF-8 character may be split between chunks). */
function split(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => (bytes.length === 0 ? 0 : c % bytes.length)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const point of points) {
    if (point > from) chunks.push(bytes.subarray(from, point));
    from = Math.max(from, point);
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

/** What a field says about itself: name, text and where every tenth character is. */
function summary(field: FieldText): string {
  const places: string[] = [];
  for (let i = 0; i <= field.text.length; i += 10) places.push(describePosition(field.position(i)));
  return `${field.name}=${JSON.stringify(field.text)}@${places.join(",")}`;
}

function checkField(field: FieldText, lines: Lines, verbatim: boolean): void {
  const n = field.text.length;
  const step = Math.max(1, Math.floor(n / 200));
  for (let i = 0; i <= n; i += i === n ? 1 : Math.min(step, n - i)) {
    const p = field.position(i);
    expect(lines.contains(p, true), `${field.name}[${i}] at ${describePosition(p)} of ${JSON.stringify(field.text)}`).toBe(true);
    if (verbatim && i < n) expect(lines.text[lines.offsetOf(p)], `${field.name}[${i}]`).toBe(field.text[i]);
  }
}

// ---------------------------------------------------------------------------

describe("fuzz: text readers", () => {
  for (const { name, doc } of FORMATS) {
    it(`${name}: no exception but SourceError, every field position inside the file, chunking changes nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(mutated(doc), fc.array(fc.nat(), { maxLength: 4 }), async (content, cuts) => {
          const bytes = Buffer.from(content, "utf8");
          const whole = await readAll(name, [bytes]);
          const chunked = await readAll(name, split(bytes, cuts));
          expect(chunked.error).toBe(whole.error);
          expect(chunked.fields.map(summary)).toEqual(whole.fields.map(summary));
          const text = decoded(bytes);
          if (text === undefined) return;
          const lines = new Lines(text);
          for (const field of whole.fields) checkField(field, lines, name.endsWith(".txt"));
        }),
        { numRuns: runs(80) },
      );
    });
  }
});

describe("fuzz: the normaliser", () => {
  it("every view maps every range back inside the original text", async () => {
    let count = 0;
    await fc.assert(
      fc.asyncProperty(fieldText, fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }), async (text, ranges) => {
        // Let the test runner's messages through now and then (a long synchronous run times them out).
        if (++count % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
        const views = buildViews(text);
        for (const view of [views.folded, views.digits, views.compact]) {
          expect(typeof view.text).toBe("string");
          const n = view.text.length;
          const probes: Array<[number, number]> = [[0, n], ...ranges.map(([a, b]): [number, number] => {
            const s = n === 0 ? 0 : a % (n + 1);
            return [s, s + (n === 0 ? 0 : b % (n - s + 1))];
          })];
          for (const [s, e] of probes) {
            const [start, end] = view.toOriginal(s, e);
            expect(Number.isInteger(start) && Number.isInteger(end), `${s}..${e} of ${JSON.stringify(text)}`).toBe(true);
            expect(0 <= start && start <= end && end <= text.length, `${s}..${e} → ${start}..${end} of ${JSON.stringify(text)}`).toBe(true);
          }
        }
        // Building the views twice gives the same text.
        const again = buildViews(text);
        expect(again.compact.text).toBe(views.compact.text);
      }),
      { numRuns: runs(400) },
    );
  });
});

describe("fuzz: the whole linter", () => {
  for (const { name, doc } of FORMATS) {
    it(`${name}: no exception, positions inside the file${name.endsWith(".txt") ? " and on the match" : ""}, same report twice`, async () => {
      await fc.assert(
        fc.asyncProperty(mutated(doc), async (content) => lintTwice(content, name)),
        { numRuns: runs(60) },
      );
    });
  }

  it("raw bytes (any encoding guess, BOMs, NULs) through every text format", async () => {
    const bom = fc.constantFrom(Buffer.alloc(0), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff]));
    await fc.assert(
      fc.asyncProperty(bom, fc.uint8Array({ maxLength: 200 }), fc.constantFrom(...FORMATS.map((f) => f.name)), async (prefix, body, name) =>
        lintTwice(Buffer.concat([prefix, Buffer.from(body)]), name),
      ),
      { numRuns: runs(80) },
    );
  });

  it("contacts hidden among the tricks in a .txt are reported on their own text", async () => {
    const bait = fc.constantFrom("WeChat: shop_2024", "+86 138 0013 8000", "shop@gmail.com", "wa.me/8613800138000", "微信：shop_2024");
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(piece, bait, lineBreak), { minLength: 1, maxLength: 15 }), async (parts) => lintTwice(parts.join(""), "bait.txt")),
      { numRuns: runs(80) },
    );
  });
});
