// The fixes rules attach (field-text edits): contact rules remove exactly the contact (with the
// label that announced it), phrase rules reword the sentence — and where that is not safe, they
// offer a suggestion instead. Plus the pure helpers behind them.
import { describe, expect, it } from "vitest";
import { builtinRules } from "../../rules/index.js";
import { removalEdit, sentenceFix, sentenceLanguage, sentenceRange, PLATFORM_CHAT } from "../../src/text/fixes.js";
import type { Rule, TextEdit } from "../../src/types.js";
import { runRule } from "../helpers/run-rule.js";

const apply = (text: string, edit: TextEdit) => text.slice(0, edit.start) + edit.text + text.slice(edit.end);

/** The text after the rule's fix of its (sure) finding covering `match`. */
function fixedBy(ruleId: string, text: string, match?: string): string {
  const hits = runRule(builtinRules[ruleId]!, text).filter((h) => h.confidence >= 0.5 && (match === undefined || h.text === match));
  expect(hits, `${ruleId} should flag ${JSON.stringify(match ?? text)}; got ${JSON.stringify(runRule(builtinRules[ruleId]!, text).map((h) => h.text))}`).not.toHaveLength(0);
  const hit = hits[0]!;
  expect(hit.fix, `${ruleId}: ${JSON.stringify(hit.text)} should carry a fix`).toBeDefined();
  return apply(text, hit.fix!);
}

describe("contact rules remove exactly the contact", () => {
  const cases: Array<[rule: string, input: string, output: string]> = [
    ["no-phone-number", "Call me at 13800138000 today.", "Call me at today."],
    ["no-phone-number", "Tel: +86 138-0013-8000", ""],
    ["no-phone-number", "Our office phone 0571-8888 6666, open 9-18.", "Our office, open 9-18."],
    ["no-phone-number", "📞 13800138000 anytime", "anytime"],
    ["no-phone-number", "Questions? Call 13800138000.", "Questions? Call."],
    ["no-phone-number", "方便的话打我电话：壹叁捌 零零壹叁 捌叁贰贰，谢谢", "方便的话打我，谢谢"],
    ["no-email", "Email: sales@abc-lamps.com", ""],
    ["no-email", "Write to mailto:sales@abc-lamps.com now", "Write to now"],
    ["no-email", "请发邮件到 sales(at)metalparts-nb(dot)com 注明型号", "请发邮件到 注明型号"],
    ["no-external-link", "See [our shop](https://abc-shop.com) for more", "See our shop for more"],
    ["no-external-link", "Visit <https://abc-shop.com> today", "Visit today"],
    ["no-external-link", "Catalogue: bit.ly/3xCatLED24 - with IES files", "Catalogue: - with IES files"],
    ["no-im-contact", "WhatsApp: +86 138 0013 8000", ""],
    ["no-im-contact", "Contact (WhatsApp: +86 138 0013 8000) anytime", "Contact anytime"],
    ["no-im-contact", "加我微信：abc12345，谢谢", "加我，谢谢"],
    ["no-im-contact", "欢迎咨询，微信：shop_2024", "欢迎咨询"],
    ["no-im-contact", "Hello!\n- WeChat: lamp_88\nBye", "Hello!\nBye"],
    ["no-im-contact", "Hello!\r\nWeChat: lamp_88", "Hello!"],
  ];
  for (const [rule, input, output] of cases) {
    it(`${rule}: ${JSON.stringify(input)} → ${JSON.stringify(output)}`, () => {
      expect(fixedBy(rule, input)).toBe(output);
    });
  }

  it("keeps words that only look like labels (短链接, mail as a verb)", () => {
    expect(removalEdit("这个短链接 https://t.cn/R2bX 打开", 6, 23)).toEqual({ start: 6, end: 24, text: "" });
    const text = "Please mail sales@abc-lamps.com today";
    expect(apply(text, removalEdit(text, 12, 31))).toBe("Please mail today");
  });

  it("a weak contact finding gets a suggestion, not a fix", () => {
    const weak = runRule(builtinRules["no-phone-number"]!, "0086-139-2211-4455 call anytime").find((h) => h.confidence >= 0.5 && h.confidence < 0.75);
    expect(weak).toBeDefined();
    expect(weak!.fix).toBeUndefined();
    expect(weak!.suggestions?.[0]?.desc).toEqual({ en: "Remove the contact detail", "zh-CN": "删除联系方式" });
  });

  it("an app named without a handle is an invitation: its sentence gets a suggestion", () => {
    const hit = runRule(builtinRules["no-im-contact"]!, "Add me on WhatsApp for faster reply").find((h) => h.confidence >= 0.5);
    expect(hit?.fix).toBeUndefined();
    expect(hit?.suggestions?.[0]?.fix).toEqual({ start: 0, end: 35, text: PLATFORM_CHAT.en });
  });

  it("no-image-contact attaches no fix (the contact is in the image: re-export it)", () => {
    const hits = runRule(builtinRules["no-image-contact"]!, "WhatsApp +86 138 0013 8000", { origin: "ocr" });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      expect(hit.fix).toBeUndefined();
      expect(hit.suggestions).toBeUndefined();
    }
  });

  it("honest text gets no finding, so no fix", () => {
    for (const [rule, text] of [
      ["no-phone-number", "model WX-200, 220V 50Hz, HS code 8539.50"],
      ["no-im-contact", "Supports WhatsApp video calls and WeChat notifications"],
      ["no-external-link", "Cuban link chain, 5mm"],
    ] as const) {
      expect(runRule(builtinRules[rule]!, text).filter((h) => h.confidence >= 0.5 && h.fix)).toEqual([]);
    }
  });
});

