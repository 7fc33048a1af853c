// no-phone-number: phone numbers offered as a contact route, in any notation.
import type { Bilingual, Rule } from "../src/types.js";
import type { CountryCode } from "libphonenumber-js/max";
import { findPhoneCandidates } from "./utils/phones.js";
import { findLinks } from "./utils/links.js";
import { bi, docsUrl } from "./utils/meta.js";
import { isImageText } from "./utils/context.js";
import { hasNumeralRun } from "./utils/triggers.js";
import { removalFix } from "../src/text/fixes.js";

const rule: Rule = {
  meta: {
    id: "no-phone-number",
    category: "phone",
    defaultSeverity: "error",
    description: bi(
      "Phone numbers meant as a contact route, also written in Chinese or circled numerals, full-width or split digits",
      "作为联系方式的电话号码，包括中文数字、圈码、全角或被拆分的数字",
    ),
    docs: {
      url: docsUrl("no-phone-number"),
      why: bi(
        "Platforms treat a phone number in a listing or chat as diverting the buyer off-platform (Alibaba.com: communication-tool diversion, points deducted; TikTok Shop: Redirecting Traffic; Amazon, eBay, Shopee, Lazada forbid contact details). Disguised digits are read by their AI review.",
        "平台把商品信息或聊天中的电话号码视为站外引导（阿里国际站：通讯工具引流，扣分；TikTok Shop：Redirecting Traffic；Amazon、eBay、Shopee、Lazada 均禁止联系方式）。变形数字同样会被 AI 审核识别。",
      ),
      fix: bi(
        "Remove the number. Keep the conversation in the platform chat; exchange contact details only through the platform's business-card feature or after an order, where the platform allows it.",
        "删除号码。沟通留在平台聊天中；如需交换联系方式，请使用平台的「名片交换」功能，或在下单后按平台规则提供必要信息。",
      ),
    },
    messages: {
      phone: bi('Phone number offered as a contact: "{text}" ({number})', "出现电话号码：「{text}」（{number}）"),
      disguised: bi(
        'Phone number written to dodge filters ({disguise}): "{text}" ({number})',
        "变形书写的电话号码（{disguiseZh}）：「{text}」（{number}）",
      ),
    },
    schema: {
      type: "object",
      properties: {
        defaultCountry: { type: "string", description: "Country for numbers without a country code (default CN)" },
      },
      additionalProperties: false,
    },
    fixable: "code",
    hasSuggestions: true,
  },
  check(context) {
    if (isImageText(context.field)) return; // no-image-contact reports contacts read from images
    const view = context.views.compact;
    const country = (context.options.defaultCountry as CountryCode | undefined) ?? "CN";
    // A number inside a link (wa.me/8613…) is part of that link: the link and messenger rules report it.
    const candidates = findPhoneCandidates(view, country, context.field.text);
    if (candidates.length === 0) return;
    const links = findLinks(context.views, context.field.text);
    for (const candidate of candidates) {
      let [start, end] = view.toOriginal(candidate.start, candidate.end);
      if (links.some((l) => l.start <= start && end <= l.end)) continue;
      // "(21) 99876-5432": the area code's opening bracket belongs to the number.
      if (/[(（]$/.test(context.field.text.slice(0, start)) && /[)）]/.test(context.field.text.slice(start, end))) start -= 1;
      const original = context.field.text.slice(start, end);
      const disguise = describeDigitDisguise(original);
      // Digits written in words or numerals are written that way on purpose.
      const confidence = Math.min(1, candidate.confidence + (disguise ? (/\p{L}/u.test(original) ? 0.3 : 0.2) : 0));
      context.report({
        start,
        end,
        messageId: disguise ? "disguised" : "phone",
        data: { text: original, number: candidate.e164, disguise: disguise?.en ?? "", disguiseZh: disguise?.["zh-CN"] ?? "" },
        confidence,
        ...removalFix(context.field.text, start, end, confidence),
      });
    }
  },
  // A phone number needs seven digits in a row once the digit and compact views have read them.
  mayReport: (ctx) => hasNumeralRun(ctx.views.folded, 7),
};

/** Names the notation a number was written in when it is not plain digits. */
export function describeDigitDisguise(original: string): Bilingual | undefined {
  if (/[零〇○一二三四五六七八九幺两]/.test(original)) return bi("Chinese numerals", "中文数字");
  if (/[壹贰貳叁參肆伍陆陸柒捌玖]/.test(original)) return bi("financial numerals", "大写数字");
  if (/[\u2460-\u24ff\u2776-\u2793\u3251-\u32bf]/.test(original)) return bi("circled digits", "圈码数字");
  if (/[０-９]/.test(original)) return bi("full-width digits", "全角数字");
  if (/\u20e3/.test(original)) return bi("emoji keycaps", "表情数字");
  if (/[\u200b-\u200f\u2060-\u2064\ufeff]/.test(original)) return bi("invisible characters between digits", "数字间夹隐藏字符");
  if (/\d[lIoOSZB]|[lIoOSZB]\d/.test(original)) return bi("letters for digits", "字母代替数字");
  if (/[\u0660-\u0669\u06f0-\u06f9\u0e50-\u0e59\u0966-\u096f]/u.test(original)) return bi("non-Latin digits", "非阿拉伯数字");
  if (/\p{L}/u.test(original)) return bi("digits written as words", "数字写成文字");
  return undefined;
}

export default rule;
