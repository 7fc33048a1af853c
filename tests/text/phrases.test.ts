import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  PatternSyntaxError,
  PhrasePackError,
  PhraseSet,
  compilePattern,
  expandDefinitions,
  sentenceAround,
  validatePackSpec,
  type PhraseEntrySpec,
  type PhrasePackSpec,
} from "../../src/text/phrases.js";
import { packSummary, phrasePackDir, readPhrasePacks } from "../../src/text/phrase-packs.js";
import { buildViews } from "../../src/text/views.js";

/** Every match of one pattern on the folded view, as original text. */
function matches(pattern: string, text: string): string[] {
  const { regex } = compilePattern(pattern);
  const view = buildViews(text).folded;
  const out: string[] = [];
  regex.lastIndex = 0;
  for (let m = regex.exec(view.text); m; m = regex.exec(view.text)) {
    const [s, e] = view.toOriginal(m.index, m.index + m[0].length);
    out.push(text.slice(s, e));
  }
  return out;
}

function set(entries: PhraseEntrySpec[], extra: Partial<PhrasePackSpec> = {}): PhraseSet {
  const spec = validatePackSpec({ lang: "en", entries, ...extra }, "test");
  return new PhraseSet([{ spec }], { defaultMessageId: "m" });
}

/** Original texts a phrase set reports in `text`. */
function hits(phrases: PhraseSet, text: string, min = 0): string[] {
  const found = phrases.match(buildViews(text).folded, { minConfidence: min });
  // The set's prefilter may never deny a text it matches.
  if (found.length > 0) expect(phrases.mayMatch(buildViews(text).folded), text).toBe(true);
  return found.map((h) => text.slice(h.start, h.end));
}

