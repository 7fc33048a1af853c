// no-email: e-mail addresses, also spelled out (sales [at] abc [dot] com, abc艾特163点com) or split.
import type { Rule } from "../src/types.js";
import { findEmailCandidates } from "./utils/emails.js";
import { bi, docsUrl } from "./utils/meta.js";
import { isImageText } from "./utils/context.js";
import { mayHoldAddress } from "./utils/triggers.js";
import { removalFix } from "../src/text/fixes.js";

const rule: Rule = {
  meta: {
    id: "no-email",
    category: "email",
    defaultSeverity: "error",
    description: bi(
      "E-mail addresses, also spelled out or split to dodge filters ([at], (dot), 艾特, # for @, spaced letters)",
      "电子邮箱地址，包括拆写或变形的写法（[at]、(dot)、艾特、用 # 代替 @、字母间加空格）",
    ),
    docs: {
      url: docsUrl("no-email"),
      why: bi(
        "An e-mail address moves the conversation off the platform. Alibaba.com names e-mail among the communication tools whose use for diversion costs points; Amazon forbids direct e-mail addresses in listings and messages; eBay treats them as contact information.",
        "邮箱会把沟通带离平台。阿里国际站把邮箱列为站外引流的通讯工具之一（扣分）；Amazon 禁止在商品页和消息中出现邮箱；eBay 视其为联系方式。",
      ),
      fix: bi(
        "Remove the address; send files through the platform chat or attach them to the quotation/order.",
        "删除邮箱；文件请通过平台聊天发送，或附在报价单/订单中。",
      ),
    },
    messages: {
      email: bi('E-mail address: "{text}"', "出现邮箱地址：「{text}」"),
      disguised: bi('E-mail address spelled out to dodge filters: "{text}" ({address})', "拆写以躲避审核的邮箱：「{text}」（{address}）"),
    },
    schema: { type: "object", properties: {}, additionalProperties: false },
    fixable: "code",
    hasSuggestions: true,
  },
  check(context) {
    if (isImageText(context.field)) return; // no-image-contact reports contacts read from images
    const view = context.views.compact;
    for (const email of findEmailCandidates(view)) {
      const [start, end] = view.toOriginal(email.start, email.end);
      const original = context.field.text.slice(start, end);
      const disguised = original.toLowerCase() !== email.address;
      context.report({
        start,
        end,
        messageId: disguised ? "disguised" : "email",
        data: { text: original, address: email.address },
        confidence: 0.95,
        ...removalFix(context.field.text, start, end, 0.95),
      });
    }
  },
  mayReport: ({ views }) => mayHoldAddress(views.folded),
};

export default rule;
