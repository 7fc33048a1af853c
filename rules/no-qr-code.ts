// no-qr-code: QR codes as a contact route. This module handles text that points at a QR code
// (扫码加我, "scan the code on the package card", alt text of an image with a WeChat QR code);
// decoding QR codes inside images is done by the image pipeline and reported with `qrImage`.
// Wording in rules/phrases/no-qr-code/<lang>.yaml.
import type { Rule, RuleContext } from "../src/types.js";
import { PHRASE_RULE_SCHEMA, phraseRuleMayMatch, runPhraseRule } from "../src/text/phrase-packs.js";
import { docsUrl } from "./utils/meta.js";
import { PLATFORM_CHAT } from "../src/text/fixes.js";
import { findLinks, hostAllowed } from "./utils/links.js";
import { PLATFORM_DOMAINS } from "./no-external-link.js";

const ID = "no-qr-code";

/** What a fix writes in place of the offending sentence (Chinese for a Chinese sentence). */
const REPLACEMENT = PLATFORM_CHAT;

export default {
  meta: {
    id: ID,
    category: "qr",
    defaultSeverity: "error",
    description: {
      en: "Disallow pointing buyers at a QR code as a contact route (scan to add/join/get a coupon, QR on the package card or in an image)",
      "zh-CN": "禁止引导买家扫码联系（扫码加好友/进群/领券，包裹卡、图片中的二维码）",
    },
    docs: {
      url: docsUrl(ID),
      why: {
        en: "A QR code is a contact detail the platform's text filters cannot read, which is why sellers use it: Alibaba.com names \"二维码\" among inducement tactics, Tmall's 2024 rule bans diverting buyers through package cards (包裹卡), and Douyin, Xiaohongshu, TikTok Shop and Shopee list QR codes in images and packaging as diversion. Reviewers read images with OCR and treat the invitation to scan as the violation.",
        "zh-CN": "二维码是平台文字过滤看不到的联系方式，所以常被用来导流：阿里国际站把\"二维码\"列为诱导话术，天猫2024年规则禁止通过包裹卡引流到微信，抖音、小红书、TikTok Shop、Shopee也都把图片和包装上的二维码列为导流。审核会OCR识图，引导扫码本身就被认定违规。",
      },
      fix: {
        en: "Remove contact QR codes from images, inserts and package cards; point buyers to the platform's own channels (shop follow button, platform chat, order page for after-sales). QR codes for product functions (manuals, anti-counterfeit checks) are fine when they do not lead to a contact.",
        "zh-CN": "去掉图片、说明卡、包裹卡上的联系二维码；引导买家使用平台自有渠道（关注店铺、站内咨询、订单页售后）。用于说明书、防伪验证等产品功能的二维码只要不导向联系方式即可。",
      },
    },
    messages: {
      scanToContact: {
        en: 'Points the buyer to a QR code as a contact route: "{text}"',
        "zh-CN": "引导扫码联系或加好友：「{text}」",
      },
      qrPlacement: {
        en: 'Points to a QR code on packaging or in an image: "{text}"',
        "zh-CN": "提示包裹卡或图片中的二维码：「{text}」",
      },
      qrImage: {
        en: 'QR code in the image leads off-platform: "{payload}"',
        "zh-CN": "图片中的二维码指向站外：「{payload}」",
      },
    },
    schema: PHRASE_RULE_SCHEMA,
    fixable: "code",
    hasSuggestions: true,
    replacement: REPLACEMENT,
  },
  check(ctx) {
    if (ctx.field.origin === "qr") return reportQrPayload(ctx);
    runPhraseRule(ctx, ID, "scanToContact", REPLACEMENT);
  },
  mayReport: (ctx) => ctx.field.origin === "qr" || phraseRuleMayMatch(ctx, ID, "scanToContact"),
} satisfies Rule;

/**
 * A QR code decoded from an image. Any code is reported (a buyer scanning it leaves the platform),
 * except one that only links to the platform's own domains (a store page, an order check).
 */
function reportQrPayload(ctx: RuleContext): void {
  const text = ctx.field.text;
  const links = findLinks(ctx.views, text);
  if (links.length > 0 && links.every((l) => hostAllowed(l.host, PLATFORM_DOMAINS))) return;
  const payload = text.length > 80 ? text.slice(0, 77) + "…" : text;
  ctx.report({ start: 0, end: text.length, messageId: "qrImage", data: { payload }, confidence: 0.9 });
}
