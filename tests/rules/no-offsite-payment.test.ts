import { describe, expect, it, test } from "vitest";
import rule from "../../rules/no-offsite-payment.js";
import { flagged, runRule, coveringHits } from "../helpers/run-rule.js";

/** [text, words the reported range must cover, messageId] */
const violations: Array<[string, string, string?]> = [
  // e-wallets to a person, relatives' accounts, off-platform invoices
  ["You can GCash me the balance and I'll ship today.", "GCash me"],
  ["Please pay the balance to my wife's bank account.", "wife's bank account", "personalAccount"],
  ["I'll send you a PayPal invoice directly.", "PayPal invoice", "directTransfer"],
  ["钱转我微信上，收到就发", "转我微信"],
  ["入數到我戶口，收到即寄", "入數"],
  ["Faz o Pix na minha chave que é o meu celular.", "Pix"],
  ["Оплата через СБП на мой номер.", "на мой номер"],
  ["제 개인 계좌로 입금해주세요.", "개인 계좌"],
  // personal accounts, PayPal friends & family, a named person
  ["Sample cost can go via PayPal F&F into my personal account, ships next day.", "PayPal F&F", "personalAccount"],
  ["Hi, kindly send the sample cost by Alipay into my personal account, express goes out today.", "personal account", "personalAccount"],
  ["Wire the down payment by Western Union to our boss, Mr. Li, please.", "Western Union to our boss", "personalAccount"],
  ["Apart from the platform we take Western Union to our manager Ms. Zhou's name, it is quicker.", "Western Union to our manager", "personalAccount"],
  ["Please settle the invoice via Zelle to my personal number.", "Zelle"],
  // direct transfers that bypass the platform
  ["Small lots: pay by T/T directly into our company bank account.", "T/T directly into our company bank account", "directTransfer"],
  ["No need for TA. Pay the 40% deposit directly to our Citibank account.", "directly to our Citibank account", "directTransfer"],
  ["You can pay outside the platform, it's faster.", "pay outside the platform"],
  // crypto
  ["We accept USDT (TRC20) for the deposit.", "USDT", "crypto"],
  // refund sent through a messenger
  ["Scan the parcel card code to add our after-sales WeChat; we will send your refund there at once.", "refund there", "offsiteRefund"],
  // obfuscation: full-width and zero-width
  ["Ｐａｙ to my ｐｅｒｓｏｎａｌ acc\u200bount please.", "ｐｅｒｓｏｎａｌ acc\u200bount"],
  // Chinese
  ["孙总，方便的话先付两成定金到我个人账户，我立刻排产。", "个人账户", "personalAccount"],
  ["批量订货：定金付到个人账户的优先发货", "个人账户"],
  ["打样费60，支付宝私转给我，到账就寄。", "支付宝私转"],
  ["零单就支付宝私转吧，再给您少2个点", "支付宝私转"],
  ["这笔钱直接微信转账给我，别在平台拍了。", "微信转账给我"],
  ["金额大的话，直接T/T到我们公司账户即可。", "直接T/T到我们公司账户"],
  ["我们可以走私账，对私账户打款。", "走私账"],
  ["钱款请转到我个人银行卡，卡号私发", "个人银行卡"],
  // traditional Chinese
  ["訂金請匯到我個人帳戶", "個人帳戶"],
  // other languages
  ["Pix direto na conta pessoal do dono dá 4% de desconto.", "conta pessoal"],
  ["Добрый день! Деньги можно скинуть на мою личную карту, так быстрее.", "личную карту"],
  ["Puede hacer el depósito a mi cuenta personal.", "cuenta personal"],
  ["Faites le virement sur mon compte personnel.", "compte personnel"],
  ["يمكنك تحويل المبلغ إلى حسابي الشخصي.", "حسابي"],
  ["Anh chuyển khoản vào tài khoản cá nhân của em nhé.", "tài khoản cá nhân"],
  ["โอนเข้าบัญชีส่วนตัวได้เลยค่ะ", "บัญชีส่วนตัว"],
];

