import { describe, expect, it } from "vitest";
import rule from "../../rules/no-assurance-refusal.js";
import { flagged, runRule, coveringHits } from "../helpers/run-rule.js";

/** [text, words the reported range must cover, messageId] */
const violations: Array<[string, string, string?]> = [
  ["Price with Trade Assurance: $12.40/set; by T/T: $12.00/set.", "Price with Trade Assurance", "surcharge"],
  ["Our Trade Assurance limit is full this month, please pay by T/T.", "Trade Assurance limit is full", "refuse"],
  ["Trade Assurance is only for new customers; old friends don't need it.", "Trade Assurance is only for new customers", "discourage"],
  ["信保费用得您来承担，不然就走线下", "信保费用得您来承担", "surcharge"],
  ["Trade Assurance는 수수료가 비싸서 안 받아요.", "Trade Assurance"],
  ["Delivery in 20 days. FYI we don't accept Trade Assurance orders under US$2,000.", "don't accept Trade Assurance", "refuse"],
  ["Apologies, we don't do Trade Assurance on this model; its fee eats our margin.", "don't do Trade Assurance", "refuse"],
  ["No TA, only Western Union or bank transfer.", "No TA"],
  ["Trade Assurance is not necessary with us, ten years of exports speak for themselves.", "Trade Assurance is not necessary", "discourage"],
  ["Heads-up: Trade Assurance orders will be charged 2% extra.", "Trade Assurance orders will be charged 2% extra", "surcharge"],
  ["TA order price +3%, direct payment is cheaper.", "TA order price +3%", "surcharge"],
  ["Frankly, Trade Assurance takes too long to pay out, so T/T suits us.", "Trade Assurance takes too long", "discourage"],
  ["Send the down payment by Western Union, it is faster than Trade Assurance and its month-long hold.", "faster than Trade Assurance"],
  ["Hi Sam, 信保 fee is too high for this PO, T/T straight to our firm works.", "信保 fee is too high"],
  ["We stopped accepting Trade Assurance last year.", "stopped accepting Trade Assurance"],
  // obfuscation: full-width letters, zero-width space
  ["We ｄｏｎ'ｔ accept Trade\u200b Assurance.", "ｄｏｎ'ｔ accept Trade\u200b Assurance"],
  // Chinese
  ["李先生，这单金额不小，我们不走信保，手续费太高，电汇到公司账户即可。", "不走信保，手续费太高"],
  ["信保要扣3%的点，太亏了。", "信保要扣3%"],
  ["钱总，信保流程太麻烦，回款又慢。", "信保流程太麻烦"],
  ["信保要加价，私下付款便宜", "信保要加价"],
  ["走信保的话要加3个点", "信保的话要加3个点"],
  ["小单不走信保", "不走信保"],
  ["这个金额没必要走信保", "没必要走信保"],
  ["不建议走信保，放款周期太长", "不建议走信保"],
  // traditional Chinese
  ["信保手續費太高，建議直接打款", "信保手續費太高"],
  // other languages
  ["Добрый день! На карту выйдет быстрее, чем через Trade Assurance, где деньги держат месяц.", "быстрее, чем через Trade Assurance"],
  ["No aceptamos pedidos por Trade Assurance.", "No aceptamos pedidos por Trade Assurance"],
  ["Não aceitamos pedidos pelo Trade Assurance.", "Não aceitamos pedidos pelo Trade Assurance"],
  ["Les frais de Trade Assurance sont trop élevés.", "frais de Trade Assurance sont trop élevés"],
  ["لا نقبل الطلبات عبر Trade Assurance.", "لا نقبل"],
  ["Phí Trade Assurance quá cao.", "Phí Trade Assurance quá cao"],
  ["เราไม่รับ Trade Assurance", "ไม่รับ Trade Assurance"],
];

const clean: string[] = [
  "Trade Assurance fee is covered by us, you pay nothing extra.",
  "Our Trade Assurance limit is USD 500,000, so large orders are fine.",
  "Aceptamos Trade Assurance sin costo adicional.",
  "شكرا لك. أقل كمية 300 قطعة، ونرجو إتمام الطلب عبر Trade Assurance لحماية أموالك.",
  "Gracias. Para proteger su dinero, haga el pedido mediante Trade Assurance en la plataforma.",
  "Hello Kim, kindly pay via the Trade Assurance order I created. It protects your purchase: late shipment means you can claim a refund.",
  "Please order via Trade Assurance to protect your payment.",
  "If you don't use Trade Assurance, your payment is not protected.",
  "Trade Assurance keeps your money safe until you confirm delivery.",
  "Terms: 40% deposit through Trade Assurance, remaining 60% before dispatch.",
  "信保订单先付定金，尾款发货前付清，都在平台上走，放心。",
  "数量到两千以上的话，我在信保订单里给您改价。",
  "为了您的资金安全，请用信保下单付款。",
  "不走信保的订单没有保障，请务必通过信保下单",
  "Hi, 本店支持 Trade Assurance，放心拍。",
  "Oi! Pagamento pelo Trade Assurance (cartão ou T/T), tudo pela plataforma.",
  "Payment methods: T/T, L/C, Western Union and Trade Assurance",
  "Оплата только через Trade Assurance, это защищает ваши деньги.",
];

describe("no-assurance-refusal", () => {
  it("has the meta the kernel and docs need", () => {
    expect(rule.meta.id).toBe("no-assurance-refusal");
    expect(rule.meta.category).toBe("assurance");
    expect(rule.meta.defaultSeverity).toBe("error");
    expect(rule.meta.docs.url).toMatch(/^file:.*\/rules\/no-assurance-refusal\.md$/u);
    expect(rule.meta.docs.why["zh-CN"]).toContain("信保");
    for (const message of Object.values(rule.meta.messages)) {
      expect(message.en).toContain("{text}");
      expect(message["zh-CN"]).toContain("{text}");
    }
  });

  for (const [text, words, messageId] of violations) {
    it(`flags ${JSON.stringify(text.slice(0, 60))}`, () => {
      const covering = coveringHits(rule, text, words);
      expect(covering.length, JSON.stringify(runRule(rule, text).map((h) => h.text))).toBeGreaterThan(0);
      if (messageId) expect(covering.map((h) => h.messageId)).toContain(messageId);
      expect(covering.some((h) => h.confidence >= 0.8)).toBe(true);
    });
  }

  for (const text of clean) {
    it(`does not flag ${JSON.stringify(text.slice(0, 60))}`, () => {
      expect(flagged(rule, text)).toEqual([]);
    });
  }
});
