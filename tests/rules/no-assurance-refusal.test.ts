import { describe, expect, it } from "vitest";
import rule from "../../rules/no-assurance-refusal.js";
import { flagged, runRule } from "../helpers/run-rule.js";

/** [text, words the reported range must cover, messageId] */
const violations: Array<[string, string, string?]> = [
  ["Lead time 25-30 days. Please note: we don't accept Trade Assurance orders below US$5,000.", "don't accept Trade Assurance", "refuse"],
  ["Sorry, we don't do Trade Assurance for this item, the fee is too high for our margin.", "don't do Trade Assurance", "refuse"],
  ["No TA, only Western Union or bank transfer.", "No TA"],
  ["Trade Assurance is not necessary, we are a 12-year Gold Supplier and you can trust us.", "Trade Assurance is not necessary", "discourage"],
  ["Note: Trade Assurance orders will be charged 3% extra.", "Trade Assurance orders will be charged 3% extra", "surcharge"],
  ["TA order price +3%, direct payment is cheaper.", "TA order price +3%", "surcharge"],
  ["Honestly, Trade Assurance takes too long to release the money, so we prefer T/T.", "Trade Assurance takes too long", "discourage"],
  ["Please send the deposit via Western Union - it's faster than Trade Assurance, which holds the money for weeks.", "faster than Trade Assurance"],
  ["Dear Tom, 信保 fee is too high, we can do T/T direct to our company account.", "信保 fee is too high"],
  ["We stopped accepting Trade Assurance last year.", "stopped accepting Trade Assurance"],
  // obfuscation: full-width letters, zero-width space
  ["We ｄｏｎ'ｔ accept Trade\u200b Assurance.", "ｄｏｎ'ｔ accept Trade\u200b Assurance"],
  // Chinese
  ["王先生您好，这个订单金额比较大，我们不走信保，手续费太高了，您直接T/T到我们公司账户就行。", "不走信保，手续费太高"],
  ["信保要扣2%的手续费，不划算。", "信保要扣2%"],
  ["李总，信保流程太麻烦，放款也慢。", "信保流程太麻烦"],
  ["信保要加价，私下付款便宜", "信保要加价"],
  ["走信保的话要加3个点", "信保的话要加3个点"],
  ["小单不走信保", "不走信保"],
  ["这个金额没必要走信保", "没必要走信保"],
  ["不建议走信保，放款周期太长", "不建议走信保"],
  // traditional Chinese
  ["信保手續費太高，建議直接打款", "信保手續費太高"],
  // other languages
  ["Здравствуйте! Оплату на карту - так быстрее, чем через Trade Assurance, там деньги держат до 30 дней.", "быстрее, чем через Trade Assurance"],
  ["No aceptamos pedidos por Trade Assurance.", "No aceptamos pedidos por Trade Assurance"],
  ["Não aceitamos pedidos pelo Trade Assurance.", "Não aceitamos pedidos pelo Trade Assurance"],
  ["Les frais de Trade Assurance sont trop élevés.", "frais de Trade Assurance sont trop élevés"],
  ["لا نقبل الطلبات عبر Trade Assurance.", "لا نقبل"],
  ["Phí Trade Assurance quá cao.", "Phí Trade Assurance quá cao"],
  ["เราไม่รับ Trade Assurance", "ไม่รับ Trade Assurance"],
];

const clean: string[] = [
  "شكراً لاستفسارك. الحد الأدنى للطلب 500 قطعة. يرجى إتمام الطلب عبر Trade Assurance لحماية دفعتك.",
  "Gracias por su consulta. Para proteger su pago, realice el pedido a través de Trade Assurance en Alibaba.com.",
  "Hi Anna, please pay through the Trade Assurance order I just sent. Trade Assurance protects your order: if the goods are not shipped on time you can claim a refund.",
  "Please order via Trade Assurance to protect your payment.",
  "If you don't use Trade Assurance, your payment is not protected.",
  "Trade Assurance keeps your money safe until you confirm delivery.",
  "Our payment terms: 30% deposit via Trade Assurance, 70% balance before shipment.",
  "信保订单可以先付30%定金，余款在发货前付清，全程都在平台上完成，您放心。",
  "您好，我们是工厂直销。如果数量到3000个以上，我可以在信保订单里给您改价。",
  "亲，为了保障您的资金安全，请通过信保下单付款。",
  "不走信保的订单没有保障，请务必通过信保下单",
  "Dear, 我们支持 Trade Assurance, 请放心下单.",
  "Olá! Aceitamos pagamento via Trade Assurance (cartão ou T/T), tudo dentro da plataforma.",
  "Payment Terms: T/T, L/C, Western Union, Trade Assurance",
  "Оплата только через Trade Assurance, это защищает ваши деньги.",
];

describe("no-assurance-refusal", () => {
  it("has the meta the kernel and docs need", () => {
    expect(rule.meta.id).toBe("no-assurance-refusal");
    expect(rule.meta.category).toBe("assurance");
    expect(rule.meta.defaultSeverity).toBe("error");
    expect(rule.meta.docs.url).toMatch(/docs\/rules\/no-assurance-refusal\.md$/u);
    expect(rule.meta.docs.why["zh-CN"]).toContain("信保");
    for (const message of Object.values(rule.meta.messages)) {
      expect(message.en).toContain("{text}");
      expect(message["zh-CN"]).toContain("{text}");
    }
  });

  for (const [text, words, messageId] of violations) {
    it(`flags ${JSON.stringify(text.slice(0, 60))}`, () => {
      const hits = runRule(rule, text).filter((h) => h.confidence >= 0.5);
      const at = text.indexOf(words);
      expect(at).toBeGreaterThanOrEqual(0);
      const covering = hits.filter((h) => h.start <= at && h.end >= at + words.length);
      expect(covering.length, JSON.stringify(hits.map((h) => h.text))).toBeGreaterThan(0);
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
