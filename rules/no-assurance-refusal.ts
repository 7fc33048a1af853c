// no-assurance-refusal: refusing or discouraging the platform's buyer protection (Trade
// Assurance, 信保): "we don't accept TA", "TA fee is too high", "+3% for TA", 不走信保, 信保流程麻烦.
// Wording in rules/phrases/no-assurance-refusal/<lang>.yaml.
import type { Rule } from "../src/types.js";
import { PHRASE_RULE_SCHEMA, phraseRuleMayMatch, runPhraseRule } from "../src/text/phrase-packs.js";
import { bi, docsUrl } from "./utils/meta.js";

const ID = "no-assurance-refusal";

/** What a fix writes in place of the offending sentence (Chinese for a Chinese sentence). */
const REPLACEMENT = bi("We accept Trade Assurance orders.", "我们接受信保订单。");

export default {
  meta: {
    id: ID,
    category: "assurance",
    defaultSeverity: "error",
    description: {
      en: "Disallow refusing or discouraging Trade Assurance (the platform's buyer protection): refusals, fee complaints, surcharges, \"too slow/troublesome\"",
      "zh-CN": "禁止拒绝或劝阻买家使用信用保障（信保）：拒绝信保、嫌手续费高、信保加价、称流程麻烦",
    },
    docs: {
      url: docsUrl(ID),
      why: {
        en: "Alibaba.com lists \"refusing Trade Assurance when the buyer asks for it\" as a diversion offence, explicitly including the usual excuses — \"the fee is high\" (手续费高), \"the process is troublesome\" (流程麻烦) — and hints that offline is cheaper. Trade Assurance is how the platform protects the buyer's payment and judges disputes, so talking a buyer out of it is treated as steering the deal off-platform.",
        "zh-CN": "阿里国际站把\"买家要求走信用保障时商家以手续费高、流程麻烦等理由拒绝，或暗示线下交易更划算\"列为站外引导违规。信保是平台保障买家资金、处理纠纷的机制，劝阻买家使用信保即被视为引导站外交易。",
      },
      fix: {
        en: "Accept Trade Assurance orders; if the order is small or margins are thin, adjust the unit price or MOQ in the quotation instead of surcharging or refusing the protection.",
        "zh-CN": "接受信保订单；订单小或利润薄时，通过调整报价或起订量解决，不要对信保加价或拒绝。",
      },
    },
    messages: {
      refuse: {
        en: 'Refuses Trade Assurance: "{text}"',
        "zh-CN": "拒绝信用保障（信保）交易：「{text}」",
      },
      discourage: {
        en: 'Talks the buyer out of Trade Assurance: "{text}"',
        "zh-CN": "劝阻买家使用信保：「{text}」",
      },
      surcharge: {
        en: 'Charges extra for Trade Assurance: "{text}"',
        "zh-CN": "对信保订单加价：「{text}」",
      },
    },
    schema: PHRASE_RULE_SCHEMA,
    fixable: "code",
    hasSuggestions: true,
    replacement: REPLACEMENT,
  },
  check(ctx) {
    runPhraseRule(ctx, ID, "refuse", REPLACEMENT);
  },
  mayReport: (ctx) => phraseRuleMayMatch(ctx, ID, "refuse"),
} satisfies Rule;
