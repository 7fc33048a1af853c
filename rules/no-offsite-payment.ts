// no-offsite-payment: paying outside the platform — personal accounts, private Alipay/WeChat
// transfers, deposits to a person, Western Union to a named person, PayPal friends & family,
// crypto, refunds sent through a messenger. Wording in rules/phrases/no-offsite-payment/<lang>.yaml.
import type { Finding, Rule, RuleContext } from "../src/types.js";
import { PHRASE_RULE_SCHEMA, phraseRuleMayMatch, runPhraseRule } from "../src/text/phrase-packs.js";
import { sentenceAround } from "../src/text/phrases.js";
import { sentenceFix } from "../src/text/fixes.js";
import { bi, docsUrl } from "./utils/meta.js";
import assuranceRefusal from "./no-assurance-refusal.js";

/**
 * Payment methods that take the money outside the platform order when they are the alternative to
 * Trade Assurance ("we don't do TA … payment by T/T / Western Union"). Listed as attributes of an
 * on-platform order they are fine, so they count only after a refusal in the same field.
 */
const PAYMENT_METHOD =
  /\b(?:t\/t|tt|telegraphic transfer|wire transfer|bank transfer|direct transfer|western union|wu|moneygram|paypal|payoneer|wise|transferwise|remitly|xoom|usdt|crypto|bitcoin|transferencia(?: bancaria)?|transferência(?: bancária)?|pix|virement(?: bancaire)?|überweisung|havale|eft|transfer bank|chuyển khoản|перевод\w*)\b|ويسترن يونيون|حوالة|تحويل بنكي|电汇|银行转账|西联|速汇金|对公转账|公司账户|支付宝|微信转账|私转/gu;

/** The same, for a yes/no test (a global RegExp keeps state between `test` calls). */
const PAYMENT_METHOD_ANY = new RegExp(PAYMENT_METHOD.source, "u");

const ID = "no-offsite-payment";

/** What a fix writes in place of the offending sentence (Chinese for a Chinese sentence). */
const REPLACEMENT = bi("Please pay through the platform order.", "请通过平台订单付款。");

export default {
  meta: {
    id: ID,
    category: "payment",
    defaultSeverity: "error",
    description: {
      en: "Disallow asking for payment outside the platform: personal accounts, private transfers, direct deposits that bypass the platform, crypto",
      "zh-CN": "禁止引导站外付款：个人账户、支付宝/微信私转、绕过平台直接打款、加密货币",
    },
    docs: {
      url: docsUrl(ID),
      why: {
        en: "Steering payment off the platform is one of the three diversion types Alibaba.com's enforcement names: recommending an Alipay private transfer (支付宝私转) or a bank transfer, or \"pay the deposit into a personal account and we ship faster\" (付定金到个人账户，发货更快). Money paid outside the platform has no buyer protection, and the platform cannot step in when goods never arrive; it is also the classic pattern of payment fraud, so reviewers treat it severely.",
        "zh-CN": "引导线下付款是阿里国际站明确打击的站外引导类型之一：推荐支付宝私转、银行转账，或说\"付定金到个人账户，发货更快\"。站外付款没有资金保障，货不对板或不发货时平台无法介入；这也是典型的诈骗话术，审核从严处理。",
      },
      fix: {
        en: "Take every payment through the platform order (Trade Assurance accepts T/T, cards and other methods inside the order); give bank details only where the platform shows them, and issue refunds through the order page.",
        "zh-CN": "所有款项通过平台订单收取（信保订单内也可走T/T、信用卡等方式）；银行信息只在平台订单中展示，退款通过订单页原路退回。",
      },
    },
    messages: {
      privateTransfer: {
        en: 'Asks for a private transfer outside the platform: "{text}"',
        "zh-CN": "引导站外私下转账：「{text}」",
      },
      personalAccount: {
        en: 'Asks for payment into a personal account: "{text}"',
        "zh-CN": "要求付款到个人账户：「{text}」",
      },
      directTransfer: {
        en: 'Asks for a direct transfer that bypasses the platform: "{text}"',
        "zh-CN": "引导绕过平台直接打款：「{text}」",
      },
      crypto: {
        en: 'Asks for payment in cryptocurrency: "{text}"',
        "zh-CN": "要求以加密货币付款：「{text}」",
      },
      methodInsteadOfAssurance: {
        en: 'Offers a payment outside the platform order instead of Trade Assurance: "{text}"',
        "zh-CN": "拒绝信保后改走站外付款方式：「{text}」",
      },
      offsiteRefund: {
        en: 'Offers a refund or cashback outside the platform: "{text}"',
        "zh-CN": "在平台外退款或返现：「{text}」",
      },
    },
    schema: PHRASE_RULE_SCHEMA,
    fixable: "code",
    hasSuggestions: true,
    replacement: REPLACEMENT,
  },
  check(ctx) {
    const hits = runPhraseRule(ctx, ID, "privateTransfer", REPLACEMENT);
    reportMethodsAfterRefusal(ctx, hits);
  },
  // The methods-after-refusal check needs a payment method and a refusal the other rule could find.
  mayReport: (ctx) =>
    phraseRuleMayMatch(ctx, ID, "privateTransfer") ||
    (PAYMENT_METHOD_ANY.test(ctx.views.folded.text) && assuranceRefusal.mayReport!({ ...ctx, options: {} })),
} satisfies Rule;

/**
 * After a refusal of Trade Assurance in the same field, the payment method offered instead is the
 * off-platform payment: "No TA, sorry. Payment 30% by T/T", "لا نقبل ضمان التجارة … ويسترن يونيون".
 */
function reportMethodsAfterRefusal(ctx: RuleContext, covered: ReadonlyArray<{ start: number; end: number }>): void {
  const folded = ctx.views.folded;
  const methods = [...folded.text.matchAll(PAYMENT_METHOD)];
  if (methods.length === 0) return;
  const refusals: Finding[] = [];
  assuranceRefusal.check({ ...ctx, options: {}, report: (f) => refusals.push(f) });
  const sure = refusals.filter((f) => f.confidence >= 0.75);
  if (sure.length === 0) return;
  const refusalStart = Math.min(...sure.map((f) => f.start));
  const original = ctx.field.text;
  const reported = new Set<number>();
  for (const m of methods) {
    const [sentenceStart, sentenceEnd] = sentenceAround(folded.text, m.index!, m.index! + m[0].length);
    let [start, end] = folded.toOriginal(sentenceStart, sentenceEnd);
    while (start < end && /\s/u.test(original[start]!)) start++;
    // Methods offered with or after the refusal, once per sentence, where no phrase hit already is.
    if (end <= refusalStart || reported.has(start) || covered.some((c) => c.start < end && start < c.end)) continue;
    reported.add(start);
    ctx.report({
      start,
      end,
      messageId: "methodInsteadOfAssurance",
      data: { text: original.slice(start, end) },
      confidence: 0.8,
      ...sentenceFix(original, start, end, REPLACEMENT, { confidence: 0.8 }),
    });
  }
}
