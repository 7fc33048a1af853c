// no-im-contact: messaging apps offered as a contact route, under their names, abbreviations,
// homophones, code words and typographic disguises (research §2.1, §2.5-2.8); not app names as
// product features, payment methods, ordinary words, model codes or refusals (research §3).
import { describe, expect, test } from "vitest";
import rule from "../../rules/no-im-contact.js";
import { flagged, runRule } from "../helpers/run-rule.js";

const WARN = 0.5;
const ERROR = 0.75;

interface Ng {
  input: string;
  /** The exact original characters the finding covers (the app and its id when there is one). */
  match: string;
  /** `data.app`; omitted for "see my profile" routes. */
  app?: string;
  /** `error`: confidence >= 0.75; `warn`: at least 0.5. */
  level: "error" | "warn";
  /** Expected messageId, when the case is about it. */
  messageId?: "handle" | "disguised" | "route" | "link";
}

const ng: Ng[] = [
  // Real names with an id or number
  { input: "WhatsApp: +86 139 2211 4455", match: "WhatsApp: +86 139 2211 4455", app: "WhatsApp", level: "error" },
  { input: "WhatsApp me at 8613922114455", match: "WhatsApp me at 8613922114455", app: "WhatsApp", level: "error" },
  { input: "加我 WhatsApp 8613922114455", match: "WhatsApp 8613922114455", app: "WhatsApp", level: "error" },
  { input: "WeChat: lamp_lucy88", match: "WeChat: lamp_lucy88", app: "WeChat", level: "error", messageId: "handle" },
  { input: "add my wechat lamp_lucy88", match: "wechat lamp_lucy88", app: "WeChat", level: "error", messageId: "handle" },
  { input: "Add me on WeChat: lamp_lucy88", match: "WeChat: lamp_lucy88", app: "WeChat", level: "error" },
  { input: "Wechat ID: lamp-lucy-88", match: "Wechat ID: lamp-lucy-88", app: "WeChat", level: "error" },
  { input: "微信号 wxid_lamp88", match: "微信号 wxid_lamp88", app: "WeChat", level: "error" },
  { input: "微信 lamp_lucy88", match: "微信 lamp_lucy88", app: "WeChat", level: "error", messageId: "handle" },
  { input: "微信：lamp_lucy88", match: "微信：lamp_lucy88", app: "WeChat", level: "error" },
  { input: "QQ: 2851234567", match: "QQ: 2851234567", app: "QQ", level: "error", messageId: "handle" },
  { input: "QQ 2851234567", match: "QQ 2851234567", app: "QQ", level: "error" },
  { input: "Telegram: @lamp_lucy", match: "Telegram: @lamp_lucy", app: "Telegram", level: "error" },
  { input: "Telegram: lamp_lucy", match: "Telegram: lamp_lucy", app: "Telegram", level: "error" },
  { input: "Skype ID lamp.lucy88", match: "Skype ID lamp.lucy88", app: "Skype", level: "error" },
  { input: "skype: lamp.lucy88", match: "skype: lamp.lucy88", app: "Skype", level: "error" },
  { input: "LINE ID: lamp_lucy", match: "LINE ID: lamp_lucy", app: "LINE", level: "error" },
  { input: "LINE: @lamp_lucy", match: "LINE: @lamp_lucy", app: "LINE", level: "warn" },
  { input: "Viber +380 67 123 4567", match: "Viber +380 67 123 4567", app: "Viber", level: "error" },
  { input: "Viber: lamp_lucy88", match: "Viber: lamp_lucy88", app: "Viber", level: "error" },
  { input: "KakaoTalk ID: lamplucy88", match: "KakaoTalk ID: lamplucy88", app: "KakaoTalk", level: "error" },
  { input: "Kakao: lamp_lucy", match: "Kakao: lamp_lucy", app: "KakaoTalk", level: "error" },
  { input: "Zalo 0912345678", match: "Zalo 0912345678", app: "Zalo", level: "error" },
  { input: "Instagram @lamp_lucy88", match: "Instagram @lamp_lucy88", app: "Instagram", level: "error" },
  { input: "Instagram: lamp_lucy", match: "Instagram: lamp_lucy", app: "Instagram", level: "error" },
  { input: "ig: lamp_lucy88", match: "ig: lamp_lucy88", app: "Instagram", level: "warn" },
  { input: "Facebook: lamp.lucy.88", match: "Facebook: lamp.lucy.88", app: "Facebook", level: "error" },
  { input: "Snapchat: lamp_lucy", match: "Snapchat: lamp_lucy", app: "Snapchat", level: "error" },
  // WeChat homophones, initials and code words
  { input: "V信 lamp_lucy88", match: "V信 lamp_lucy88", app: "WeChat", level: "error", messageId: "disguised" },
  { input: "薇信：lamp_lucy88", match: "薇信：lamp_lucy88", app: "WeChat", level: "error", messageId: "disguised" },
  { input: "威信：lamp_lucy88", match: "威信：lamp_lucy88", app: "WeChat", level: "warn" },
  { input: "加威信 lamp_lucy88", match: "威信 lamp_lucy88", app: "WeChat", level: "error" },
  { input: "vx: lamp_lucy88", match: "vx: lamp_lucy88", app: "WeChat", level: "error", messageId: "disguised" },
  { input: "vx lamp_lucy88", match: "vx lamp_lucy88", app: "WeChat", level: "error" },
  { input: "wx：lamp_lucy88", match: "wx：lamp_lucy88", app: "WeChat", level: "error" },
  { input: "加V lamp_lucy88", match: "V lamp_lucy88", app: "WeChat", level: "error" },
  { input: "加V：lamp_lucy88", match: "V：lamp_lucy88", app: "WeChat", level: "error" },
  { input: "加我V 13922114455", match: "V 13922114455", app: "WeChat", level: "error" },
  { input: "➕V lamp_lucy88", match: "V lamp_lucy88", app: "WeChat", level: "error" },
  { input: "+v lamp_lucy88", match: "v lamp_lucy88", app: "WeChat", level: "error" },
  { input: "V: lamp_lucy88", match: "V: lamp_lucy88", app: "WeChat", level: "warn" },
  { input: "绿泡泡 lamp_lucy88", match: "绿泡泡 lamp_lucy88", app: "WeChat", level: "error" },
  { input: "加绿泡泡详聊", match: "绿泡泡", app: "WeChat", level: "error" },
  // QQ and Telegram code words
  { input: "扣扣 2851234567", match: "扣扣 2851234567", app: "QQ", level: "error", messageId: "disguised" },
  { input: "扣扣：2851234567", match: "扣扣：2851234567", app: "QQ", level: "error" },
  { input: "扣扣2851234567", match: "扣扣2851234567", app: "QQ", level: "error" },
  { input: "纸飞机 @lamp_lucy", match: "纸飞机 @lamp_lucy", app: "Telegram", level: "error", messageId: "disguised" },
  { input: "纸飞机：lamp_lucy", match: "纸飞机：lamp_lucy", app: "Telegram", level: "error" },
  { input: "飞机：@lamp_lucy", match: "飞机：@lamp_lucy", app: "Telegram", level: "warn" },
  { input: "tg: @lamp_lucy", match: "tg: @lamp_lucy", app: "Telegram", level: "warn" },
  // WhatsApp misspellings and abbreviations
  { input: "wsp +8613922114455", match: "wsp +8613922114455", app: "WhatsApp", level: "error", messageId: "disguised" },
  { input: "whatapp 8613922114455", match: "whatapp 8613922114455", app: "WhatsApp", level: "error", messageId: "disguised" },
  { input: "瓦次普 8613922114455", match: "瓦次普 8613922114455", app: "WhatsApp", level: "error" },
  { input: "ws号 8613922114455", match: "ws号 8613922114455", app: "WhatsApp", level: "error" },
  { input: "wa: 8613922114455", match: "wa: 8613922114455", app: "WhatsApp", level: "warn" },
  { input: "WA 8613922114455", match: "WA 8613922114455", app: "WhatsApp", level: "warn" },
  // Split letters, invisibles, homoglyphs, full-width
  { input: "w.h.a.t.s.a.p.p 8613922114455", match: "w.h.a.t.s.a.p.p 8613922114455", app: "WhatsApp", level: "error", messageId: "disguised" },
  { input: "W h a t s A p p 8613922114455", match: "W h a t s A p p 8613922114455", app: "WhatsApp", level: "error", messageId: "disguised" },
  { input: "What\u200BsApp: 8613922114455", match: "What\u200BsApp: 8613922114455", app: "WhatsApp", level: "error", messageId: "disguised" },
  { input: "Whаtsаpp: 8613922114455", match: "Whаtsаpp: 8613922114455", app: "WhatsApp", level: "error", messageId: "disguised" },
  { input: "ＷｈａｔｓＡｐｐ：8613922114455", match: "ＷｈａｔｓＡｐｐ：8613922114455", app: "WhatsApp", level: "error", messageId: "disguised" },
  { input: "微\u200B信 lamp_lucy88", match: "微\u200B信 lamp_lucy88", app: "WeChat", level: "error", messageId: "disguised" },
  { input: "w-e-c-h-a-t: lamp_lucy88", match: "w-e-c-h-a-t: lamp_lucy88", app: "WeChat", level: "error", messageId: "disguised" },
  { input: "Wеchat: lamp_lucy88", match: "Wеchat: lamp_lucy88", app: "WeChat", level: "error", messageId: "disguised" },
  // Same number on the app (微同号)
  { input: "微同号 13922114455", match: "微同号 13922114455", app: "WeChat", level: "error" },
  { input: "手机13922114455（微同号）", match: "微同号", app: "WeChat", level: "error" },
  { input: "电话13922114455微信同号", match: "微信同号", app: "WeChat", level: "error" },
  { input: "电话 13922114455 VX同号", match: "VX同号", app: "WeChat", level: "warn" },
  { input: "qq同号", match: "qq同号", app: "QQ", level: "error" },
  { input: "微信同号", match: "微信同号", app: "WeChat", level: "error" },
  { input: "WhatsApp same number", match: "WhatsApp same number", app: "WhatsApp", level: "error" },
  { input: "wechat same as phone", match: "wechat same as phone", app: "WeChat", level: "error" },
  // A contact verb and the app, no id
  { input: "加我微信详聊", match: "微信", app: "WeChat", level: "warn" },
  { input: "加微信", match: "微信", app: "WeChat", level: "warn" },
  { input: "加我 wechat", match: "wechat", app: "WeChat", level: "warn" },
  { input: "contact me on WhatsApp", match: "WhatsApp", app: "WhatsApp", level: "warn" },
  { input: "Message us on WhatsApp for wholesale", match: "WhatsApp", app: "WhatsApp", level: "warn" },
  // "See my profile/avatar" routes
  { input: "看我头像加我", match: "看我头像加我", level: "error", messageId: "route" },
  { input: "看主页加我", match: "看主页加我", level: "error", messageId: "route" },
  { input: "主页有联系方式", match: "主页有联系方式", level: "error", messageId: "route" },
  { input: "头像有V", match: "头像有V", level: "warn", messageId: "route" },
  { input: "不方便说，看我头像加我", match: "看我头像加我", level: "error", messageId: "route" },
  { input: "contact is in my profile", match: "contact is in my profile", level: "error", messageId: "route" },
  { input: "details in my profile", match: "details in my profile", level: "warn", messageId: "route" },
  { input: "WhatsApp number in my bio", match: "WhatsApp", app: "WhatsApp", level: "error" },
  { input: "check my avatar for WhatsApp", match: "WhatsApp", app: "WhatsApp", level: "error" },
  // Messenger links
  { input: "Scan wa.me/8613922114455", match: "wa.me/8613922114455", app: "WhatsApp", level: "error", messageId: "link" },
  { input: "t.me/lamp_lucy", match: "t.me/lamp_lucy", app: "Telegram", level: "error", messageId: "link" },
];

