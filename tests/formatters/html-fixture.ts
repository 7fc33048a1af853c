// A realistic run for the html formatter tests: CSV rows with CJK text and ids, an XLSX cell,
// text found in an image (OCR, QR), a reply template, a fatal file, a clean file, and user text
// that tries to be markup (`<script>`, quotes, `&`).
import { builtinRules } from "../../rules/index.js";
import type { FormatterContext } from "../../src/formatters/index.js";
import { estimateMessage } from "../../src/penalties/compute.js";
import { getProfile } from "../../src/penalties/profiles.js";
import type { Category, LintMessage, LintResult, Locale } from "../../src/types.js";
import { result } from "../penalties/helpers.js";

export const CWD = "/w";
export const SCRIPT_MATCH = `<script>alert("x&y")</script>`;

export function htmlContext(locale: Locale = "en", extra: Partial<FormatterContext> = {}): FormatterContext {
  return {
    cwd: CWD,
    locale,
    color: false,
    platform: getProfile("alibaba"),
    rulesMeta: Object.fromEntries(Object.entries(builtinRules).map(([id, rule]) => [id, rule.meta])),
    ...extra,
  };
}

function m(
  ruleId: string,
  category: Category,
  severity: 1 | 2,
  locale: Locale,
  extra: Partial<LintMessage> & Pick<LintMessage, "message" | "line" | "column">,
): LintMessage {
  const rule = builtinRules[ruleId];
  return {
    ruleId,
    severity,
    category,
    docsUrl: rule?.meta.docs.url,
    suggestion: rule?.meta.docs.fix[locale],
    penalty: estimateMessage(getProfile("alibaba"), category, severity, locale),
    ...extra,
  };
}

/** Messages arrive localised: `zh` picks the Chinese wording, as `--locale zh-CN` would. */
export function sampleResults(locale: Locale = "en"): LintResult[] {
  const zh = locale === "zh-CN";
  return [
    result(`${CWD}/exports/listings.csv`, [
      m("no-im-contact", "im", 2, locale, {
        message: zh ? "提供微信号作为联系方式：“V信: lamp_88”" : 'WeChat handle offered as a contact route: "V信: lamp_88"',
        line: 12,
        column: 41,
        endLine: 12,
        endColumn: 51,
        record: { index: 10, id: "SKU-1042" },
        field: "description",
        match: "V信: lamp_88",
        confidence: 0.95,
      }),
      m("no-phone-number", "phone", 1, locale, {
        message: zh ? "电话号码：“一三八 0013 8000”" : 'Phone number written in words: "一三八 0013 8000"',
        line: 12,
        column: 70,
        endLine: 12,
        endColumn: 83,
        record: { index: 10, id: "SKU-1042" },
        field: "description",
        match: "一三八 0013 8000",
      }),
      m("no-offline-deal", "offline-deal", 2, locale, {
        message: zh ? "引导买家线下交易：“私聊优惠”" : 'Steers the deal off-platform: "私聊优惠"',
        line: 12,
        column: 18,
        endLine: 12,
        endColumn: 22,
        record: { index: 10, id: "SKU-1042" },
        field: "title",
        match: "私聊优惠",
      }),
      m("no-external-link", "link", 2, locale, {
        message: zh ? `外部链接：“${SCRIPT_MATCH}”` : `External link: "${SCRIPT_MATCH}"`,
        line: 15,
        column: 9,
        endLine: 15,
        endColumn: 38,
        record: { index: 13 },
        field: "detail_html",
        match: SCRIPT_MATCH,
      }),
      m("no-email", "email", 1, locale, {
        message: zh ? "电子邮箱地址：“sales [at] abc [dot] com” & 'quotes'" : `Email address spelled out: "sales [at] abc [dot] com" & 'quotes'`,
        line: 16,
        column: 3,
        record: { index: 14, id: "SKU-1046" },
        field: "after_sales",
        match: "sales [at] abc [dot] com",
      }),
    ]),
    result(`${CWD}/exports/catalogue.xlsx`, [
      m("no-offsite-payment", "payment", 2, locale, {
        message: zh ? "私人账户收款：“支付宝转账 138****8000”" : 'Private payment outside the platform: "支付宝转账 138****8000"',
        line: 12,
        column: 3,
        record: { index: 10, id: "A-77" },
        field: "描述",
        match: "支付宝转账 138****8000",
        cell: "商品!C12",
      }),
    ]),
    result(`${CWD}/images/sku-1.jpg`, [
      m("no-image-contact", "watermark", 2, locale, {
        message: zh ? "图片上的文字含联系方式：“WhatsApp +86 138 0013 8000”" : 'Contact details drawn on the image: "WhatsApp +86 138 0013 8000"',
        line: 1,
        column: 1,
        record: { index: 0 },
        field: "ocr",
        match: "WhatsApp +86 138 0013 8000",
        origin: "ocr",
      }),
      m("no-qr-code", "qr", 2, locale, {
        message: zh ? "图片中的二维码：“https://u.wechat.com/abc”" : 'QR code in the image: "https://u.wechat.com/abc"',
        line: 1,
        column: 1,
        record: { index: 0 },
        field: "qr",
        match: "https://u.wechat.com/abc",
        origin: "qr",
      }),
    ]),
    result(`${CWD}/templates/reply.txt`, [
      m("no-im-contact", "im", 1, locale, {
        message: zh ? "提供 WhatsApp 作为联系方式：“w\u200bh\u200ba\u200bt\u200bs\u200ba\u200bp\u200bp”" : 'WhatsApp offered as a contact route: "w\u200bh\u200ba\u200bt\u200bs\u200ba\u200bp\u200bp"',
        line: 3,
        column: 5,
        record: { index: 0 },
        field: "text",
        match: "w\u200bh\u200ba\u200bt\u200bs\u200ba\u200bp\u200bp",
      }),
    ]),
    result(`${CWD}/exports/broken.json`, [
      { ruleId: null, fatal: true, severity: 2, message: "Unexpected end of JSON input", line: 4, column: 2 },
    ]),
    result(`${CWD}/exports/clean.csv`, []),
  ];
}
