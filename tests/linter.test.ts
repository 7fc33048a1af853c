// The linting kernel: confidence becomes severity (>= 0.75 the configured severity, >= 0.5 a
// warning, else dropped unless strict), overlapping findings of one rule are deduplicated keeping
// the surest, messages are rendered in the user's language, findings come out in text order.
import { describe, expect, test } from "vitest";
import type { Finding, Rule, RuleContext } from "../src/types.js";
import {
  CONFIDENCE,
  dedupeFindings,
  FieldMemo,
  lintField,
  renderMessage,
  severityFor,
  sortFindings,
  type ActiveRule,
  type FieldFinding,
  type FieldLintOptions,
} from "../src/linter.js";
import phoneRule from "../rules/no-phone-number.js";
import imRule from "../rules/no-im-contact.js";

describe("severityFor", () => {
  test("thresholds are the documented ones", () => {
    expect(CONFIDENCE.error).toBe(0.75);
    expect(CONFIDENCE.warn).toBe(0.5);
  });

  test.each([
    // [confidence, configured, strict, expected]
    [1, 2, false, 2],
    [0.75, 2, false, 2],
    [0.7499, 2, false, 1],
    [0.5, 2, false, 1],
    [0.4999, 2, false, 0],
    [0, 2, false, 0],
    [0.9, 1, false, 1],
    [0.5, 1, false, 1],
    [0.3, 2, false, 0],
    [0.3, 2, true, 1],
    [0.2999, 2, true, 0],
    [0.75, 2, true, 2],
    [0.4, 1, true, 1],
  ] as const)("confidence %s, configured %s, strict %s -> %s", (confidence, configured, strict, expected) => {
    expect(severityFor(confidence, configured, strict)).toBe(expected);
  });

  test("a configured warning is never raised to an error", () => {
    for (let c = 0; c <= 1; c += 0.05) expect(severityFor(c, 1, true)).toBeLessThanOrEqual(1);
  });

  test("severity never decreases as confidence grows", () => {
    for (const strict of [false, true]) {
      let previous = 0;
      for (let c = 0; c <= 1.0001; c += 0.01) {
        const s = severityFor(c, 2, strict);
        expect(s).toBeGreaterThanOrEqual(previous);
        previous = s;
      }
    }
  });
});

describe("renderMessage", () => {
  test("fills every placeholder, repeated ones too", () => {
    expect(renderMessage('{app} chat link: "{text}" ({app})', { app: "WhatsApp", text: "wa.me/1" })).toBe(
      'WhatsApp chat link: "wa.me/1" (WhatsApp)',
    );
  });

  test("unknown placeholders stay visible", () => {
    expect(renderMessage("Phone {number} in {text}", { text: "x" })).toBe("Phone {number} in x");
    expect(renderMessage("Phone {number}")).toBe("Phone {number}");
  });

  test("an empty value is a value", () => {
    expect(renderMessage("({disguise})", { disguise: "" })).toBe("()");
  });

  test("replacement values are inserted literally", () => {
    expect(renderMessage("{text}", { text: "$& $1 {app}" })).toBe("$& $1 {app}");
  });

  test("text without placeholders is unchanged, CJK included", () => {
    expect(renderMessage("出现电话号码", { text: "x" })).toBe("出现电话号码");
    expect(renderMessage("出现电话号码：「{text}」", { text: "①③⑨" })).toBe("出现电话号码：「①③⑨」");
  });
});

function finding(partial: Partial<FieldFinding> & Pick<FieldFinding, "start" | "end" | "confidence">): FieldFinding {
  return {
    ruleId: "no-test",
    category: "phone",
    severity: 2,
    message: "m",
    messageId: "m",
    ...partial,
  };
}

