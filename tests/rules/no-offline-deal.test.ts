import { describe, expect, it } from "vitest";
import rule from "../../rules/no-offline-deal.js";
import { quote } from "../../src/text/phrase-packs.js";
import { flagged, runRule } from "../helpers/run-rule.js";

/** [text, words the reported range must cover] */
const violations: Array<[string, string]> = [
  // order channel after an app name, prices that are not posted here, own store, soliciting the buyer's contact
  ["Restocks drop on our Insta every Friday, DM us there with what you want to order.", "DM us there with what you want to order"],
  ["Our Facebook page answers fast and handles bespoke orders there.", "orders there"],
  ["Subscribers see rates that we don't show on this site.", "rates that we don't show on this site"],
  ["This lamp is also available in my own online store.", "available in my own online store"],
  ["Could you give me your WeChat ID? I'll send the details there.", "give me your WeChat"],
  ["Want the distributor price? Hit me up on Telegram.", "distributor price"],
  ["Pay me directly instead of checking out here and I'll knock 5% off.", "instead of checking out here"],
  ["想要的亲私我下单，当天发", "私我下单"],
  ["复制这条口令打开淘宝，领券下单", "打开淘宝"],
  ["Si me transfieres directo a mi cuenta te rebajo el 8%.", "rebajo"],
  ["Cari toko kami di Tokopedia, harganya lebih murah di sana.", "Tokopedia"],
  ["도매가는 카톡으로 문의주세요.", "도매가는 카톡으로"],
  // contact us for a better price
  ["Knit upper, rubber sole. Contact us for better price, more colours in stock.", "Contact us for better price"],
  ["Message me for a much better wholesale price!", "Message me for a much better wholesale price"],
  ["For the best factory price, please email us.", "best factory price, please email us"],
  ["Unit price US$1.90. Contact us on WhatsApp now for a better price!", "Contact us on WhatsApp now for a better price"],
  ["Real photos on our Instagram - DM us there for price.", "DM us there for price"],
  ["Best wholesale rates available - just drop me an email.", "drop me"],
  // deal outside the platform / directly
  ["For the next batch, could we finalize outside the system? The price would be better.", "finalize outside the system"],
  ["On reorders we'd rather do it off Alibaba.", "do it off Alibaba"],
  ["We could run the large order directly between both firms and skip the platform cut.", "directly between both firms"],
  ["Consider placing the order with us directly to cut the cost.", "placing the order with us directly"],
  ["Hi, there's no need for a platform order on one sample.", "no need for a platform order"],
  ["We can sign the contract offline and you'll get a lower price.", "sign the contract offline"],
  // own site, other marketplaces
  ["Repeat buyers enjoy an exclusive 12% discount on our independent website.", "exclusive 12% discount on our independent website"],
  ["Our site example-gems.com has 15% off coupons you won't find on Alibaba.", "15% off"],
  ["Search for our Etsy store, it is cheaper there.", "our Etsy store"],
  // obfuscated: zero-width space and full-width letters
  ["Con\u200btact us for ｂｅｔｔｅｒ price", "Con\u200btact us for ｂｅｔｔｅｒ price"],
  // Chinese
  ["赵总，咱们线下交易更划算，手续费省下来都算您的。", "线下交易更划算"],
  ["平台扣点高，这单咱们走线下吧，我再让您一点。", "走线下"],
  ["官网 www.example.com 上有独立站专属折扣，首单立减", "独立站专属折扣"],
  ["这个颜色私聊优惠，这里不好写价格", "私聊优惠"],
  ["想多囤几瓶的宝宝，私聊拿底价", "私聊拿底价"],
  ["直播间不是最低价，加我威信，下单更便宜", "下单更便宜"],
  ["进我们的宠粉群，群内价更低", "群内价更低"],
  ["这款我们淘宝店也在卖，那边价格便宜点，搜店名就行。", "淘宝店"],
  ["这个码没了，私发你某宝链接", "某宝"],
  ["钱微信转我，不用在平台下单了。", "不用在平台下单"],
  ["大额订单建议线下签合同", "线下签合同"],
  ["亲，这个短链接打开就是我们的工厂店，价格比这里低20%。", "比这里低20%"],
  // traditional Chinese (Taiwan wording)
  ["私訊我拿批發價", "私訊我拿批發價"],
  ["咱們線下交易更劃算", "線下交易更劃算"],
  // other languages
  ["Para mejor precio escríbame directo al correo, por favor.", "mejor precio escríbame"],
  ["Oi Rui! Pedido grande a gente fecha fora da plataforma, sem taxa.", "fora da plataforma"],
  ["Напишите нам для лучшей цены.", "Напишите нам для лучшей цены"],
  ["Contactez-nous pour un meilleur prix.", "Contactez-nous pour un meilleur prix"],
  ["أهلا، لسعر أفضل تواصل معنا على الواتساب مباشرة.", "سعر أفضل"],
  ["Liên hệ zalo để có giá tốt hơn.", "Liên hệ zalo để có giá tốt"],
  ["ติดต่อไลน์เพื่อรับราคาพิเศษ", "ราคาพิเศษ"],
];

const clean: string[] = [
  "Visit our store page on this platform; you can order there any time.",
  "Please leave your phone number for the courier in the order notes.",
  "We don't take orders via WhatsApp; please use the checkout button.",
  "Commandez uniquement sur la plateforme : nous n'acceptons aucun règlement hors plateforme.",
  "ร้านไม่รับชำระเงินนอกแอป ทักแชทในแอปได้เลยค่ะ",
  "我们只在平台内交易，不接受私下交易",
  "More pieces, lower price: 1-99 pcs US$4.10, 500+ pcs US$3.60. The tiers are on the listing, and any quantity can be ordered with Trade Assurance.",
  "For a custom quote, contact us via Alibaba chat with your target size.",
  "Budget is tight, I see. Order through Trade Assurance before Friday and I can add a 4% discount.",
  "我们是源头工厂，价格很实在。数量上2000个的话，我可以在信保订单里帮您改价。",
  "班服定制 纯棉T恤 私人定制 厂家直销",
  "离线语音识别模块，离线识别无需联网，识别距离5米。",
  "1号链接单只装，2号链接两只装更划算，都包邮",
  "此链接为单件价，多件请拍店内3号链接更划算。",
  "抖音同款 小红书爆款 碎花裙，更多款式进店铺主页看看。",
  "线上线下同价，实体店同款",
  "这款比官网便宜了两百块",
  "Smartphone supports WhatsApp, WeChat and LINE; best price for bulk.",
  "Our production line offers the best factory price in the industry.",
  "Private label, custom logo, factory direct price.",
  "批发价格单可以发给您，加V",
  "Descuento por volumen disponible, realice el pedido con Trade Assurance.",
];

describe("no-offline-deal", () => {
  it("has the meta the kernel and docs need", () => {
    expect(rule.meta.id).toBe("no-offline-deal");
    expect(rule.meta.category).toBe("offline-deal");
    expect(rule.meta.defaultSeverity).toBe("error");
    expect(rule.meta.docs.url).toMatch(/^file:.*\/rules\/no-offline-deal\.md$/u);
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
