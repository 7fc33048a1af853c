// no-image-contact: contact details in images. Fields read from image files (metadata, OCR of the
// drawn-on text) are checked by the contact rules' own detectors and reported here, once, as image
// contacts; in text sources, a caption or alt text that describes a contact watermark is a weak
// signal (strict only).
import type { Finding, Rule, RuleContext } from "../src/types.js";
import { isImageText } from "./utils/context.js";
import email from "./no-email.js";
import externalLink from "./no-external-link.js";
import imContact from "./no-im-contact.js";
import phoneNumber from "./no-phone-number.js";
import { findPhoneCandidates } from "./utils/phones.js";
import { findEmailCandidates } from "./utils/emails.js";
import { findLinks } from "./utils/links.js";
import { findMessengerMentions } from "./utils/messengers.js";
import { bi, docsUrl } from "./utils/meta.js";

/** "no watermark", "无水印": the text says the image is clean. */
const NEGATED = /(?:\bno|\bwithout|\bfree of|\bremove[ds]?|无|没有|不带|去)\s*$/u;

/** Words that say the text describes something drawn on an image. */
const WATERMARK_SOURCE = "watermark|water mark|水印|logo on (?:the )?(?:photo|image|picture)|printed on (?:the )?(?:photo|image|picture)|on the (?:photo|image|picture)|图片上|图上|主图上|图中";
const WATERMARK_WORDS = new RegExp(WATERMARK_SOURCE, "gu");
const WATERMARK_WORD = new RegExp(WATERMARK_SOURCE, "u");

const rule: Rule = {
  meta: {
    id: "no-image-contact",
    category: "watermark",
    defaultSeverity: "error",
    description: bi(
      "Contact details or links in images: watermarks, text drawn on the photo, image metadata",
      "图片中的联系方式或链接：水印、图上文字、图片元数据",
    ),
    docs: {
      url: docsUrl("no-image-contact"),
      why: bi(
        "Alibaba.com counts contact details hidden in product images and detail pages as diversion; TikTok Shop sellers were banned for WhatsApp numbers watermarked on photos; Amazon forbids watermarks and contact details in images; platforms review images with OCR.",
        "阿里国际站把藏在商品图片和详情页中的联系方式视为站外引导；TikTok Shop 有卖家因在图片上打 WhatsApp 号码水印被封；Amazon 禁止图片中出现水印和联系方式；平台用 OCR 审核图片。",
      ),
      fix: bi(
        "Re-export the image without the watermark or drawn-on contact, and clear the metadata fields (Artist, Copyright, Description) of contact details.",
        "重新导出不带水印或联系方式的图片，并清除元数据（作者、版权、描述）中的联系方式。",
      ),
    },
    messages: {
      watermark: bi('Image carries a contact watermark: "{text}"', "图片带有联系方式水印：「{text}」"),
      drawnContact: bi('Contact detail drawn on the image (read by OCR): "{text}"', "图片上印有联系方式（OCR 识别）：「{text}」"),
      metadataContact: bi('Contact detail in the image metadata: "{text}"', "图片元数据中有联系方式：「{text}」"),
    },
    schema: { type: "object", properties: {}, additionalProperties: false },
  },
  // Text that does not describe an image has nothing for this rule.
  mayReport: ({ field, views }) => isImageText(field) || WATERMARK_WORD.test(views.folded.text),
  check(context) {
    if (isImageText(context.field)) return reportImageContacts(context);
    const folded = context.views.folded;
    const marks = [...folded.text.matchAll(WATERMARK_WORDS)].filter((m) => !NEGATED.test(folded.text.slice(Math.max(0, m.index! - 12), m.index!)));
    if (marks.length === 0) return;
    const view = context.views.compact;
    const text = context.field.text;
    const inView = (c: { start: number; end: number }): [number, number] => view.toOriginal(c.start, c.end);
    const contacts: Array<[number, number]> = [
      ...findPhoneCandidates(view, "CN", text).filter((p) => p.confidence >= 0.3).map(inView),
      ...findEmailCandidates(view).map(inView),
      ...findLinks(context.views, text).map((l): [number, number] => [l.start, l.end]),
      ...findMessengerMentions(view, text)
        .filter((m) => m.confidence >= 0.3)
        .map((m) => view.toOriginal(m.start, m.idEnd ?? m.end)),
    ];
    for (const mark of marks) {
      const [start, end] = folded.toOriginal(mark.index!, mark.index! + mark[0].length);
      // The contacts the watermark sentence describes: those within a short distance of the word.
      const near = contacts.filter(([s, e]) => s < end + 60 && e > start - 60);
      if (near.length === 0) continue;
      const from = Math.min(start, ...near.map(([s]) => s));
      const to = Math.max(end, ...near.map(([, e]) => e));
      // Text can only describe an image: the contact itself is already reported by the contact rules,
      // so the description alone is a weak signal, reported with `extends: strict`. Contacts read
      // from image files themselves (metadata, OCR) are this rule's strong case.
      context.report({ start: from, end: to, messageId: "watermark", data: { text: text.slice(from, to) }, confidence: 0.4 });
    }
  },
};

/** The contact rules whose detectors run on text read from images. */
const CONTACT_RULES = [phoneNumber, email, externalLink, imContact];

function reportImageContacts(context: RuleContext): void {
  const { field } = context;
  const messageId = field.origin === "ocr" ? "drawnContact" : "metadataContact";
  for (const contactRule of CONTACT_RULES) {
    const found: Finding[] = [];
    // The same detectors as on listing text; the field is handed over as plain text so the rule
    // does not defer back to this one.
    contactRule.check({ ...context, field: { name: field.name, text: field.text }, options: {}, report: (f) => found.push(f) });
    for (const f of found) {
      context.report({ start: f.start, end: f.end, messageId, data: { text: field.text.slice(f.start, f.end), field: field.name }, confidence: f.confidence });
    }
  }
}

export default rule;
