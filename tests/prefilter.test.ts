// The prefilter (each rule's `mayReport`, and the aligned fast path of the fold) is only an
// optimisation: with it on, no report may change. Checked here on generated listings, the bundled
// fixtures, the dev corpus when it is beside the checkout, and random texts built from the pieces
// the rules look for; every rule test also checks it (tests/helpers/run-rule.ts).
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { builtinRules } from "../rules/index.js";
import { hasNumeralRun, mayHoldAddress } from "../rules/utils/triggers.js";
import { mayMentionMessenger } from "../rules/utils/messengers.js";
import { generateRows } from "../src/bench/generate.js";
import { lintField, type ActiveRule } from "../src/linter.js";
import { foldText, foldTextGeneral } from "../src/text/fold.js";
import { buildViews } from "../src/text/views.js";

const root = resolve(__dirname, "..");
const rules: ActiveRule[] = Object.values(builtinRules).map((rule) => ({ rule, severity: 2, options: {} }));

function lint(text: string, prefilter: boolean, strict = false) {
  return lintField({ name: "description", text }, { kind: "listing", strict, locale: "en", rules, prefilter });
}

/** Whether the prefilter changes the report of `text`. */
function disagrees(text: string, strict = false): boolean {
  return JSON.stringify(lint(text, false, strict)) !== JSON.stringify(lint(text, true, strict));
}

/** Texts on which the prefilter changes the report (empty when it is sound there). Yields to the
 * event loop now and then: a long synchronous loop starves the test runner's heartbeat on a busy
 * machine. */