describe("dedupeFindings", () => {
  test("overlapping findings of one rule keep the surest", () => {
    const weak = finding({ start: 0, end: 10, confidence: 0.6, message: "weak" });
    const sure = finding({ start: 5, end: 12, confidence: 0.9, message: "sure" });
    expect(dedupeFindings([weak, sure])).toEqual([sure]);
    expect(dedupeFindings([sure, weak])).toEqual([sure]);
  });

  test("on equal confidence the longer finding wins", () => {
    const short = finding({ start: 2, end: 4, confidence: 0.8, message: "short" });
    const long = finding({ start: 0, end: 10, confidence: 0.8, message: "long" });
    expect(dedupeFindings([short, long])).toEqual([long]);
  });

  test("a chain of overlaps keeps the surest and what does not overlap it", () => {
    const a = finding({ start: 0, end: 5, confidence: 0.7 });
    const b = finding({ start: 4, end: 9, confidence: 0.95 });
    const c = finding({ start: 9, end: 12, confidence: 0.8 });
    const kept = dedupeFindings([a, b, c]);
    expect(kept).toHaveLength(2);
    expect(kept).toContain(b);
    expect(kept).toContain(c);
  });

  test("touching ranges do not overlap", () => {
    const a = finding({ start: 0, end: 5, confidence: 0.9 });
    const b = finding({ start: 5, end: 9, confidence: 0.8 });
    expect(dedupeFindings([a, b])).toHaveLength(2);
  });

  test("findings of different rules are all kept", () => {
    const phone = finding({ ruleId: "no-phone-number", start: 0, end: 11, confidence: 0.9 });
    const im = finding({ ruleId: "no-im-contact", category: "im", start: 0, end: 15, confidence: 0.95 });
    expect(dedupeFindings([phone, im])).toHaveLength(2);
  });

  test("identical duplicates collapse to one", () => {
    const a = finding({ start: 3, end: 8, confidence: 0.8 });
    expect(dedupeFindings([a, { ...a }])).toHaveLength(1);
  });
});

describe("sortFindings", () => {
  test("orders by start, then end, then rule id, without mutating the input", () => {
    const input = [
      finding({ ruleId: "b", start: 5, end: 9, confidence: 1 }),
      finding({ ruleId: "b", start: 0, end: 4, confidence: 1 }),
      finding({ ruleId: "a", start: 0, end: 4, confidence: 1 }),
      finding({ ruleId: "a", start: 0, end: 2, confidence: 1 }),
    ];
    const copy = [...input];
    expect(sortFindings(input).map((f) => [f.ruleId, f.start, f.end])).toEqual([
      ["a", 0, 2],
      ["a", 0, 4],
      ["b", 0, 4],
      ["b", 5, 9],
    ]);
    expect(input).toEqual(copy);
  });
});

/** A rule that reports the given findings, whatever the text. */
function fakeRule(id: string, findings: Finding[], seen: RuleContext[] = []): Rule {
  return {
    meta: {
      id,
      category: "link",
      defaultSeverity: "error",
      description: { en: "d", "zh-CN": "d" },
      docs: { url: "u", why: { en: "w", "zh-CN": "w" }, fix: { en: "f", "zh-CN": "f" } },
      messages: { hit: { en: 'Found "{text}"', "zh-CN": "发现「{text}」" } },
      schema: { type: "object", properties: {} },
    },
    check(context) {
      seen.push(context);
      for (const f of findings) context.report(f);
    },
  };
}

function options(rules: ActiveRule[], extra: Partial<FieldLintOptions> = {}): FieldLintOptions {
  return { kind: "listing", strict: false, locale: "en", rules, ...extra };
}