const clean: string[] = [
  "Payment methods: PayPal, credit card, GCash and bank transfer at checkout.",
  "Pay with your personal credit card or company card at checkout.",
  "Beware of scammers who ask you to pay by Zelle or gift cards.",
  "好评返现5元，加客服领取",
  "Оплата только через маркетплейс, переводы на карту не принимаем.",
  "Incoterms FOB, CIF; port Xiamen; we take Trade Assurance, Western Union, L/C or T/T",
  "Terms: 40% deposit by Trade Assurance and 60% before dispatch; T/T or L/C both run through the Trade Assurance order.",
  "Notice: nobody on our team will ask you to pay into a personal account; every payment goes through Trade Assurance and our bank details show only inside the platform order.",
  "为保障资金安全，请走信保下单付款。本公司不会让您把货款打到任何个人账户，遇到请向平台举报。",
  "请勿向个人账户付款，谨防诈骗",
  "款项已原路退回，两三个工作日内到账。",
  "Sorry the strap broke. File a refund request from the order page and add photos.",
  "Heat transfer vinyl roll for shirts, 30cm x 1.5m; works for heat transfer printing.",
  "支付方式有信用卡、PayPal、T/T和信保，全部在平台内付款，选方便的就行。",
  "收款码台卡定制 微信支付宝二维码立牌",
  "微信支付很方便",
  "Each buyer gets a personal account manager on Alibaba.com.",
  "This hardware wallet supports BTC, ETH and USDT.",
  "13800mAh Power Bank, bank-grade cells, size 138x68x27mm.",
  "Pagamento pelo Trade Assurance (cartão ou T/T), tudo pela plataforma.",
];

describe("no-offsite-payment", () => {
  it("has the meta the kernel and docs need", () => {
    expect(rule.meta.id).toBe("no-offsite-payment");
    expect(rule.meta.category).toBe("payment");
    expect(rule.meta.defaultSeverity).toBe("error");
    expect(rule.meta.docs.url).toMatch(/^file:.*\/rules\/no-offsite-payment\.md$/u);
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

describe("no-offsite-payment: the method offered instead of Trade Assurance", () => {
  test.each([
    ["Sorry, we don't accept Trade Assurance for sample orders. Payment is 100% by T/T before shipment.", "Payment is 100% by T/T before shipment"],
    ["No TA on this one, the fee eats our margin. Please send the deposit by Western Union.", "Please send the deposit by Western Union"],
    ["لا نقبل ضمان التجارة لهذا الطلب. الدفع عن طريق ويسترن يونيون فقط.", "الدفع عن طريق ويسترن يونيون فقط"],
  ])("%s", (input, sentence) => {
    const hits = runRule(rule, input).filter((h) => h.messageId === "methodInsteadOfAssurance");
    expect(hits.map((h) => h.text)).toEqual([sentence]);
    expect(hits[0]!.confidence).toBeGreaterThanOrEqual(0.75);
  });

  test("a sentence the phrase packs already report is not reported twice", () => {
    const input = "不走信保，手续费太高。定金直接打到我个人账户就行。";
    const hits = runRule(rule, input).filter((h) => h.confidence >= 0.75);
    expect(hits.length).toBe(1);
  });

  test.each([
    "Payment terms: T/T 30% deposit, 70% before shipment; L/C at sight; Western Union for samples.",
    "We accept T/T and PayPal inside the Trade Assurance order.",
    "Trade Assurance protects your T/T payment until you confirm receipt.",
    // The method comes before the refusal and is not offered instead of it.
    "Our bank details for T/T are on the PI. Trade Assurance isn't available for this item, sorry.",
  ])("not after a refusal: %s", (input) => {
    expect(runRule(rule, input).filter((h) => h.messageId === "methodInsteadOfAssurance")).toEqual([]);
  });
});