async function disagreements(texts: Iterable<string>, strict = false): Promise<string[]> {
  const bad: string[] = [];
  let count = 0;
  for (const text of texts) {
    if (disagrees(text, strict)) bad.push(text);
    if (++count % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return bad;
}

const fold = (text: string) => buildViews(text).folded;

describe("contact triggers", () => {
  it("a numeral run is seen in any notation and through separators", () => {
    for (const text of ["138 0013 8000", "一三八零零一三八零零零", "one three eight zero zero one three", "1❤3❤8❤0❤0❤1❤3❤8", "l38OO138OOO", "壹叁捌-零零壹叁-捌零零零", "+86 (138) 0013"]) {
      expect(hasNumeralRun(fold(text), 7), text).toBe(true);
    }
  });

  it("sizes, prices and short model numbers are no numeral run", () => {
    for (const text of ["Size 1200 x 800 x 600 mm", "MOQ 500 pcs, US$2.94/pc", "Model XK-35, 220V", "三个月质保，一件代发"]) {
      expect(hasNumeralRun(fold(text), 7), text).toBe(false);
    }
  });

  it("addresses are seen however they are spelled", () => {
    for (const text of ["sales@abc.com", "sales at abc dot com", "abc（点）com", "www。abc。com", "abc . com", "t.me/shop", "QQ邮箱 12345678", "abc [at] gmail", "mebelok точка ру"]) {
      expect(mayHoldAddress(fold(text)), text).toBe(true);
    }
  });

  it("ordinary sentences hold no address", () => {
    for (const text of ["Made in China. Good quality, 180gsm cotton", "支持来图来样定制。", "Weight: 2.5 kg"]) {
      expect(mayHoldAddress(fold(text)), text).toBe(false);
    }
  });

  it("messenger aliases are seen through separators, pictographs and homophones", () => {
    for (const text of ["加V", "whats app", "微*信", "微❤信", "威信 abc_1", "wa.l38"]) {
      expect(mayMentionMessenger(fold(text)), text).toBe(true);
    }
    for (const text of ["Cotton T-shirt with crew neck", "信用保障订单", "Stainless steel water bottle"]) {
      expect(mayMentionMessenger(fold(text)), text).toBe(false);
    }
  });

  it("the kernel skips the contact rules on a clean field", () => {
    const views = buildViews("Blank cotton T-shirt for retail, 180gsm, sizes S-XXL");
    const field = { name: "title", text: views.original };
    for (const id of ["no-phone-number", "no-email", "no-external-link", "no-im-contact"]) {
      expect(builtinRules[id]!.mayReport!({ field, views, options: {} }), id).toBe(false);
    }
  });
});

describe("the prefilter changes no report", () => {
  it("on generated listings (clean rows and ~65 violation families)", async () => {
    const texts: string[] = [];
    for (const row of generateRows({ rows: 800, seed: "prefilter", rate: 0.3 })) texts.push(...Object.values(row.listing));
    expect(await disagreements(texts)).toEqual([]);
  }, 60_000);

  it("on the bundled fixtures", async () => {
    const texts: string[] = [];
    for (const dir of ["fixtures/templates", "fixtures/listings"]) {
      for (const name of readdirSync(join(root, dir))) {
        if (!/\.(txt|md|yaml|csv|jsonl?)$/.test(name)) continue;
        texts.push(...readFileSync(join(root, dir, name), "utf8").split(/\n/));
      }
    }
    expect(await disagreements(texts)).toEqual([]);
    expect(await disagreements(texts, true)).toEqual([]);
  }, 60_000);

  const corpus = resolve(root, "../shared/corpus/dev.jsonl");
  it.skipIf(!existsSync(corpus))("on the dev corpus, strict or not", async () => {
    const texts = readFileSync(corpus, "utf8")
      .split("\n")
      .filter(Boolean)
      .flatMap((line) => {
        const record = JSON.parse(line) as { text?: string; fields?: Record<string, string> };
        return record.text !== undefined ? [record.text] : Object.values(record.fields ?? {});
      });
    expect(await disagreements(texts)).toEqual([]);
    expect(await disagreements(texts, true)).toEqual([]);
  }, 60_000);

  /** What the rules look for, broken up and disguised, and what stands between. */
  const PIECES = [
    "138", "0013", "8000", "一三八", "零零", "壹叁", "①③⑧", "１３８", "one", "three", "eight", "l", "O", "s",
    "2.94", "13,80", ".5", "09.36", "$", "%", "|", " | ", "x", "№", "\u2028", "\u00a0", "+", "➕", "加", "sets", "oone",
    "支付", "pay", "型", "模型", "细", "玩具", "纸飞机", "飞机", "企鹅", "号", "服务", "·",
    "WhatsApp", "whats", "app", "wa", "V", "v", "微", "信", "薇", "威", "wx", "vx", "QQ", "扣扣", "tg", "line", "ig",
    "@", "at", "dot", "点", "com", "。", ".", "www", "gmail", "t.me", "wa.me", "bit.ly", "邮箱", "[", "]", "（", "）",
    "扫码", "二维码", "QR", "加我", "私聊", "线下", "交易", "alipay", "支付宝", "T/T", "Trade Assurance", "信保", "不做",
    "price", "order", "contact us", "better price", "off platform", "my bio", "主页", "头像",
    " ", "  ", "-", "*", "/", ":", "：", "，", "\n", "❤", "😀", "\u200b", "ａ", "Ｖ", "а", "е", "o", "x", "mm", "pcs", "中", "货",
  ];
  const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 14 }).map((parts) => parts.join(""));

  it("on random texts made of the pieces the rules look for", async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        expect(disagrees(t), t).toBe(false);
        if (++runs % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
      }),
      { numRuns: Math.round(1500 * Math.max(0.1, Number(process.env.FUZZ_RUNS ?? 1) || 1)) },
    );
  }, 60_000);

  it("the aligned fold is the general fold, offsets included", () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: "grapheme", maxLength: 20 }), fc.string({ unit: "binary", maxLength: 12 })), (t) => {
        const fast = foldText(t);
        const general = foldTextGeneral(t);
        expect(fast.text).toBe(general.text);
        for (let i = 0; i <= fast.text.length; i++) {
          expect(fast.toOriginal(i, i + 1)).toEqual(general.toOriginal(i, i + 1));
          expect(fast.originalStart(i)).toBe(general.originalStart(i));
        }
      }),
      { numRuns: 3000 },
    );
  });
});