describe("lintField", () => {
  const field = { name: "description", text: "abcdefghij" };

  test("turns confidence into severity and drops the unsure", () => {
    const rule = fakeRule("fake", [
      { start: 0, end: 2, messageId: "hit", data: { text: "ab" }, confidence: 0.9 },
      { start: 3, end: 5, messageId: "hit", data: { text: "de" }, confidence: 0.6 },
      { start: 6, end: 8, messageId: "hit", data: { text: "gh" }, confidence: 0.4 },
    ]);
    const out = lintField(field, options([{ rule, severity: 2, options: {} }]));
    expect(out.map((f) => [f.start, f.severity])).toEqual([
      [0, 2],
      [3, 1],
    ]);
    const strict = lintField(field, options([{ rule, severity: 2, options: {} }], { strict: true }));
    expect(strict.map((f) => [f.start, f.severity])).toEqual([
      [0, 2],
      [3, 1],
      [6, 1],
    ]);
  });

  test("renders the message in the chosen locale and keeps rule metadata", () => {
    const rule = fakeRule("fake", [{ start: 0, end: 3, messageId: "hit", data: { text: "abc" }, confidence: 0.8 }]);
    const [en] = lintField(field, options([{ rule, severity: 2, options: {} }]));
    expect(en).toMatchObject({ ruleId: "fake", category: "link", message: 'Found "abc"', messageId: "hit", confidence: 0.8 });
    const [zh] = lintField(field, options([{ rule, severity: 2, options: {} }], { locale: "zh-CN" }));
    expect(zh!.message).toBe("发现「abc」");
  });

  test("an unknown messageId is shown as itself", () => {
    const rule = fakeRule("fake", [{ start: 0, end: 1, messageId: "nope", confidence: 0.9 }]);
    expect(lintField(field, options([{ rule, severity: 2, options: {} }]))[0]!.message).toBe("nope");
  });

  test("clamps ranges into the field text", () => {
    const rule = fakeRule("fake", [
      { start: -3, end: 2, messageId: "hit", confidence: 0.9 },
      { start: 8, end: 99, messageId: "hit", confidence: 0.9 },
      { start: 5, end: 4, messageId: "hit", confidence: 0.9 },
    ]);
    for (const f of lintField(field, options([{ rule, severity: 2, options: {} }]))) {
      expect(f.start).toBeGreaterThanOrEqual(0);
      expect(f.end).toBeLessThanOrEqual(field.text.length);
      expect(f.start).toBeLessThanOrEqual(f.end);
    }
  });

  test("deduplicates per rule and sorts the result", () => {
    const a = fakeRule("rule-a", [
      { start: 4, end: 8, messageId: "hit", confidence: 0.6 },
      { start: 5, end: 9, messageId: "hit", confidence: 0.95 },
      { start: 0, end: 2, messageId: "hit", confidence: 0.8 },
    ]);
    const b = fakeRule("rule-b", [{ start: 4, end: 8, messageId: "hit", confidence: 0.7 }]);
    const out = lintField(field, options([
      { rule: a, severity: 2, options: {} },
      { rule: b, severity: 2, options: {} },
    ]));
    expect(out.map((f) => [f.ruleId, f.start, f.end, f.confidence])).toEqual([
      ["rule-a", 0, 2, 0.8],
      ["rule-b", 4, 8, 0.7],
      ["rule-a", 5, 9, 0.95],
    ]);
  });

  test("passes the field, kind, options and strictness to the rule; skips blank fields", () => {
    const seen: RuleContext[] = [];
    const rule = fakeRule("fake", [], seen);
    lintField({ name: "title", text: "  \n " }, options([{ rule, severity: 2, options: {} }]));
    expect(seen).toHaveLength(0);
    lintField({ name: "title", text: "hi" }, options([{ rule, severity: 1, options: { x: 1 } }], { kind: "reply", strict: true }));
    expect(seen).toHaveLength(1);
    expect(seen[0]!).toMatchObject({ field: { name: "title", text: "hi" }, kind: "reply", options: { x: 1 }, strict: true });
    expect(seen[0]!.views.original).toBe("hi");
  });

  test("end to end with the real rules: a disguised number and a WeChat id", () => {
    const text = "加微信 lamp_lucy88 或打 ①③⑨②②①①④④⑤⑤";
    const out = lintField({ name: "description", text }, options([
      { rule: phoneRule, severity: 2, options: {} },
      { rule: imRule, severity: 2, options: {} },
    ]));
    const phone = out.find((f) => f.ruleId === "no-phone-number");
    const im = out.find((f) => f.ruleId === "no-im-contact");
    expect(text.slice(phone!.start, phone!.end)).toBe("①③⑨②②①①④④⑤⑤");
    expect(phone!.severity).toBe(2);
    expect(phone!.message).toContain("+8613922114455");
    expect(text.slice(im!.start, im!.end)).toBe("微信 lamp_lucy88");
    expect(im!.severity).toBe(2);
    expect(out.map((f) => f.start)).toEqual([...out.map((f) => f.start)].sort((x, y) => x - y));
  });
});

