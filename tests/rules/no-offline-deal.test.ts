import { describe, expect, it } from "vitest";
import rule from "../../rules/no-offline-deal.js";
import { quote } from "../../src/text/phrase-packs.js";
import { flagged, runRule } from "../helpers/run-rule.js";

/** [text, words the reported range must cover] */
const violations: Array<[string, string]> = [
  // contact us for a better price
  ["Upper: fly-knit mesh. Contact us for better price, we have more stock not listed here.", "Contact us for better price"],
  ["Message me for a much better wholesale price!", "Message me for a much better wholesale price"],
  ["For the best factory price, please email us.", "best factory price, please email us"],
  ["Price: US$3.20/pc. Contact us for better price on WhatsApp!", "better price on WhatsApp"],
  ["Real photos on our Instagram - DM us there for price.", "DM us there for price"],
  ["Best wholesale rates available - just drop me an email.", "drop me"],
  // deal outside the platform / directly
  ["For this container, would it be possible to finalize outside the system? I can offer a better price.", "finalize outside the system"],
  ["For repeat orders we prefer to do it off Alibaba.", "do it off Alibaba"],
  ["We could handle the bulk order directly between our two companies - without the platform commission we can pass 5% on to you.", "directly between our two companies"],
  ["We suggest placing the order with us directly to save the cost.", "placing the order with us directly"],
  ["Dear, no need to place a platform order for the sample.", "no need to place a platform order"],
  ["We can sign the contract offline and you'll get a lower price.", "sign the contract offline"],
  // own site, other marketplaces
  ["As a returning customer you get an exclusive 10% discount on our independent website.", "exclusive 10% discount on our independent website"],
  ["Our site brightgem-jewelry.com has exclusive 20% off coupons not available on Alibaba.", "20% off"],
  ["Search for our Etsy store, it is cheaper there.", "our Etsy store"],
  // obfuscated: zero-width space and full-width letters
  ["Con\u200btact us for ｂｅｔｔｅｒ price", "Con\u200btact us for ｂｅｔｔｅｒ price"],
  // Chinese
  ["李总，信保流程太麻烦。咱们线下交易更划算，省下的手续费我全让给您。", "线下交易更划算"],
  ["信保要扣2%的手续费，不划算。咱们走线下吧，我给您再降一点价。", "走线下"],
  ["官网 www.example.com 独立站专属折扣：新客下单立减15%", "独立站专属折扣"],
  ["这款现在私聊优惠，价格这里不方便说", "私聊优惠"],
  ["姐妹们想囤货的看主页，私聊拿底价～", "私聊拿底价"],
  ["亲，直播间这个价格还不是最低的哦，加我威信 douyin_xm66，下单更便宜", "下单更便宜"],
  ["戳头像扫码进粉丝群，群内价更低", "群内价更低"],
  ["亲，这款在我们淘宝店也有卖，那边价格更便宜，您可以搜一下店名。", "淘宝店"],
  ["姐妹这个断码了，dd我，私发你某宝链接", "某宝"],
  ["货款您直接微信转账给我就行，不用在平台下单了，省得等审核。", "不用在平台下单"],
  ["大额订单建议线下签合同", "线下签合同"],
  ["亲，这个短链接打开就是我们的工厂店，价格比这里低20%。", "比这里低20%"],
  // traditional Chinese (Taiwan wording)
  ["私訊我拿批發價", "私訊我拿批發價"],
  ["咱們線下交易更劃算", "線下交易更劃算"],
  // other languages
  ["Para un mejor precio escríbame directamente al correo.", "mejor precio escríbame"],
  ["Olá Carlos! Para pedidos acima de 2 contêineres fechamos fora da plataforma, sem taxa.", "fora da plataforma"],
  ["Напишите нам для лучшей цены.", "Напишите нам для лучшей цены"],
  ["Contactez-nous pour un meilleur prix.", "Contactez-nous pour un meilleur prix"],
  ["مرحباً، للحصول على سعر أفضل، يرجى التواصل معنا مباشرة عبر الواتساب.", "سعر أفضل"],
  ["Liên hệ zalo để có giá tốt hơn.", "Liên hệ zalo để có giá tốt"],
  ["ติดต่อไลน์เพื่อรับราคาพิเศษ", "ราคาพิเศษ"],
];

