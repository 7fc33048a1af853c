// no-im-contact: messaging apps and social handles offered as a contact route, also as
// abbreviations, homophones and code words (WX, VX, V信, 薇信, 绿泡泡, 飞机, 扣扣, wsp, whatsap).
import type { Rule } from "../src/types.js";
import { appNameZh, findMessengerMentions, mayMentionMessenger } from "./utils/messengers.js";
import { mayHoldAddress } from "./utils/triggers.js";
import { findLinks } from "./utils/links.js";
import { findPhoneCandidates } from "./utils/phones.js";
import { CONTACT_WORDS, REFUSAL_CONTEXT, isImageText } from "./utils/context.js";
import { bi, docsUrl } from "./utils/meta.js";
import { PLATFORM_CHAT, removalFix, sentenceFix } from "../src/text/fixes.js";

/** "看我头像加我", "contact in my bio": a route to the contact without naming the app. */
const PROFILE_ROUTE_OFFER =
  /(?:看|见|点|去|戳)(?:我的?)?(?:头像|主页|签名|简介|个人资料|置顶)[^，,。！!？?\n]{0,6}?(?:加|联系|私|找|有|聊)[^，,。！!？?\n]{0,3}|(?:头像|主页|签名|简介)(?:里|上)?[，,\s]?有(?:联系方式|v|微|号)|(?:号|微信号|联系方式|v)(?:在|见)(?:我的?)?(?:主页|简介|签名|头像|个人资料)(?:里|上)?|(?:contact|number|whatsapp|details?|info)\s+(?:is\s+)?in\s+(?:my|our)\s+(?:profile|bio|avatar)(?:\s+(?:picture|photo|pic))?/gu;

const rule: Rule = {
  meta: {
    id: "no-im-contact",
    category: "im",
    defaultSeverity: "error",
    description: bi(
      "WhatsApp, WeChat, QQ, Telegram, Skype, LINE, Viber, Messenger, KakaoTalk, Zalo and social handles offered as a contact route, including abbreviations, homophones and code words",
      "以 WhatsApp、微信、QQ、Telegram、Skype、LINE、Viber、Messenger、KakaoTalk、Zalo 或社交账号作为联系方式，包括缩写、谐音和暗语",
    ),
    docs: {
      url: docsUrl("no-im-contact"),
      why: bi(
        "Alibaba.com penalises giving WeChat or WhatsApp before a deal, explicitly including homophones and abbreviations (微, WX); TikTok Shop lists \"Add me on XYZ Messenger to order\"; Xiaohongshu deducts 10–25 merchant points for spreading contact details or other platforms' accounts. An app named only as a product feature is fine.",
        "阿里国际站处罚成交前提供微信、WhatsApp 的行为，明确包括谐音和缩写（微、WX）；TikTok Shop 把“加我 XYZ 聊天下单”列为违规；小红书对传播联系方式或其他平台账号扣 10–25 分商家积分。仅作为产品功能提及应用名称不算违规。",
      ),
      fix: bi(
        "Keep the conversation in the platform chat. If the buyer needs a direct line, use the platform's business-card exchange (名片交换) at the top of the chat window.",
        "沟通请留在平台聊天中。如买家需要直接联系，请使用聊天窗口顶部的「名片交换」功能。",
      ),
    },
    messages: {
      handle: bi('{app} offered as a contact route: "{text}"', "以 {appZh} 作为联系方式：「{text}」"),
      disguised: bi('{app} written as "{alias}" to dodge filters: "{text}"', "{appZh} 被写成「{alias}」以躲避审核：「{text}」"),
      route: bi('Points the buyer to a contact in the profile/avatar: "{text}"', "引导买家从头像/主页获取联系方式：「{text}」"),
      link: bi('{app} chat link: "{text}"', "{appZh} 聊天链接：「{text}」"),
    },
    schema: { type: "object", properties: {}, additionalProperties: false },
    fixable: "code",
    hasSuggestions: true,
    replacement: PLATFORM_CHAT,
  },
  check(context) {
    if (isImageText(context.field)) return; // no-image-contact reports contacts read from images
    const view = context.views.compact;
    const text = context.field.text;
    const phoneRanges = findPhoneCandidates(view, "CN", text)
      .filter((p) => p.confidence >= 0.3)
      .map((p): [number, number] => [p.start, p.end]);
    for (const mention of findMessengerMentions(view, text, phoneRanges)) {
      const [start, end] = view.toOriginal(mention.start, mention.idEnd ?? mention.end);
      const [aliasStart, aliasEnd] = view.toOriginal(mention.start, mention.end);
      const alias = text.slice(aliasStart, aliasEnd);
      const disguised = mention.strength !== "name" || mention.signals.includes("obfuscated");
      // With its id the handle is cut out; an app named alone ("add me on WhatsApp") is an
      // invitation: its sentence is reworded.
      const edits = mention.idEnd !== undefined
        ? removalFix(text, start, end, mention.confidence)
        : sentenceFix(text, start, end, PLATFORM_CHAT, { confidence: mention.confidence });
      context.report({
        start,
        end,
        messageId: disguised ? "disguised" : "handle",
        data: { app: mention.app, appZh: appNameZh(mention.app), alias, text: text.slice(start, end) },
        confidence: mention.confidence,
        ...edits,
      });
    }
    const folded = context.views.folded;
    for (const m of folded.text.matchAll(PROFILE_ROUTE_OFFER)) {
      // A refusal only cancels the offer when it is in the same clause (不方便说，看我头像加我 is an offer).
      const clauseStart = Math.max(0, ...[...folded.text.slice(0, m.index!).matchAll(/[，,。！!？?\n;；]/g)].map((c) => c.index! + 1));
      if (REFUSAL_CONTEXT.test(folded.text.slice(clauseStart, m.index! + m[0].length))) continue;
      const [start, end] = folded.toOriginal(m.index!, m.index! + m[0].length);
      const confidence = CONTACT_WORDS.test(m[0]) ? 0.8 : 0.6;
      context.report({ start, end, messageId: "route", data: { text: text.slice(start, end) }, confidence, ...sentenceFix(text, start, end, PLATFORM_CHAT, { confidence }) });
    }
    for (const link of findLinks(context.views, text)) {
      if (!link.messenger) continue;
      const { start, end } = link;
      context.report({ start, end, messageId: "link", data: { app: link.messenger, appZh: appNameZh(link.messenger), text: text.slice(start, end) }, confidence: 0.9, ...removalFix(text, start, end, 0.9) });
    }
  },
  mayReport: ({ views }) =>
    mayMentionMessenger(views.folded) || views.folded.text.search(PROFILE_ROUTE_OFFER) >= 0 || mayHoldAddress(views.folded),
};

export default rule;
