import { describe, expect, it } from "vitest";
import rule from "../../rules/no-offsite-payment.js";
import { flagged, runRule } from "../helpers/run-rule.js";

/** [text, words the reported range must cover, messageId] */
const violations: Array<[string, string, string?]> = [
  // personal accounts, PayPal friends & family, a named person
  ["For the sample fee you can send it by PayPal Friends & Family to my personal account, then I ship tomorrow.", "PayPal Friends & Family", "personalAccount"],
  ["Dear, please transfer the sample fee by Alipay to my personal account and I will arrange the express today.", "personal account", "personalAccount"],
  ["Please send the deposit via Western Union to our boss's name, Wang Lei.", "Western Union to our boss", "personalAccount"],
  ["Payment: besides the platform, we accept Western Union to our manager Mr. Chen's name for faster processing.", "Western Union to our manager", "personalAccount"],
  ["Please settle the invoice via Zelle to my personal number.", "Zelle"],
  // direct transfers that bypass the platform
  ["For small orders please pay by T/T directly to our company bank account.", "T/T directly to our company bank account", "directTransfer"],
  ["Trade Assurance is not necessary. Please pay the 50% deposit directly to our HSBC account.", "directly to our HSBC account", "directTransfer"],
  ["You can pay outside the platform, it's faster.", "pay outside the platform"],
  // crypto
  ["We accept USDT (TRC20) for the deposit.", "USDT", "crypto"],
  // refund sent through a messenger
  ["Please scan the QR code on the package card to add our after-sales WeChat, and we will send the refund there right away.", "refund there", "offsiteRefund"],
  // obfuscation: full-width and zero-width
  ["Ｐａｙ to my ｐｅｒｓｏｎａｌ acc\u200bount please.", "ｐｅｒｓｏｎａｌ acc\u200bount"],
  // Chinese
  ["王总您好，您看是否方便先付30%定金到我个人账户，我这边马上安排生产。", "个人账户", "personalAccount"],
  ["大宗采购：付定金到个人账户可优先排车发货", "个人账户"],
  ["样品费80元，您可以支付宝私转给我，收到后当天寄出。", "支付宝私转"],
  ["小单不走信保，支付宝私转可再优惠3个点", "支付宝私转"],
  ["货款您直接微信转账给我就行，不用在平台下单了。", "微信转账给我"],
  ["这个订单金额比较大，您直接T/T到我们公司账户就行。", "直接T/T到我们公司账户"],
  ["我们可以走私账，对私账户打款。", "走私账"],
  ["钱款请转到我个人银行卡，卡号私发", "个人银行卡"],
  // traditional Chinese
  ["訂金請匯到我個人帳戶", "個人帳戶"],
  // other languages
  ["Pagamento por PIX direto na conta pessoal do gerente com 5% de desconto.", "conta pessoal"],
  ["Здравствуйте! Оплату можно перевести на мою личную карту - так быстрее.", "личную карту"],
  ["Puede hacer el depósito a mi cuenta personal.", "cuenta personal"],
  ["Faites le virement sur mon compte personnel.", "compte personnel"],
  ["يمكنك تحويل المبلغ إلى حسابي الشخصي.", "حسابي"],
  ["Anh chuyển khoản vào tài khoản cá nhân của em nhé.", "tài khoản cá nhân"],
  ["โอนเข้าบัญชีส่วนตัวได้เลยค่ะ", "บัญชีส่วนตัว"],
];

const clean: string[] = [
  "Payment Terms: T/T, L/C, Western Union, Trade Assurance; Delivery Terms: FOB, CIF, EXW; Port: Ningbo/Shanghai",
  "Our payment terms: 30% deposit via Trade Assurance, 70% balance before shipment. We accept T/T and L/C at sight, both processed through the Trade Assurance order.",
  "Important notice: we will never ask you to pay to a personal account. Our only payment channel is Alibaba.com Trade Assurance, and our company bank details only appear in the platform order.",
  "亲，为了保障您的资金安全，请通过信保下单付款。我们公司不会要求您把货款付到任何个人账户，如有人这样要求请及时向平台举报。",
  "请勿向个人账户付款，谨防诈骗",
  "退款已按原路退回到您的支付账户，预计1-3个工作日到账，请注意查收。",
  "We are very sorry the zipper broke. Please open a refund request on the order page and attach the photos.",
  "PU Heat Transfer Vinyl Roll 12in x 5ft for T-shirts. Screen printing or heat transfer printing.",
  "亲，支付方式支持信用卡、PayPal、T/T和信保，都在平台内完成支付，您选择方便的即可。",
  "亚克力收款码牌定制 支付宝微信收款二维码立牌 桌面台卡",
  "微信支付很方便",
  "Each buyer gets a personal account manager on Alibaba.com.",
  "This hardware wallet supports BTC, ETH and USDT.",
  "13800mAh Power Bank, bank-grade cells, size 138x68x27mm.",
  "Aceitamos pagamento via Trade Assurance (cartão ou T/T), tudo dentro da plataforma.",
];

describe("no-offsite-payment", () => {
  it("has the meta the kernel and docs need", () => {
    expect(rule.meta.id).toBe("no-offsite-payment");
    expect(rule.meta.category).toBe("payment");
    expect(rule.meta.defaultSeverity).toBe("error");
    expect(rule.meta.docs.url).toMatch(/docs\/rules\/no-offsite-payment\.md$/u);
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