describe("phrase rules reword the sentence", () => {
  const cases: Array<[rule: string, input: string, output: string]> = [
    ["no-offline-deal", "Contact us for a better price.", "Please discuss the price in the platform chat; discounts are applied in the platform order."],
    ["no-offline-deal", "质量很好。线下交易更划算。欢迎下单！", "质量很好。价格请在平台站内沟通，优惠在平台订单中改价。欢迎下单！"],
    ["no-offsite-payment", "Thanks! Please pay to my personal Alipay account.", "Thanks! Please pay through the platform order."],
    ["no-assurance-refusal", "- We don't accept Trade Assurance.\n- MOQ 100", "- We accept Trade Assurance orders.\n- MOQ 100"],
    ["no-qr-code", "样品已寄出。扫码加我微信。", "样品已寄出。请通过平台站内信联系我们。"],
  ];
  for (const [rule, input, output] of cases) {
    it(`${rule}: ${JSON.stringify(input)}`, () => {
      expect(fixedBy(rule, input)).toBe(output);
    });
  }

  it("a sentence in another language gets a suggestion only", () => {
    const hits = runRule(builtinRules["no-offline-deal"]!, "Kontaktieren Sie uns direkt für einen besseren Preis.").filter((h) => h.confidence >= 0.5);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]!.fix).toBeUndefined();
    expect(hits[0]!.suggestions?.[0]?.fix.text).toBe(builtinRules["no-offline-deal"]!.meta.replacement!.en);
  });

  it("a sentence with much more in it than the phrase gets a suggestion only", () => {
    const text = "Dear Tom, for the deposit please use PayPal friends and family to my private account, and after that we pack the order with the manual and the spare parts.";
    const hits = runRule(builtinRules["no-offsite-payment"]!, text).filter((h) => h.confidence >= 0.5);
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(hit.fix).toBeUndefined();
  });

  it("the compliant wordings are not themselves findings", () => {
    for (const rule of Object.values(builtinRules) as Rule[]) {
      const replacement = rule.meta.replacement;
      if (!replacement) continue;
      for (const text of [replacement.en, replacement["zh-CN"]]) {
        for (const other of Object.values(builtinRules) as Rule[]) {
          expect(runRule(other, text, { strict: true }).filter((h) => h.confidence >= 0.3), `${other.meta.id} on ${text}`).toEqual([]);
        }
      }
    }
  });
});

describe("rule meta", () => {
  it("marks the rules that fix, and only those", () => {
    const fixable = Object.values(builtinRules).filter((r) => r.meta.fixable).map((r) => r.meta.id).sort();
    expect(fixable).toEqual([
      "no-assurance-refusal",
      "no-email",
      "no-external-link",
      "no-im-contact",
      "no-offline-deal",
      "no-offsite-payment",
      "no-phone-number",
      "no-qr-code",
    ]);
    for (const rule of Object.values(builtinRules)) {
      if (rule.meta.fixable) expect(rule.meta.fixable).toBe("code");
      if (rule.meta.fixable) expect(rule.meta.hasSuggestions).toBe(true);
    }
  });
});

describe("helpers", () => {
  it("sentenceRange: from the previous sentence end to this one's, list markers skipped", () => {
    const text = "Hi. Contact us for a better price! Thanks";
    expect(text.slice(...sentenceRange(text, 4, 33))).toBe("Contact us for a better price!");
    const list = "- contact us for a better price\n- ok";
    expect(list.slice(...sentenceRange(list, 2, 31))).toBe("contact us for a better price");
    const abbreviation = "Order No. 5 ships today. Deal directly and save.";
    expect(abbreviation.slice(...sentenceRange(abbreviation, 25, 38))).toBe("Deal directly and save.");
    const quoted = "好的。他说：“走线下更便宜。”好的";
    expect(quoted.slice(...sentenceRange(quoted, 7, 12))).toBe("他说：“走线下更便宜。”");
  });

  it("sentenceLanguage: Chinese, English, or other", () => {
    expect(sentenceLanguage("线下交易更划算")).toBe("zh");
    expect(sentenceLanguage("Contact us for a better price")).toBe("en");
    expect(sentenceLanguage("Contactez-nous pour un meilleur prix, très bien")).toBe("other");
    expect(sentenceLanguage("카카오톡으로 연락 주세요")).toBe("other");
    expect(sentenceLanguage("Deal directly", "de")).toBe("other");
  });

  it("sentenceFix: never a fix across lines", () => {
    const text = "add me on\nContact us for a better price";
    const edits = sentenceFix(text, 4, 39, PLATFORM_CHAT, { confidence: 0.9 });
    expect(edits.fix).toBeUndefined();
    expect(edits.suggestions).toHaveLength(1);
  });
});
