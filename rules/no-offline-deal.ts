// no-offline-deal: steering the deal off the platform — "contact us for a better price", "cheaper
// if we deal directly", 线下交易更划算, 私聊拿底价, own-site-only discounts, another marketplace's
// shop. The wording lives in rules/phrases/no-offline-deal/<lang>.yaml.
import type { Rule } from "../src/types.js";
import { PHRASE_RULE_SCHEMA, phraseRuleMayMatch, runPhraseRule } from "../src/text/phrase-packs.js";
import { bi, docsUrl } from "./utils/meta.js";

const ID = "no-offline-deal";

/** What a fix writes in place of the offending sentence (Chinese for a Chinese sentence). */
const REPLACEMENT = bi("Please discuss the price in the platform chat; discounts are applied in the platform order.", "价格请在平台站内沟通，优惠在平台订单中改价。");

export default {
  meta: {
    id: ID,
    category: "offline-deal",
    defaultSeverity: "error",
    description: {
      en: "Disallow steering the deal off the platform: better prices for private contact, direct or offline deals, own-site discounts, other marketplaces",
      "zh-CN": "禁止引导站外交易：私下联系给更低价、线下/直接交易、独立站专属折扣、引导至其他平台店铺",
    },
    docs: {
      url: docsUrl(ID),
      why: {
        en: "Platforms treat luring buyers into an off-platform deal as diversion: Alibaba.com names \"Contact us for better price\" a serious violation and counts hints that \"offline is cheaper\" (线下交易更划算) and own-site-exclusive discounts (独立站专属折扣) as inducement; penalties range from warnings and points to restricted listings and store closure. Off-platform deals also lose the buyer's payment protection and the platform's dispute handling.",
        "zh-CN": "平台把以低价诱导买家站外成交视为站外引导：阿里国际站将\"Contact us for better price\"列为严重违规，\"线下交易更划算\"、\"独立站专属折扣\"等话术均属诱导，处罚从警告、扣分到限制发布乃至关店。站外成交也让买家失去资金保障，平台无法介入纠纷。",
      },
      fix: {
        en: "Quote tier prices on the listing (quantity ladders are allowed) and keep negotiation in the platform chat; give extra discounts by modifying the price inside the platform order (e.g. the Trade Assurance order).",
        "zh-CN": "在商品页标注阶梯价，议价留在平台站内沟通；需要额外优惠时，在平台订单（如信保订单）中改价。",
      },
    },
    messages: {
      directDeal: {
        en: 'Steers the deal off-platform: "{text}"',
        "zh-CN": "引导站外交易：「{text}」",
      },
      betterPrice: {
        en: 'Lures the buyer off-platform with a better price: "{text}"',
        "zh-CN": "以更低价格诱导站外联系或交易：「{text}」",
      },
      privateChat: {
        en: 'Moves the price talk to a private channel: "{text}"',
        "zh-CN": "引导私聊议价：「{text}」",
      },
      ownSite: {
        en: 'Points the buyer to an own-site or off-platform offer: "{text}"',
        "zh-CN": "引导至独立站/官网的专属优惠：「{text}」",
      },
      otherPlatform: {
        en: 'Diverts the buyer to a shop on another platform: "{text}"',
        "zh-CN": "引导至其他平台店铺：「{text}」",
      },
    },
    schema: PHRASE_RULE_SCHEMA,
    fixable: "code",
    hasSuggestions: true,
    replacement: REPLACEMENT,
  },
  check(ctx) {
    runPhraseRule(ctx, ID, "directDeal", REPLACEMENT);
  },
  mayReport: (ctx) => phraseRuleMayMatch(ctx, ID, "directDeal"),
} satisfies Rule;