describe("pattern language", () => {
  it("matches tokens separated by spaces or a few separators, never glued words", () => {
    expect(matches("contact us", "Please contact us today")).toEqual(["contact us"]);
    expect(matches("contact us", "contact - us")).toEqual(["contact - us"]);
    expect(matches("contact us", "contact  -  us")).toEqual([]);
    expect(matches("contact us", "contact, us")).toEqual(["contact, us"]);
    expect(matches("contact us", "contactus")).toEqual([]);
    expect(matches("contact us", "contact them, not us")).toEqual([]);
  });

  it("supports alternatives, multi-word alternatives and optional tokens", () => {
    expect(matches("(best|lowest) price", "our lowest price")).toEqual(["lowest price"]);
    expect(matches("(best|factory direct) price", "factory direct price")).toEqual(["factory direct price"]);
    expect(matches("better price*?", "better")).toEqual(["better"]);
    expect(matches("contact (us|me)? now", "contact now")).toEqual(["contact now"]);
    expect(matches("contact (us|me)? now", "contact me now")).toEqual(["contact me now"]);
  });

  it("bounds a gap to a number of characters within the sentence", () => {
    expect(matches("contact us … better price", "contact us for a much better price")).toEqual([
      "contact us for a much better price",
    ]);
    // a gap never crosses a sentence end
    expect(matches("contact us … better price", "Contact us. Better price!")).toEqual([]);
    expect(matches("contact us … better price", "Contact us! Better price")).toEqual([]);
    expect(matches("加我 … 优惠", "加我微信给你优惠")).toEqual(["加我微信给你优惠"]);
    expect(matches("加我 … 优惠", "加我。优惠")).toEqual([]);
    // an explicit bound
    expect(matches("a …5 b", "a 123 b")).toEqual(["a 123 b"]);
    expect(matches("a …5 b", "a 1234567 b")).toEqual([]);
    // dots inside words and numbers are not sentence ends
    expect(matches("visit … price", "visit abc.com for the price")).toEqual(["visit abc.com for the price"]);
    expect(matches("pay … now", "pay US$3.20 now")).toEqual(["pay US$3.20 now"]);
  });

  it("gives Latin, Cyrillic and Arabic words boundaries but not CJK or Thai words", () => {
    expect(matches("line", "online shopping")).toEqual([]);
    expect(matches("line", "LINE: abc")).toEqual(["LINE"]);
    expect(matches("цена", "расценка")).toEqual([]);
    expect(matches("цена", "лучшая цена!")).toEqual(["цена"]);
    expect(matches("سعر", "بسعر")).toEqual([]);
    expect(matches("*سعر", "بسعر خاص")).toEqual(["بسعر"]);
    expect(matches("线下 交易", "咱们线下交易更划算")).toEqual(["线下交易"]);
    expect(matches("ราคาพิเศษ", "รับราคาพิเศษวันนี้")).toEqual(["ราคาพิเศษ"]);
    // a Latin token next to a Chinese character still has its boundary
    expect(matches("加 v", "加v信")).toEqual(["加v"]);
    expect(matches("v 信", "v信")).toEqual(["v信"]);
  });

  it("supports word wildcards and numbers", () => {
    expect(matches("discount*", "discounts and discounted")).toEqual(["discounts", "discounted"]);
    expect(matches("discount*", "nodiscount")).toEqual([]);
    expect(matches("+ <num> %", "price +3% for TA")).toEqual(["+3%"]);
    expect(matches("加 <num> 个点", "要加三个点")).toEqual(["加三个点"]);
    expect(matches("<num> % off", "get 15% off")).toEqual(["15% off"]);
  });

  it("tolerates apostrophes, dashes, missing accents and Arabic letter variants", () => {
    expect(matches("don't accept", "we dont accept it")).toEqual(["dont accept"]);
    expect(matches("don't accept", "we don’t accept it")).toEqual(["don’t accept"]);
    expect(matches("e-mail", "email e mail e-mail")).toEqual(["email", "e mail", "e-mail"]);
    expect(matches("liên hệ", "lien he ngay")).toEqual(["lien he"]);
    expect(matches("precio más bajo", "precio mas bajo")).toEqual(["precio mas bajo"]);
    expect(matches("أفضل", "افضل")).toEqual(["افضل"]);
    expect(matches("сч" + "ет", "счёт")).toEqual(["счёт"]);
  });

  it("supports `!x`: not right after x", () => {
    expect(matches("!不 建议 走", "建议走信保")).toEqual(["建议走"]);
    expect(matches("!不 建议 走", "不建议走信保")).toEqual([]);
    expect(matches("!(never|not) pay", "please pay now")).toEqual(["pay"]);
    expect(matches("!(never|not) pay", "never pay now")).toEqual([]);
  });

  it("folds the pattern like the text: case, width, traditional Chinese", () => {
    expect(matches("ＣＯＮＴＡＣＴ Us", "contact us")).toEqual(["contact us"]);
    expect(matches("私訊", "私讯我")).toEqual(["私讯"]);
    expect(matches("私讯", "私訊我")).toEqual(["私訊"]);
  });

  it("maps matches back to the original characters through invisibles and full-width letters", () => {
    const text = "Please con\u200btact ＵＳ for a better price";
    expect(matches("contact us … better price", text)).toEqual(["con\u200btact ＵＳ for a better price"]);
    expect(matches("线下 交易 更 划算", "咱們線\u200d下交易更劃算")).toEqual(["線\u200d下交易更劃算"]);
  });

  it("reports syntax errors with the column", () => {
    const bad: Array<[string, RegExp]> = [
      ["(a|b", /never closed/],
      ["a|b)", /unexpected/],
      ["(a|) b", /empty/],
      ["* b", /needs a word/],
      ["… a", /start or end with a gap/],
      ["a …", /start or end with a gap/],
      ["a …200 b", /1 to 80/],
      ["a … b … c … d … e", /at most 3 gaps/],
      ["a?", /not optional/],
      ["(ab?|c) d", /whole word optional/],
      ["(rates?|c) d", /write `rate\*` \(any ending\) or `\(rate\|rates\)`/],
      ["(店铺里?|c) d", /write `店铺 里\?`/],
      ["线*", /space-separated/],
      ["a !b", /must be followed by a word/],
    ];
    for (const [pattern, message] of bad) {
      expect(() => compilePattern(pattern), pattern).toThrow(PatternSyntaxError);
      expect(() => compilePattern(pattern), pattern).toThrow(message);
    }
    try {
      compilePattern("contact (us|");
    } catch (error) {
      expect((error as PatternSyntaxError).offset).toBe(8);
      expect((error as Error).message).toContain("column 9");
    }
  });

  it("compiles to bounded quantifiers only", () => {
    const { regex } = compilePattern("(contact|message) (us|me)? … (better|best) price* … <num> % …40 off");
    // no unbounded repeats: outside character classes, no `*`, `+` or `{n,}`
    const outsideClasses = regex.source.replace(/\\./gu, "").replace(/\[[^\]]*\]/gu, "");
    expect(outsideClasses).not.toMatch(/[*+]|\{\d+,\}/u);
    expect(outsideClasses).toMatch(/\{0,30\}\?/u);
  });

  it("runs in bounded time on long adversarial text", () => {
    const phrases = set([
      { id: "a", patterns: ["(contact|message) (us|me)? … (for|to) … (better|best) (price*|deal*) … (now|today)"], confidence: 0.9 },
      { id: "b", patterns: ["线下 … 交易 … 更 … 划算"], confidence: 0.9 },
      { id: "c", patterns: ["a … a … a … b"], confidence: 0.9 },
    ]);
    const texts = [
      "contact us for better price ".repeat(4000),
      "contact us for ".repeat(5000),
      "线下线下交易交易更更".repeat(8000),
      "a ".repeat(50000),
      "a".repeat(200000),
      ("contact us " + "x ".repeat(40)).repeat(1000),
    ];
    for (const text of texts) {
      const started = performance.now();
      phrases.match(buildViews(text).folded);
      expect(performance.now() - started, text.slice(0, 30)).toBeLessThan(2000);
    }
  });
});