describe("FieldMemo", () => {
  const rules = [phoneRule, imRule].map((rule): ActiveRule => ({ rule, severity: 2, options: {} }));
  const pure = (rule: Rule) => rule === phoneRule || rule === imRule;

  test("a repeated value gets the same findings as linting it afresh", () => {
    const memo = new FieldMemo(pure);
    const texts = ["WhatsApp +86 138 0013 8000", "MOQ 500 pcs", "微信 wx13800138000", "WhatsApp +86 138 0013 8000", "MOQ 500 pcs"];
    for (const text of texts) {
      const field = { name: "description", text };
      expect(memo.lint(field, options(rules))).toEqual(lintField(field, options(rules)));
    }
    expect(memo.lint({ name: "description", text: texts[0]! }, options(rules)).map((f) => f.ruleId)).toContain("no-phone-number");
  });

  test("the field name and origin are part of the value", () => {
    const seen: RuleContext[] = [];
    const rule = fakeRule("fake", [{ start: 0, end: 1, messageId: "hit", confidence: 0.9 }], seen);
    const memo = new FieldMemo(() => true);
    const active = [{ rule, severity: 2 as const, options: {} }];
    const fields = [{ name: "title", text: "same" }, { name: "description", text: "same" }, { name: "description", text: "same", origin: "hidden" as const }];
    // A value is remembered when it comes back: seen twice, then answered from the memo.
    for (let round = 0; round < 4; round++) for (const field of fields) memo.lint(field, options(active));
    expect(seen.map((c) => [c.field.name, c.field.origin])).toEqual([
      ["title", undefined],
      ["description", undefined],
      ["description", "hidden"],
      ["title", undefined],
      ["description", undefined],
      ["description", "hidden"],
    ]);
  });

  test("rules that are not known to be pure (plugins) see every field", () => {
    const seen: RuleContext[] = [];
    const plugin = fakeRule("plugin", [], seen);
    const memo = new FieldMemo(pure);
    const active = [...rules, { rule: plugin, severity: 2 as const, options: {} }];
    for (let i = 0; i < 3; i++) memo.lint({ name: "description", text: "duplicate text" }, options(active));
    expect(seen).toHaveLength(3);
  });

  test("a column whose values do not repeat stops being remembered; one that repeats stays", () => {
    const seen: RuleContext[] = [];
    const rule = fakeRule("fake", [], seen);
    const memo = new FieldMemo(() => true, 100, 100, 4, 0.5);
    const active = [{ rule, severity: 2 as const, options: {} }];
    const lint = (name: string, text: string) => memo.lint({ name, text }, options(active));
    for (const text of ["a", "b", "c", "d"]) lint("id", text); // 4 lookups, no hit
    lint("id", "a"); // a miss now: the column is no longer looked up
    for (const text of ["x", "x", "x", "x", "x"]) lint("category", text); // remembered from its second sighting
    expect(seen.map((c) => `${c.field.name}:${c.field.text}`)).toEqual(["id:a", "id:b", "id:c", "id:d", "id:a", "category:x", "category:x"]);
  });

  test("long texts are not remembered, values seen once are not, and the memory is bounded", () => {
    const seen: RuleContext[] = [];
    const rule = fakeRule("fake", [], seen);
    const memo = new FieldMemo(() => true, 2, 10);
    const active = [{ rule, severity: 2 as const, options: {} }];
    const lint = (text: string) => memo.lint({ name: "d", text }, options(active));
    const linted = (from: number) => seen.slice(from).map((c) => c.field.text);
    for (let k = 0; k < 3; k++) lint("a long text, over ten");
    expect(seen).toHaveLength(3);
    // Each value comes back once to be remembered; capacity 2 per generation: "a" survives one
    // turnover (c pushes a and b into the old generation), not two (e pushes them out).
    for (const text of ["a", "a", "a", "b", "b", "c", "c", "a"]) lint(text);
    expect(linted(3)).toEqual(["a", "a", "b", "b", "c", "c"]);
    for (const text of ["d", "d", "e", "e", "f", "f", "a"]) lint(text);
    expect(linted(9)).toEqual(["d", "d", "e", "e", "f", "f", "a"]);
  });
});