describe("no-im-contact: must flag", () => {
  test.each(ng)("$input", ({ input, match, app, level, messageId }) => {
    const hits = runRule(rule, input).filter((h) => h.confidence >= WARN);
    const hit = hits.find((h) => h.text === match && (app === undefined || h.data?.app === app));
    expect(hit, `got ${JSON.stringify(hits.map((h) => [h.text, h.data?.app, h.confidence]))}`).toBeDefined();
    if (level === "error") expect(hit!.confidence).toBeGreaterThanOrEqual(ERROR);
    if (messageId) expect(hit!.messageId).toBe(messageId);
  });

  test("apps listed together share the number", () => {
    const hits = flagged(rule, "WeChat/WhatsApp: 8613922114455");
    expect(hits).toContain("WhatsApp: 8613922114455");
    expect(hits.some((h) => h.startsWith("WeChat") && h.endsWith("8613922114455"))).toBe(true);
  });

  test("the disguised message names the alias as written", () => {
    const hit = runRule(rule, "V信 lamp_lucy88")[0]!;
    expect(hit.data).toMatchObject({ app: "WeChat", alias: "V信", text: "V信 lamp_lucy88" });
  });
});

const ok: string[] = [
  // App names as product features
  "Supports WhatsApp video calls",
  "Smartphone supports WhatsApp, WeChat, Facebook",
  "Features: WhatsApp, WeChat, Telegram, LINE, Viber, Skype notifications",
  "Pre-installed apps: WhatsApp, Facebook, Instagram",
  "Compatible with WeChat, QQ, Skype",
  "QQ music compatible",
  "Snapchat filters compatible camera",
  "Viber-compatible phone",
  "Skype for Business headset",
  "Skype certified headset",
  "telegram-style greeting card",
  "Instagram-worthy design",
  "Facebook Marketplace style",
  "Zalo-style sticker",
  // Payment methods
  "WeChat Pay accepted at checkout",
  "微信支付、支付宝均可",
  "支持微信支付",
  "Payment: WeChat Pay / Alipay",
  // 微/薇/威/卫 in ordinary words
  "微波炉 800W",
  "微型电机 12V",
  "微距镜头",
  "细微信号放大器",
  "威信县特产",
  "蔷薇花香",
  "卫星天线",
  "微商城",
  "微信小程序",
  // V, WX, VX, WA, TG, IG, LINE as other things
  "V-neck T-shirt",
  "V neck sweater",
  "V领连衣裙",
  "Model WX-200 connector",
  "VX-9 battery",
  "VX9 battery",
  "Wuxi (WX) factory",
  "Kent WA 98032",
  "Warehouse: Kent, WA 98032, USA",
  "WS2812B LED strip",
  "Tg glass transition 170°C",
  "TG 170 laminate",
  "IG 5000 insulated gloves",
  "Braided fishing line 300m",
  "PE line 8 strands",
  "Production line capacity 5000 pcs/day",
  "assembly line",
  "LINE Friends Brown bear plush",
  "Signal booster for 4G",
  // QQ/Telegram code words as products
  "企鹅毛绒玩具",
  "QQ糖 500g",
  // Profile words as products
  "头像框",
  "签名笔",
  "主页 banner",
  "avatar frame",
  "Please check the product detail page",
  "Type-C cable",
  "Bluetooth 5.0, Wi-Fi 6, 4G LTE",
  // Refusals
  "We can't share WhatsApp here, please use the platform chat",
  "Sorry, we cannot give our WeChat, please use the platform chat",
  "不能加微信，请在平台聊天",
  "平台规定不能留微信",
  "请勿索要微信，平台规定",
  "无法提供WhatsApp，请用平台聊天",
  "我们不加微信",
  "请不要加我微信",
  "No WhatsApp please, platform chat only",
  "For your safety we only talk through the platform messages, so we can't continue on WhatsApp.",
  "Sorry, we cannot move to Telegram; everything can be answered here.",
  // Product names and use cases that contain an app name or a code word
  "QQ糖 草莓味软糖 1kg 批发",
  "铜质四合扣 按扣 扣扣子 服装辅料",
  "工厂位于无锡（WX）新区，主营法兰",
  "Selfie ring light with phone holder for TikTok live streaming and Instagram reels",
  // Anti-scam notices and refusals in other wordings
  "为了您的资金安全，我们不会要求您加微信或LINE，请在平台下单。",
  "Aviso: nunca le pediremos que nos escriba por WhatsApp, todo se gestiona en la plataforma.",
];

describe("no-im-contact: must not flag", () => {
  test.each(ok)("%s", (input) => {
    expect(flagged(rule, input)).toEqual([]);
  });
});

describe("no-im-contact: the id a few words on, and profile routes with punctuation", () => {
  test.each([
    ["绿泡泡搜 teapot_amy88", "teapot_amy88"],
    ["WeChat 搜索 teapot_amy88", "teapot_amy88"],
    ["微信添加 teapot_amy88", "teapot_amy88"],
    ["要样品的话🐧：2911047736，备注公司名", "2911047736"],
  ])("%s", (input, id) => {
    expect(flagged(rule, input).some((t) => t.includes(id))).toBe(true);
  });

  test("看主页简介，有V: the route to the contact, with a comma before 有", () => {
    expect(flagged(rule, "更多款式看主页简介，有V").length).toBeGreaterThan(0);
  });

  test("a refusal to continue elsewhere does not cancel a real offer with a number", () => {
    expect(flagged(rule, "If you can't find us, go to WhatsApp +86 139 2211 4455").length).toBeGreaterThan(0);
  });
});
