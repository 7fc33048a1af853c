// Bulk suppressions (a baseline), the pure part: keys that survive reordered rows and moved lines,
// counts, applying, stale entries and pruning, and a stable file.
import { describe, expect, it } from "vitest";
import { lintText } from "../src/index.js";
import {
  applySuppressions,
  describeUnused,
  emptySuppressions,
  fileKey,
  matchHash,
  messageKey,
  parseSuppressions,
  pruneSuppressions,
  serializeSuppressions,
  suppressResults,
  SuppressionsError,
  type Suppressions,
} from "../src/suppressions.js";
import type { LintResult } from "../src/types.js";

const cwd = "/work/project";
const options = { noConfigLookup: true, locale: "en" as const, cwd };
const lint = (text: string, file: string): Promise<LintResult> => lintText(text, { ...options, filePath: file });

/** What the report still shows after applying the suppressions. */
function reported(results: LintResult[], suppressions: Suppressions) {
  const applied = applySuppressions(results, suppressions, { cwd });
  return { messages: applied.files.flatMap((f) => f.messages), applied };
}

const WECHAT = "WeChat: neon_shop88";
const PHONE = "Call me +86 138 0013 8000";
const EMAIL = "email me sales@neon-shop.com";

describe("keys", () => {
  it("file paths are relative to cwd with forward slashes", () => {
    expect(fileKey("/work/project/exports/a.csv", cwd)).toBe("exports/a.csv");
    expect(fileKey("exports\\a.csv", cwd)).toBe("exports/a.csv");
  });

  it("the hash ignores surrounding space and the line-break style", () => {
    expect(matchHash("  WeChat: abc\r\n")).toBe(matchHash("WeChat: abc"));
    expect(matchHash("a\r\nb")).toBe(matchHash("a\nb"));
    expect(matchHash("WeChat: abc")).not.toBe(matchHash("WeChat: abd"));
    expect(matchHash("x")).toMatch(/^[0-9a-f]{16}$/);
  });

  it("scope: the record id when there is one, else the field name", () => {
    const base = { ruleId: "no-email", severity: 2 as const, message: "m", line: 1, column: 1, match: "a@b.c" };
    expect(messageKey({ ...base, record: { index: 3, id: "SKU-1" }, field: "description" })).toBe(`id:SKU-1 ${matchHash("a@b.c")}`);
    expect(messageKey({ ...base, record: { index: 3 }, field: "description" })).toBe(`field:description ${matchHash("a@b.c")}`);
  });
});

describe("round trip", () => {
  it("suppress all → a new violation is the only one reported → fix an old one: stale → prune", async () => {
    const csv = (rows: string[]) => `sku,description\n${rows.join("\n")}\n`;
    const before = await lint(csv([`A-1,"${WECHAT}"`, `A-2,"${PHONE}"`, "A-3,nice lamp"]), "exports/listings.csv");
    expect(before.errorCount).toBe(2);

    // 1. Accept today's errors.
    const baseline = suppressResults(emptySuppressions(), [before], { cwd });
    expect(Object.keys(baseline.files)).toEqual(["exports/listings.csv"]);
    expect(Object.keys(baseline.files["exports/listings.csv"]!)).toEqual(["no-im-contact", "no-phone-number"]);
    expect(reported([before], baseline).messages).toEqual([]);
    expect(reported([before], baseline).applied.unusedCount).toBe(0);

    // 2. Someone adds a new violation: only it is reported.
    const added = await lint(csv([`A-1,"${WECHAT}"`, `A-2,"${PHONE}"`, "A-3,nice lamp", `A-4,"${EMAIL}"`]), "exports/listings.csv");
    const afterAdd = reported([added], baseline);
    expect(afterAdd.messages.map((m) => [m.ruleId, m.record?.id])).toEqual([["no-email", "A-4"]]);
    expect(afterAdd.applied.files[0]!.suppressed.map((m) => m.suppressions)).toEqual([
      [{ kind: "file", justification: "" }],
      [{ kind: "file", justification: "" }],
    ]);

    // 3. The phone number of A-2 is fixed: its entry is stale.
    const fixed = await lint(csv([`A-1,"${WECHAT}"`, "A-2,Call us in the platform chat", "A-3,nice lamp"]), "exports/listings.csv");
    const afterFix = reported([fixed], baseline);
    expect(afterFix.messages).toEqual([]);
    expect(afterFix.applied.unusedCount).toBe(1);
    expect(describeUnused(afterFix.applied.unused)).toEqual(["exports/listings.csv  no-phone-number  id:A-2"]);

    // 4. Prune: the stale entry goes, the rest stays.
    const pruned = pruneSuppressions(baseline, afterFix.applied.unused);
    expect(Object.keys(pruned.files["exports/listings.csv"]!)).toEqual(["no-im-contact"]);
    expect(reported([fixed], pruned).applied.unusedCount).toBe(0);
    // …and the old phone number coming back is new again.
    expect(reported([before], pruned).messages.map((m) => m.ruleId)).toEqual(["no-phone-number"]);
  });

  it("--suppress-rule records only those rules and keeps what was there", async () => {
    const result = await lint(`${WECHAT}\n${EMAIL}\n`, "reply.txt");
    const onlyEmail = suppressResults(emptySuppressions(), [result], { cwd, rules: ["no-email"] });
    expect(Object.keys(onlyEmail.files["reply.txt"]!)).toEqual(["no-email"]);
    const both = suppressResults(onlyEmail, [result], { cwd, rules: ["no-im-contact"] });
    expect(Object.keys(both.files["reply.txt"]!)).toEqual(["no-email", "no-im-contact"]);
  });

  it("warnings are not recorded (as ESLint: only errors fail a run)", async () => {
    const result = await lint("price negotiable, message me on whatsapp", "reply.txt");
    expect(result.warningCount).toBe(1);
    expect(suppressResults(emptySuppressions(), [result], { cwd }).files).toEqual({});
  });
});