describe("sentences", () => {
  it("finds the sentence around a range; dots inside words and numbers do not end it", () => {
    const text = "Hi. Visit abc.com for US$3.20 now! Next";
    const at = text.indexOf("abc");
    const [s, e] = sentenceAround(text, at, at + 3);
    expect(text.slice(s, e)).toBe(" Visit abc.com for US$3.20 now");
  });
});

describe("phrase sets", () => {
  it("returns original ranges, message ids and confidences", () => {
    const phrases = set([{ id: "p", patterns: ["better price"], confidence: 0.8, messageId: "betterPrice" }]);
    const text = "Ａ ｂｅｔｔｅｒ ｐｒｉｃｅ here";
    const [hit] = phrases.match(buildViews(text).folded);
    expect(hit).toMatchObject({ messageId: "betterPrice", confidence: 0.8, entries: ["en/p"] });
    expect(text.slice(hit!.start, hit!.end)).toBe("ｂｅｔｔｅｒ ｐｒｉｃｅ");
  });

  it("drops a hit when an `unless` phrase is in the same sentence only", () => {
    const phrases = set([
      { id: "p", patterns: ["better price"], confidence: 0.8, unless: ["(via|through) (alibaba|trade assurance)"] },
    ]);
    expect(hits(phrases, "Better price via Trade Assurance.")).toEqual([]);
    expect(hits(phrases, "Better price. Pay via Trade Assurance.")).toEqual(["Better price"]);
  });

  it("needs one `requires` phrase in the sentence and reports both when they are close", () => {
    const phrases = set([{ id: "p", patterns: ["better price"], confidence: 0.8, requires: ["on whatsapp"] }]);
    expect(hits(phrases, "Better price on WhatsApp!")).toEqual(["Better price on WhatsApp"]);
    expect(hits(phrases, "Better price! Chat on WhatsApp.")).toEqual([]);
  });

  it("its prefilter passes over texts where no `requires` phrase could match", () => {
    const phrases = set([{ id: "p", patterns: ["better price"], confidence: 0.8, requires: ["on whatsapp", "(dm|pm) me"] }]);
    const may = (text: string) => phrases.mayMatch(buildViews(text).folded);
    expect(may("Better price for 500 pcs, see the tier table.")).toBe(false);
    expect(may("Better price on WhatsApp!")).toBe(true);
    expect(may("Better price, PM me")).toBe(true);
    // A long sentence is read within a reach of 400 characters: the cut may fall inside a word,
    // where "dm" starts a word in the cut but not in the text. The prefilter still lets it through.
    const cut = `Better price ${"x".repeat(396)}dm me`;
    expect(may(cut)).toBe(true);
  });

  it("reads neighbouring sentences for `requires` and `boost` with `window`", () => {
    const phrases = set([{ id: "p", patterns: ["dealer price"], confidence: 0.8, requires: ["on telegram"], window: 1 }]);
    // a close `requires` match is reported with the hit, across the sentence mark too
    expect(hits(phrases, "Want the dealer price? Hit me up on Telegram.")).toEqual(["dealer price? Hit me up on Telegram"]);
    expect(hits(phrases, "Dealer price on Telegram.")).toEqual(["Dealer price on Telegram"]);
    // one sentence away only
    expect(hits(phrases, "Dealer price? Sure. Fine. Hit me up on Telegram.")).toEqual([]);
    const two = set([{ id: "p", patterns: ["dealer price"], confidence: 0.8, requires: ["on telegram"], window: 2 }]);
    expect(hits(two, "Dealer price? Sure. Hit me up on Telegram.")).toEqual(["Dealer price? Sure. Hit me up on Telegram"]);
    // `unless` still reads the hit's own sentence only
    const guarded = set([
      { id: "p", patterns: ["dealer price"], confidence: 0.8, requires: ["on telegram"], unless: ["never"], window: 1 },
    ]);
    expect(hits(guarded, "Dealer price? We never chat on Telegram.")).toEqual(["Dealer price? We never chat on Telegram"]);
    expect(hits(guarded, "Never a dealer price. Hit me up on Telegram.")).toEqual([]);
  });

  it("raises the confidence with `boost` phrases", () => {
    const phrases = set([
      { id: "p", patterns: ["qr code on the card"], confidence: 0.6, boost: { patterns: ["add us"], confidence: 0.9 } },
    ]);
    expect(phrases.match(buildViews("QR code on the card.").folded)[0]!.confidence).toBe(0.6);
    expect(phrases.match(buildViews("QR code on the card, add us.").folded)[0]!.confidence).toBe(0.9);
  });

  it("applies pack negative context per sentence or per field, lowering or dropping", () => {
    const phrases = set([{ id: "p", patterns: ["scan the qr code"], confidence: 0.8 }], {
      negative: [
        { patterns: ["scanner"], scope: "field", penalty: 0.5 },
        { patterns: ["verify"] },
      ],
    });
    expect(phrases.match(buildViews("Scan the QR code to add us.").folded)[0]!.confidence).toBe(0.8);
    expect(phrases.match(buildViews("Scanner. Scan the QR code to add us.").folded)[0]!.confidence).toBe(0.3);
    expect(hits(phrases, "Scan the QR code to verify.")).toEqual([]);
  });

  it("skips a negative when one of its `except` phrases is in the same scope", () => {
    const phrases = set([{ id: "p", patterns: ["scan the qr code"], confidence: 0.8 }], {
      negative: [{ patterns: ["manual"], except: ["add us"] }],
    });
    expect(hits(phrases, "Scan the QR code to read the manual.")).toEqual([]);
    expect(hits(phrases, "Scan the QR code to add us and get the manual.")).toEqual(["Scan the QR code"]);
  });

  it("merges touching hits into one finding and counts the agreeing entries", () => {
    const phrases = set([
      { id: "a", patterns: ["不走 信保"], confidence: 0.9 },
      { id: "b", patterns: ["手续费 太高"], confidence: 0.85 },
    ]);
    const found = phrases.match(buildViews("这单不走信保，手续费太高").folded);
    expect(found).toHaveLength(1);
    expect(found[0]!.entries).toEqual(["en/a", "en/b"]);
    expect(found[0]!.confidence).toBeCloseTo(0.95);
  });

  it("filters by minimum confidence", () => {
    const phrases = set([{ id: "p", patterns: ["qr code"], confidence: 0.4 }]);
    expect(hits(phrases, "QR code", 0.5)).toEqual([]);
    expect(hits(phrases, "QR code")).toEqual(["QR code"]);
  });

  it("finds every set's phrases when sets are made after a text was scanned, anchors inside anchors too", () => {
    // One anchor automaton serves every set: each new set's anchors rebuild it, and an anchor that
    // ends inside a longer one ("交易" in "线下交易") is found through the longer one's state.
    const text = "我们线下交易吧";
    const whole = set([{ id: "whole", patterns: ["线下交易"], confidence: 0.8 }]);
    expect(hits(whole, text)).toEqual(["线下交易"]);
    const tail = set([{ id: "tail", patterns: ["下交易"], confidence: 0.8 }]);
    expect(hits(tail, text)).toEqual(["下交易"]);
    const last = set([{ id: "last", patterns: ["交易 吧"], confidence: 0.8 }]);
    expect(hits(last, text)).toEqual(["交易吧"]);
    for (const [phrases, found] of [[whole, "线下交易"], [tail, "下交易"], [last, "交易吧"]] as const) {
      expect(hits(phrases, text)).toEqual([found]);
      expect(hits(phrases, "线上交流")).toEqual([]);
    }
  });

  it("finds every match the patterns' own regexes find (the anchor prefilter loses nothing)", () => {
    const patterns = [
      "contact us … better price*",
      "(don't|do not) accept (ta|trade assurance)",
      "线下 交易 更? 划算",
      "liên hệ … giá tốt",
      "!不 建议 走 信保",
      "<num> % off",
      "*سعر خاص",
      "pay … to my (account|paypal)",
    ];
    const phrases = set(patterns.map((p, k) => ({ id: `p${k}`, patterns: [p], confidence: 0.8 })));
    const fragments = [
      "contact", " us", " for", " better", " prices", " price", "线下", "交易", "更", "划算", "不", "建议", "走", "信保",
      " don't", " do not", " accept", " ta", " trade assurance", " liên hệ", " lien he", " giá tốt", " gia tot",
      " 15", "%", " off", " بسعر", " خاص", " pay", " to", " my", " account", " paypal", ". ", " ", "x", "\u200b", "Ｕｓ",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 30 }), (parts) => {
        const text = parts.join("");
        const view = buildViews(text).folded;
        const reported = new Set(phrases.match(view).flatMap((h) => h.entries));
        patterns.forEach((p, k) => {
          const { regex } = compilePattern(p);
          regex.lastIndex = 0;
          if (regex.test(view.text)) expect(reported, `${p} in ${JSON.stringify(text)}`).toContain(`en/p${k}`);
        });
      }),
      { numRuns: 400 },
    );
  });
});