const clean: string[] = [
  "Bigger quantity, better price: 1-499 pcs US$2.80, 2,000+ pcs US$2.10. These tiers are also shown on the product page, so you can order any quantity directly with Trade Assurance.",
  "If you need a customized quotation, please contact us via Alibaba chat and tell us your target wattage.",
  "I understand the budget is tight. If you place the order through Trade Assurance this week, I can give you an extra 5% discount.",
  "您好，我们是工厂直销，没有中间商，这个价格已经很实在了。如果数量到3000个以上，我可以在信保订单里给您改价。",
  "纯棉文化衫定制 厂家直销 班服团体服 私人定制印logo",
  "离线语音识别模块，离线识别无需联网，识别距离5米。",
  "亲，拍1号链接是单件装，2号链接是两件装更划算哦，都是包邮的～",
  "本链接为单条价格，两条装请拍店铺内2号链接更划算。",
  "抖音同款 小红书爆款 法式方领泡泡袖连衣裙，更多款式请进店铺主页查看。",
  "线上线下同价，实体店同款",
  "这款比官网便宜了两百块",
  "Smartphone supports WhatsApp, WeChat and LINE; best price for bulk.",
  "Our production line offers the best factory price in the industry.",
  "Private label, custom logo, factory direct price.",
  "批发价格表可以发您，加V",
  "Descuento por volumen disponible, realice el pedido con Trade Assurance.",
];

describe("no-offline-deal", () => {
  it("has the meta the kernel and docs need", () => {
    expect(rule.meta.id).toBe("no-offline-deal");
    expect(rule.meta.category).toBe("offline-deal");
    expect(rule.meta.defaultSeverity).toBe("error");
    expect(rule.meta.docs.url).toBe("https://github.com/offsite-lint/offsite-lint/blob/main/docs/rules/no-offline-deal.md");
    for (const message of Object.values(rule.meta.messages)) {
      expect(message.en).toContain("{text}");
      expect(message["zh-CN"]).toContain("{text}");
    }
  });

  for (const [text, words] of violations) {
    it(`flags ${JSON.stringify(text.slice(0, 60))}`, () => {
      const hits = runRule(rule, text).filter((h) => h.confidence >= 0.5);
      expect(hits.length).toBeGreaterThan(0);
      const at = text.indexOf(words);
      expect(at).toBeGreaterThanOrEqual(0);
      // the reported range overlaps the offending words
      expect(hits.some((h) => h.start < at + words.length && h.end > at)).toBe(true);
      for (const h of hits) {
        expect(Object.keys(rule.meta.messages)).toContain(h.messageId);
        expect(h.data?.text).toBe(quote(h.text));
      }
    });
  }

  it("reports the offending words through zero-width spaces and full-width letters", () => {
    const text = "Price list attached. Con\u200btact ｕｓ for a ｂｅｔｔｅｒ price!";
    const [hit] = runRule(rule, text);
    expect(hit!.text).toBe("Con\u200btact ｕｓ for a ｂｅｔｔｅｒ price");
    expect(hit!.confidence).toBeGreaterThanOrEqual(0.8);
    expect(hit!.messageId).toBe("betterPrice");
  });

  for (const text of clean) {
    it(`does not flag ${JSON.stringify(text.slice(0, 60))}`, () => {
      expect(flagged(rule, text)).toEqual([]);
    });
  }

  it("takes extra phrases and allowed phrases from options", () => {
    const text = "Ping our sales desk for the insider rate.";
    expect(flagged(rule, text)).toEqual([]);
    const extra = runRule(rule, text, { options: { extraPhrases: ["ping our sales desk"] } });
    expect(extra.map((h) => h.text)).toEqual(["Ping our sales desk"]);
    expect(extra[0]!.messageId).toBe("directDeal");
    const allowed = runRule(rule, "Contact us for better price via our partner portal.", {
      options: { allowPhrases: ["partner portal"] },
    });
    expect(allowed).toEqual([]);
    expect(() => runRule(rule, text, { options: { extraPhrases: ["(broken"] } })).toThrow(/no-offline-deal.*never closed/);
  });
});