describe("entries survive edits that do not touch the violation", () => {
  it("reordering the rows of a CSV keeps the suppression", async () => {
    const rows = [`A-1,"${WECHAT}"`, "A-2,plain lamp", `A-3,"${PHONE}"`, "A-4,another lamp"];
    const first = await lint(`sku,description\n${rows.join("\n")}\n`, "l.csv");
    const baseline = suppressResults(emptySuppressions(), [first], { cwd });
    const shuffled = await lint(`sku,description\n${[rows[3], rows[2], rows[1], rows[0]].join("\n")}\n`, "l.csv");
    expect(shuffled.errorCount).toBe(2);
    expect(shuffled.messages.map((m) => m.line)).not.toEqual(first.messages.map((m) => m.line));
    const { messages, applied } = reported([shuffled], baseline);
    expect(messages).toEqual([]);
    expect(applied.unusedCount).toBe(0);
  });

  it("without an id column, rows are matched by field and text, so reordering still works", async () => {
    const rows = [`"${WECHAT}",lamp`, `"${PHONE}",sign`];
    const first = await lint(`description,title\n${rows.join("\n")}\n`, "l.csv");
    const baseline = suppressResults(emptySuppressions(), [first], { cwd });
    expect(Object.keys(baseline.files["l.csv"]!["no-im-contact"]!)[0]).toMatch(/^field:description /);
    const shuffled = await lint(`description,title\n${rows.reverse().join("\n")}\n`, "l.csv");
    expect(reported([shuffled], baseline).messages).toEqual([]);
  });

  it("shifting the lines of a text template keeps the suppression", async () => {
    const first = await lint(`Hello!\n${WECHAT}\n`, "reply.txt");
    const baseline = suppressResults(emptySuppressions(), [first], { cwd });
    const shifted = await lint(`Dear buyer,\n\nthank you for your order.\n\nHello!\n  ${WECHAT}\n`, "reply.txt");
    expect(shifted.messages[0]!.line).toBe(6);
    expect(reported([shifted], baseline).messages).toEqual([]);
  });

  it("moving a YAML template keeps it (the key path is the scope)", async () => {
    const first = await lint(`refund: "${WECHAT}"\nshipping: ok\n`, "t.yaml");
    const baseline = suppressResults(emptySuppressions(), [first], { cwd });
    const moved = await lint(`shipping: ok\nnotes: none\nrefund: "${WECHAT}"\n`, "t.yaml");
    expect(reported([moved], baseline).messages).toEqual([]);
  });

  it("changing the violating text makes it new", async () => {
    const first = await lint(`${WECHAT}\n`, "reply.txt");
    const baseline = suppressResults(emptySuppressions(), [first], { cwd });
    const changed = await lint("WeChat: neon_shop99\n", "reply.txt");
    const { messages, applied } = reported([changed], baseline);
    expect(messages.map((m) => m.ruleId)).toEqual(["no-im-contact"]);
    expect(applied.unusedCount).toBe(1);
  });
});

describe("counts", () => {
  const email = "sales@neon-shop.com";
  const rowWith = (n: number) => `sku,a,b,c\nA-1,${["x", "x", "x"].map((_, i) => (i < n ? `mail ${email}` : "lamp")).join(",")}\n`;

  it("two identical violations in one record are counted", async () => {
    const two = await lint(rowWith(2), "l.csv");
    expect(two.errorCount).toBe(2);
    const baseline = suppressResults(emptySuppressions(), [two], { cwd });
    const entries = Object.values(baseline.files["l.csv"]!["no-email"]!);
    expect(entries).toEqual([{ count: 2 }]);
    expect(reported([two], baseline).messages).toEqual([]);
  });

  it("one more than the count: all of them are reported (the new one cannot be told apart)", async () => {
    const baseline = suppressResults(emptySuppressions(), [await lint(rowWith(2), "l.csv")], { cwd });
    const three = await lint(rowWith(3), "l.csv");
    const { messages, applied } = reported([three], baseline);
    expect(messages).toHaveLength(3);
    expect(applied.unusedCount).toBe(0);
  });

  it("one fewer: the rest stays suppressed and one is stale; pruning lowers the count", async () => {
    const baseline = suppressResults(emptySuppressions(), [await lint(rowWith(2), "l.csv")], { cwd });
    const one = await lint(rowWith(1), "l.csv");
    const { messages, applied } = reported([one], baseline);
    expect(messages).toEqual([]);
    expect(applied.unusedCount).toBe(1);
    const pruned = pruneSuppressions(baseline, applied.unused);
    expect(Object.values(pruned.files["l.csv"]!["no-email"]!)).toEqual([{ count: 1 }]);
  });
});

