import { describe, expect, it } from "vitest";
import { compileLiterals, compilePhraseRegex, findMatches, literalPattern, phraseRule, phraseRules } from "../../src/config/phrases.js";
import type { PhraseConfig } from "../../src/config/types.js";
import { buildViews } from "../../src/text/views.js";
import type { Finding } from "../../src/types.js";
import { runWithSimpleViews } from "./helpers.js";

const DM: PhraseConfig = {
  id: "team/no-dm",
  category: "offline-deal",
  severity: "error",
  message: { en: "Asks the buyer to message privately", "zh-CN": "Asks the buyer to message privately" },
  match: ["DM me", "私信我"],
  regex: ["pm\\s*me"],
};

describe("phrase rules", () => {
  it("a literal matches case- and width-insensitively, reported at the original characters", () => {
    const text = "Questions? ＤＭ\u3000ｍｅ now"; // full-width letters, ideographic space
    const hits = runWithSimpleViews(phraseRule(DM), text);
    expect(hits).toEqual([
      { start: 11, end: 16, messageId: "phrase", data: { text: "ＤＭ\u3000ｍｅ" }, confidence: 1, text: "ＤＭ\u3000ｍｅ" },
    ]);
  });

  it("a CJK literal, after astral characters (positions are UTF-16 units)", () => {
    const text = "😀😀 有问题请私信我哦";
    const [hit] = runWithSimpleViews(phraseRule(DM), text);
    expect(hit!.text).toBe("私信我");
    expect(hit!.start).toBe(text.indexOf("私信我"));
  });

  it("an RE2 regex runs on the folded text, case-insensitively", () => {
    const text = "价格好商量😀 PM   ME 谢谢";
    const hits = runWithSimpleViews(phraseRule(DM), text);
    expect(hits.map((h) => h.text)).toEqual(["PM   ME"]);
    expect(hits[0]!.start).toBe(text.indexOf("PM"));
  });

  it("literals match whole words and any whitespace between their words", () => {
    const rule = phraseRule({ ...DM, regex: [] });
    expect(runWithSimpleViews(rule, "spm meter; adm mechanism")).toEqual([]);
    expect(runWithSimpleViews(rule, "dm\n me").map((h) => h.text)).toEqual(["dm\n me"]);
    expect(runWithSimpleViews(rule, "加我DM me吧").map((h) => h.text)).toEqual(["DM me"]);
  });

  it("every hit is reported, in order, an identical range once", () => {
    const rule = phraseRule({ ...DM, match: ["dm me"], regex: ["dm\\s+me"] });
    expect(runWithSimpleViews(rule, "DM me, or dm me").map((h) => [h.start, h.end])).toEqual([
      [0, 5],
      [10, 15],
    ]);
  });

  it("regex metacharacters in literals are literal", () => {
    const rule = phraseRule({ ...DM, match: ["a.b (c)"], regex: [] });
    expect(runWithSimpleViews(rule, "a.b (c) axb c").map((h) => h.text)).toEqual(["a.b (c)"]);
    expect(literalPattern("a.b (c)")).toBe("\\ba\\.b\\s+\\(c\\)");
  });

  it("the rule meta comes from the phrase", () => {
    const rule = phraseRule(DM);
    expect(rule.meta).toMatchObject({
      id: "team/no-dm",
      category: "offline-deal",
      defaultSeverity: "error",
      description: DM.message,
      messages: { phrase: DM.message },
      schema: { type: "object", properties: {} },
    });
  });

  it("phraseRules keys the rules by id", () => {
    expect(Object.keys(phraseRules([DM, { ...DM, id: "team/other" }]))).toEqual(["team/no-dm", "team/other"]);
  });

  it("a custom literal folding is used", () => {
    const rule = phraseRule({ ...DM, match: ["微信"], regex: [] }, { fold: (s) => s.replace(/微信/gu, "wx") });
    expect(runWithSimpleViews(rule, "加 wx 聊").map((h) => h.text)).toEqual(["wx"]);
  });

  it("works on the real folded view (invisible characters inside the phrase)", () => {
    const text = "请 D\u200bM me 谢谢";
    const hits: Finding[] = [];
    phraseRule(DM).check({
      field: { name: "text", text },
      kind: "reply",
      views: buildViews(text),
      options: {},
      strict: false,
      report: (f) => hits.push(f),
    });
    expect(hits.map((h) => text.slice(h.start, h.end))).toEqual(["D\u200bM me"]);
  });
});

describe("matching", () => {
  it("skips empty matches", () => {
    expect(findMatches("bab", [compilePhraseRegex("a*")])).toEqual([[1, 2]]);
  });

  it("no literals: no program", () => {
    expect(compileLiterals([])).toBeUndefined();
  });

  it("is linear time on a pattern that makes backtracking engines explode", () => {
    const text = `${"a".repeat(50_000)}!`;
    const started = performance.now();
    expect(findMatches(text, [compilePhraseRegex("(a+)+$")])).toEqual([]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