describe("phrase packs", () => {
  it("validates shape and names the path of the problem", () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ lang: "en" }, /entries/],
      [{ lang: "en", entries: [{ id: "a", confidence: 0.5 }] }, /pattern/],
      [{ lang: "en", entries: [{ id: "a", pattern: "x", confidence: 2 }] }, /confidence/],
      [{ lang: "en", entries: [{ id: "A b", pattern: "x", confidence: 0.5 }] }, /id/],
      [{ lang: "en", entries: [{ id: "a", pattern: "x", confidence: 0.5, colour: 1 }] }, /unknown key `colour`/],
      [{ lang: "en", entries: [{ id: "a", pattern: "x", confidence: 0.5 }, { id: "a", pattern: "y", confidence: 0.5 }] }, /duplicate id/],
      [{ lang: "en", entries: [{ id: "a", pattern: "(x", confidence: 0.5 }] }, /entries\[0\] \(a\).*never closed/],
      [{ lang: "en", entries: [{ id: "a", pattern: "{nope} x", confidence: 0.5 }] }, /unknown definition \{nope\}/],
      [{ lang: "en", negative: [{ patterns: ["x"], scope: "page" }], entries: [{ id: "a", pattern: "x", confidence: 0.5 }] }, /scope/],
      [{ lang: "en", negative: [{ patterns: ["x"], unless: ["y"] }], entries: [{ id: "a", pattern: "x", confidence: 0.5 }] }, /unknown key `unless`/],
      [{ lang: "en", negative: [{ patterns: ["x"], except: ["(y"] }], entries: [{ id: "a", pattern: "x", confidence: 0.5 }] }, /except.*never closed/],
      [{ lang: "en", entries: [{ id: "a", pattern: "x", confidence: 0.5, window: 3 }] }, /window/],
      [{ lang: "en", entries: [{ id: "a", pattern: "x", confidence: 0.5, window: 1.5 }] }, /window/],
    ];
    for (const [value, message] of cases) {
      expect(() => validatePackSpec(value, "pack.yaml")).toThrow(PhrasePackError);
      expect(() => validatePackSpec(value, "pack.yaml")).toThrow(message);
    }
  });

  it("expands definitions (which may use earlier ones)", () => {
    expect(expandDefinitions("{reach} us", { reach: "(contact|{mail})", mail: "email" }, "x")).toBe("((contact|(email))) us");
    const spec = validatePackSpec(
      { lang: "en", define: { deal: "(better|best) price" }, entries: [{ id: "a", pattern: "{deal} now", confidence: 0.8 }] },
      "x",
    );
    expect(spec.entries[0]!.patterns).toEqual(["((better|best) price) now"]);
  });

  it("loads packs from a folder and names the file of a broken one", () => {
    const dir = mkdtempSync(join(tmpdir(), "phrases-"));
    writeFileSync(join(dir, "en.yaml"), "lang: en\nentries:\n  - id: a\n    pattern: contact us\n    confidence: 0.8\n");
    writeFileSync(join(dir, "notes.txt"), "not a pack");
    const packs = readPhrasePacks("test-rule", dir);
    expect(packs.map((p) => p.spec.lang)).toEqual(["en"]);
    writeFileSync(join(dir, "zh.yaml"), "lang: zh\nentries: [\n");
    expect(() => readPhrasePacks("test-rule", dir)).toThrow(/zh\.yaml: not valid YAML/);
    writeFileSync(join(dir, "zh.yaml"), "lang: zh\nentries:\n  - id: b\n    pattern: (线下\n    confidence: 0.8\n");
    expect(() => readPhrasePacks("test-rule", dir)).toThrow(/zh\.yaml entries\[0\] \(b\).*never closed/);
    expect(() => readPhrasePacks("test-rule", join(dir, "missing"))).toThrow(PhrasePackError);
  });

  const rules = readdirSync(phrasePackDir("no-offline-deal").replace(/no-offline-deal$/u, ""), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

  it("bundles packs for every phrase rule in every supported language", () => {
    expect(rules.sort()).toEqual(["no-assurance-refusal", "no-offline-deal", "no-offsite-payment", "no-qr-code"]);
    for (const rule of rules) {
      const summary = packSummary(rule);
      expect(Object.keys(summary).sort(), rule).toEqual(["ar", "de", "en", "es", "fr", "id", "ko", "pt", "ru", "th", "tr", "vi", "zh"]);
    }
  });

  // Every pack entry documents what it must and must not flag; check it here.
  for (const rule of rules) {
    const packs = readPhrasePacks(rule);
    const phrases = new PhraseSet(packs, { defaultMessageId: "m" });
    describe(rule, () => {
      for (const { spec } of packs) {
        for (const entry of spec.entries) {
          const key = `${spec.lang}/${entry.id}`;
          for (const example of entry.examples ?? []) {
            it(`${key} flags ${JSON.stringify(example)}`, () => {
              const found = phrases.match(buildViews(example).folded);
              expect(found.flatMap((h) => h.entries)).toContain(key);
              expect(phrases.mayMatch(buildViews(example).folded)).toBe(true);
            });
          }
          for (const example of entry.counterexamples ?? []) {
            it(`${key} does not flag ${JSON.stringify(example)}`, () => {
              const found = phrases.match(buildViews(example).folded, { minConfidence: 0.5 });
              expect(found.flatMap((h) => h.entries)).not.toContain(key);
            });
          }
        }
      }
    });
  }
});