describe("what is stale", () => {
  it("entries of files not linted in this run are not stale (pre-commit lints a few files)", async () => {
    const a = await lint(`${WECHAT}\n`, "a.txt");
    const baseline = suppressResults(emptySuppressions(), [a, await lint(`${WECHAT}\n`, "b.txt")], { cwd });
    expect(applySuppressions([a], baseline, { cwd }).unusedCount).toBe(0);
  });

  it("…unless the file is gone", async () => {
    const a = await lint(`${WECHAT}\n`, "a.txt");
    const baseline = suppressResults(emptySuppressions(), [a, await lint(`${WECHAT}\n`, "b.txt")], { cwd });
    const applied = applySuppressions([a], baseline, { cwd, fileExists: (file) => file !== "b.txt" });
    expect(applied.unusedCount).toBe(1);
    expect(Object.keys(pruneSuppressions(baseline, applied.unused).files)).toEqual(["a.txt"]);
  });

  it("a file that failed to parse keeps its entries", async () => {
    const good = await lint(`[{"sku":"J-1","description":"${WECHAT}"}]`, "l.json");
    const baseline = suppressResults(emptySuppressions(), [good], { cwd });
    const broken = await lint(`[{"sku":"J-1","description":"${WECHAT}"},`, "l.json");
    expect(broken.fatalErrorCount).toBe(1);
    expect(applySuppressions([broken], baseline, { cwd }).unusedCount).toBe(0);
  });

  it("fatal messages and directive problems are never suppressed", async () => {
    const broken = await lint("[{", "l.json");
    const baseline = suppressResults(emptySuppressions(), [broken], { cwd });
    expect(baseline.files).toEqual({});
  });
});

describe("the file", () => {
  const sample: Suppressions = {
    version: 1,
    files: {
      "z.csv": { "no-email": { "id:B b000000000000000": { count: 1 } } },
      "a/b.txt": {
        "no-phone-number": { "field:text 2000000000000000": { count: 1 } },
        "no-im-contact": { "field:text 1000000000000000": { count: 2 }, "field:text 0000000000000000": { count: 1 } },
      },
    },
  };

  it("is sorted at every level, one entry per line, with a final newline", () => {
    const text = serializeSuppressions(sample);
    expect(text).toBe(
      [
        "{",
        '  "version": 1,',
        '  "files": {',
        '    "a/b.txt": {',
        '      "no-im-contact": {',
        '        "field:text 0000000000000000": { "count": 1 },',
        '        "field:text 1000000000000000": { "count": 2 }',
        "      },",
        '      "no-phone-number": {',
        '        "field:text 2000000000000000": { "count": 1 }',
        "      }",
        "    },",
        '    "z.csv": {',
        '      "no-email": {',
        '        "id:B b000000000000000": { "count": 1 }',
        "      }",
        "    }",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify({ version: 1, files: sample.files })));
  });

  it("round-trips through parse, and the same input always gives the same bytes", async () => {
    const text = serializeSuppressions(sample);
    expect(serializeSuppressions(parseSuppressions(text))).toBe(text);
    const result = await lint(`${WECHAT}\n${PHONE}\n${EMAIL}\n`, "r.txt");
    const once = serializeSuppressions(suppressResults(emptySuppressions(), [result], { cwd }));
    const twice = serializeSuppressions(suppressResults(parseSuppressions(once), [result], { cwd }));
    expect(twice).toBe(once);
    expect(once).not.toContain("neon_shop88"); // no contact values in clear
  });

  it("an empty baseline", () => {
    expect(serializeSuppressions(emptySuppressions())).toBe('{\n  "version": 1,\n  "files": {}\n}\n');
  });

  it("rejects what is not a suppressions file, naming it", () => {
    expect(() => parseSuppressions("{", "base.json")).toThrow(SuppressionsError);
    expect(() => parseSuppressions("{", "base.json")).toThrow(/base\.json is not valid JSON/);
    expect(() => parseSuppressions('{"version": 2, "files": {}}', "base.json")).toThrow(/"version" must be 1/);
    expect(() => parseSuppressions('{"version": 1, "files": {"a": {"r": {"k": {"count": 0}}}}}', "base.json")).toThrow(/must be \{ "count": <positive integer> \}/);
    expect(() => parseSuppressions("[]", "base.json")).toThrow(/must hold an object/);
  });

  it("a key such as __proto__ stays a plain key", () => {
    const parsed = parseSuppressions('{"version":1,"files":{"__proto__":{"constructor":{"k":{"count":1}}}}}');
    expect(Object.keys(parsed.files)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
    expect(serializeSuppressions(parsed)).toContain('"__proto__"');
  });
});
