// Messaging-app mentions and how strongly each one offers a contact route.
// Names, abbreviations, homophones and code words are data; a pinyin table catches 微信-like pairs that
// no list has yet. Scores follow Presidio's model: a base per alias strength, raised by an id or
// number after it, a contact verb or a "see my profile" route, lowered by product context.

import type { TextView } from "../../src/types.js";
import { CONTACT_WORDS, PLATFORM_CHANNEL, PRODUCT_CONTEXT, REFUSAL_CONTEXT, after, before } from "./context.js";
import { memo } from "./memo.js";
import { withoutPictographs } from "./triggers.js";
import { joinCjkWords } from "../../src/text/compact.js";
import { CJK_DIGITS } from "../../src/text/digits.js";
import { readsWei } from "./wei-readings.js";

/** name: the app's real name; disguise: a form nobody writes by accident; weak: an ordinary word too. */
export type AliasStrength = "name" | "disguise" | "weak";

interface Alias {
  app: string;
  pattern: string;
  strength: AliasStrength;
  /** Latin aliases need word boundaries; CJK ones don't. */
  latin: boolean;
}

function aliases(app: string, strength: AliasStrength, patterns: string[]): Alias[] {
  return patterns.map((pattern) => ({ app, pattern, strength, latin: /^[\\a-z(]/.test(pattern) }));
}

/** Aliases on the compact view (lower-case, simplified Chinese, separators inside words removed). */
export const ALIASES: Alias[] = [
  ...aliases("WhatsApp", "name", ["whats[\\s\\-_.*]?app", "what'?s\\s?app", "واتساب", "واتس\\s?اب", "ватсап", "вацап", "вотсап", "ватсапп"]),
  ...aliases("WhatsApp", "disguise", ["guasap", "wasap", "wassap", "whasap", "uatsap", "واتس", "whatapp", "whatsap(?!p)", "watsapp", "watsap", "wh@ts\\s?app", "whtsapp", "wsp", "瓦次普", "wa号", "ws号"]),
  ...aliases("WhatsApp", "weak", ["wa", "ws", "zap", "zapzap", "w/a"]),
  ...aliases("WeChat", "name", ["wechat", "we[\\s\\-_.*]?chat", "weixin", "微信", "微訊", "vchat"]),
  ...aliases("WeChat", "disguise", ["vx", "wx", "wei\\s?xin", "v信", "薇信", "嶶信", "徽信", "wxid_[a-z0-9_-]{3,}", "绿泡泡", "vx同号", "wx同号", "微同号", "薇同号", "v同号", "同微", "微同", "同v", "v同", "微❤", "微🌟"]),
  ...aliases("WeChat", "weak", ["威信", "维信", "唯信", "危信", "卫星号?", "微", "薇", "v", "🛰"]),
  ...aliases("QQ", "name", ["qq"]),
  ...aliases("QQ", "disguise", ["扣扣", "企鹅号", "q号", "🐧"]),
  ...aliases("QQ", "weak", ["企鹅"]),
  ...aliases("Telegram", "name", ["telegram", "телеграм\\p{L}*", "电报"]),
  ...aliases("Telegram", "disguise", ["te[l1]egrm", "te1egram", "纸飞机", "飞机号", "tg号", "tg群"]),
  ...aliases("Telegram", "weak", ["tg", "飞机", "✈", "телег\\p{L}*"]),
  ...aliases("Skype", "name", ["skype", "скайп"]),
  ...aliases("LINE", "name", ["line\\s?id", "line\\s?app", "line\\s?messenger", "ไลน์", "라인"]),
  ...aliases("LINE", "weak", ["line"]),
  ...aliases("Viber", "name", ["viber", "вайбер"]),
  ...aliases("Messenger", "name", ["messenger", "fb\\s?messenger"]),
  ...aliases("KakaoTalk", "name", ["kakao\\s?talk", "kakao", "카카오톡", "카톡"]),
  ...aliases("Zalo", "name", ["zalo"]),
  ...aliases("Zalo", "weak", ["zl"]),
  ...aliases("Facebook", "name", ["facebook", "脸书", "фейсбук", "فيسبوك"]),
  ...aliases("Facebook", "weak", ["fb"]),
  ...aliases("Instagram", "name", ["instagram", "insta", "инстаграм\\p{L}*", "انستغرام"]),
  ...aliases("Instagram", "weak", ["ig", "ins"]),
  ...aliases("TikTok", "name", ["tiktok", "抖音号"]),
  ...aliases("Xiaohongshu", "name", ["小红书号"]),
  ...aliases("Signal", "weak", ["signal"]),
  ...aliases("Snapchat", "name", ["snapchat", "سناب شات", "سناب", "снэпчат"]),
  ...aliases("Snapchat", "weak", ["snap"]),
  ...aliases("LinkedIn", "name", ["linkedin"]),
];

// Longest aliases first, so "vx同号" wins over "vx" at the same place. One capturing group per
// alias (alias patterns have none of their own): the group that matched says which alias it was.
const ALIAS_ORDER = ALIASES.map((_, i) => i).sort((a, b) => ALIASES[b]!.pattern.length - ALIASES[a]!.pattern.length);
const ALIAS_PATTERN = new RegExp(
  ALIAS_ORDER.map((i) => ALIASES[i]!)
    .map((a) => (a.latin ? `((?<![a-z0-9])(?:${a.pattern})(?![a-z]))` : `(${a.pattern})`))
    .join("|"),
  "gu",
);

/** "see my avatar / profile / bio" routes: the contact is one click away. */
const PROFILE_ROUTE =
  /(?:看|见|点|去|戳|在)(?:我的?|主页)?(?:头像|主页|签名|简介|个人资料|背景图?|置顶)|头像有|主页有|简介有|签名有|(?:profile|avatar|bio|profile (?:picture|photo|pic)|display picture)\b/u;

/** What may stand between an app name and the id: separators, "is", "me at", 号/是. */
const ID_AFTER =
  /^(?:[\u4e00-\u9fff]{1,5}[:：]|[\u4e00-\u9fff]{1,3}\s*(?=@))?[\s:：=＝\-–/|,，(（"'“]*(?:(?:is|me|us|at|on|al|a|en|no|na|au|по|на|id|no\.?|number|num|account|handle|号码?|账号|帐号|是|为|號|同号|搜索?|搜一下|查找|找|添加|加|아이디|ไอดี|айди|ник|número|numero|nomor|số)[\s:：=＝\-–,"'“]*){0,3}(@?[a-z0-9][a-z0-9_.\-:]{2,40}[a-z0-9]|\+?\d{5,16})/u;

/** An @handle a few words after the app name ("IG kita @shop.id") or before it ("DM @shop on IG"). */
const HANDLE_AFTER = /^[^@\n。.!?]{0,16}?(?<![a-z0-9])@[a-z0-9_](?:[a-z0-9_.]{1,28}[a-z0-9_])/u;
const HANDLE_BEFORE = /(?<![a-z0-9])@[a-z0-9_](?:[a-z0-9_.]{1,28}[a-z0-9_])\s+(?:on|at|in|via|di|en|no|na|sur|auf|в|на)?\s*$/u;

/** Same number on several apps: 微同号, "same number", "same as phone". */
const SAME_NUMBER = /^[\s:：/]*(?:同号|same (?:number|no\.?|as (?:phone|mobile|above))|same\b)/u;

/** Words that look like ids after an app name but are not. */
const NOT_AN_ID = /^(?:and|or|the|for|with|video|voice|calls?|app|apps|messages?|chat|group|official|page|account|business|web|pay|payment|support|supports|share|sharing|etc|plus)$/;

/** Code words that are also ordinary words (a paper plane, a green bubble): they need one signal. */
const REAL_WORDS = new Set(["纸飞机", "绿泡泡", "扣扣", "企鹅号", "飞机号", "q号", "tg群", "🐧", "电报"]);

/** 加V, 加我威信, ➕微: an add-sign before a short alias. */
const ADD_SIGN_BEFORE = /(?:加|➕|\+|＋|迦|嘉)(?:我|个|下|一下)?\s*$/u;

/** A contact verb after the mention: "our Facebook page … message us there". */
const CONTACT_AFTER = /\b(?:message|contact|dm|write to|chat with|reach|call|text|inbox|ping) (?:us|me)\b|私信|联系我|找我|加我/u;

/** Price and order words that make an app the ordering channel. */
const ORDER_CHANNEL =
  /\b(?:wholesale|bulk|price|prices|pricing|quote|quotation|order|orders|ordering|catalog(?:ue)?|price list|prix|commande[sz]?|precio|precios|pedido|pedidos|preço|atacado|harga|grosir|giá|sỉ|цена|цены|опт|заказ)\b|价格|报价|批发|下单|订货|拿货|底价|价/u;

/** A QR code that adds the seller on the app. */
const QR_ROUTE = /二维码|扫码|qr\s?code|\bqr\b|código qr|код/u;

/** Asking for the buyer's own contact: "leave your email and WhatsApp", 留下您的微信. */
const SOLICIT_BEFORE =
  /\b(?:leave|send|give|share|drop|tell|provide)\b(?:\s+(?:me|us))?\s+(?:your|ur)\b(?:\s+[\w-]+){0,3}?\s*(?:and|or|\/|,)?\s*$|留(?:下|个|一下)?(?:您|你)?的?\s*$|(?:您|你)的\s*$|dejan?(?:me)? su\s*$|deixe? (?:seu|o seu)\s*$|оставьте (?:ваш|свой)\s*$/u;

/** Paying with the app (微信支付, WeChat Pay) is a payment method, not a contact route. */
const PAYMENT_WORDS = "pay\\b|支付|转账|收款|付款|钱包|红包|wallet|transfer";
const PAYMENT_USE = new RegExp(`^[\\s]*(?:${PAYMENT_WORDS})`, "u");

/** Words that make 微/威/维 part of another word: 细微, 轻微, 威信县, 微型, 微波. */
const CJK_WORD_BEFORE_CHARS = "[细轻稍略显精式卑衰低知入]";
const CJK_WORDS_AFTER = "县|力|望|誉|名|度|型|波|米|距|笑|博|商|店|课|软|电|调|创|孔|量|观|粒|晶|风|雕|小|缩|动|服务";
/** A CJK alias whose first character also starts ordinary words (微型, 威信县, 维修). */
function isWeiWord(alias: Alias): boolean {
  return !alias.latin && /^[微薇威维唯危卫]/u.test(alias.pattern);
}
const CJK_WORD_BEFORE = new RegExp(`${CJK_WORD_BEFORE_CHARS}$`, "u");
const CJK_WORD_AFTER = new RegExp(`^(?:${CJK_WORDS_AFTER})`, "u");

/** Product nouns after a code word make it the product: 纸飞机模型, 企鹅毛绒玩具, 卫星天线. */
const PRODUCT_NOUNS = "模型|玩具|毛绒|公仔|玩偶|抱枕|摆件|天线|接收器?|锅|套装|拼图|贴纸|图案|造型|形状|款式|挂件|钥匙扣|灯|杯|积木|遥控|航模|飞行|起飞|票|场|餐|糖|果冻|子";
const PRODUCT_NOUN_AFTER = new RegExp(`^[\\s]*(?:${PRODUCT_NOUNS})`, "u");
const PRODUCT_WORDS = "折|玩具|儿童|遥控|模型|毛绒|航模|客|战斗|民航|大|小";
const PRODUCT_WORD_BEFORE = new RegExp(`(?:${PRODUCT_WORDS})$`, "u");

/**
 * The prefilter of the messenger detector: an alias as the compact view could show it. Right
 * boundaries let swappable letters through (the digit view may turn "wal38…" into "wa138…"), and
 * the text is also tried with pictographs and separators inside CJK words removed (微❤信, 微*信).
 * The scorer's own vetoes apply where the folded text already shows them (the compact view only
 * removes what stands between, so a veto seen here holds there): paying with the app, a product
 * noun after a code word, a word the character belongs to (微型, 细微).
 */
function aliasTriggerSource(a: Alias, vetoes = true): string {
  // "pay" ends a word only where nothing after it may become a word character in the compact
  // view (a CJK numeral turns into a digit, a pictograph vanishes).
  const payment = `(?!\\s*(?:${PAYMENT_WORDS.replace("pay\\b", `pay(?![\\w${Object.keys(CJK_DIGITS).join("")}\\p{Extended_Pictographic}])`)}))`;
  if (!a.latin) {
    if (!vetoes) return `(?:${a.pattern})`;
    const wordAfter = isWeiWord(a) ? `(?!${CJK_WORDS_AFTER})` : "";
    return `(?:${a.pattern})${wordAfter}(?!\\s*(?:${PRODUCT_NOUNS}))${payment}`;
  }
  // A V alone is WeChat only when "added" (加V, +v) or labelled (V: abc); pictographs between
  // vanish in the compact view.
  if (a.pattern === "v") return `(?:加|➕|\\+|＋)[\\s\\p{Extended_Pictographic}]*v|(?<![a-z0-9])v\\p{Extended_Pictographic}*[\\s:：]`;
  return `(?<![a-z0-9])(?:${a.pattern})(?![ac-hjkmnpqrtuvwxy])${vetoes ? payment : ""}`;
}

/**
 * Where an alias may stand: every alias in one pattern without the vetoes (V8 scans such an
 * alternation fast; with a lookahead on each alternative it tries them all at every position).
 * At each such place, each alias alone with its vetoes, sticky.
 */
const ALIAS_PLACE = new RegExp(ALIASES.map((a) => aliasTriggerSource(a, false)).join("|"), "gu");
const ALIAS_AT = ALIASES.map((a) => new RegExp(aliasTriggerSource(a), "uy"));

/** The scorer's vetoes that look back (kept out of the patterns: a lookbehind at the start of an
 * alternative is tried at every position of every field). */
function vetoedBefore(a: Alias, text: string, start: number): boolean {
  if (a.latin) return false;
  if (a.strength !== "name" && PRODUCT_WORD_BEFORE.test(text.slice(Math.max(0, start - 3), start))) return true;
  return isWeiWord(a) && CJK_WORD_BEFORE.test(text.slice(Math.max(0, start - 1), start));
}

function hasAlias(text: string): boolean {
  ALIAS_PLACE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ALIAS_PLACE.exec(text)) !== null) {
    const start = m.index;
    // Any alias at this place that no look-back veto stops will do.
    for (let k = 0; k < ALIASES.length; k++) {
      const at = ALIAS_AT[k]!;
      at.lastIndex = start;
      if (at.test(text) && !vetoedBefore(ALIASES[k]!, text, start)) return true;
    }
    ALIAS_PLACE.lastIndex = start + 1;
  }
  return false;
}

/** Whether `findMessengerMentions` could find anything in the compact view built on `view`. */
export function mayMentionMessenger(view: TextView): boolean {
  return memo(view, "messenger-trigger", () => {
    const text = view.text;
    if (hasAlias(text)) return true;
    const joined = joinCjkWords(withoutPictographs(text));
    if (joined !== text && hasAlias(joined)) return true;
    if (!joined.includes("信")) return false;
    for (const m of joined.matchAll(/([\u4e00-\u9fff])信/gu)) {
      const first = m[1]!;
      if (readsWei(first)) return true;
    }
    return false;
  });
}

/** App names as Chinese readers know them (messages name the app in the reader's language). */
export const APP_NAMES_ZH: Record<string, string> = {
  WeChat: "微信", Telegram: "Telegram（电报）", Facebook: "Facebook（脸书）", Instagram: "Instagram（INS）",
  TikTok: "TikTok/抖音", Xiaohongshu: "小红书", KakaoTalk: "KakaoTalk（卡考）", Snapchat: "Snapchat",
};

export function appNameZh(app: string): string {
  return APP_NAMES_ZH[app] ?? app;
}

export interface MessengerMention {
  start: number;
  end: number;
  app: string;
  strength: AliasStrength;
  /** Range in the view of the id or number that follows, if any. */
  idEnd?: number;
  confidence: number;
  signals: string[];
}

/** `phoneRanges`: view ranges of phone-number candidates, so "WhatsApp … 138…" and "138… 微同号" count as an id. */
export function findMessengerMentions(view: TextView, original: string, phoneRanges: Array<[number, number]> = []): MessengerMention[] {
  const text = view.text;
  const mentions: MessengerMention[] = [];
  for (const m of text.matchAll(ALIAS_PATTERN)) {
    let group = 1;
    while (m[group] === undefined) group++;
    const alias = ALIASES[ALIAS_ORDER[group - 1]!]!;
    const start = m.index!;
    const end = start + m[0].length;
    const mention = scoreMention(text, original, view, alias, start, end, phoneRanges);
    if (mention) mentions.push(mention);
  }
  mentions.push(...pinyinHomophones(text, mentions));
  return shareSignalsInLists(text, mentions);
}

function scoreMention(
  text: string,
  original: string,
  view: TextView,
  alias: Alias,
  start: number,
  end: number,
  phoneRanges: Array<[number, number]>,
): MessengerMention | undefined {
  const rest = text.slice(end);
  if (PAYMENT_USE.test(rest)) return undefined;
  if (alias.app === "QQ" && /^\s*(?:邮箱|邮件|mail|email|e-mail|\.com)/u.test(rest)) return undefined; // QQ邮箱: an e-mail
  if (alias.app === "QQ" && /^\s*(?:糖|软糖|弹|星|飞车|音乐|宠物|堂)/u.test(rest)) return undefined; // QQ糖: a candy
  if (alias.latin && alias.app === "WeChat" && /无锡\s*[（(]?\s*$/u.test(text.slice(Math.max(0, start - 4), start))) return undefined; // 无锡 (WX): the city
  const left = before(text, start, 40);
  const right = after(text, end, 60);
  const signals: string[] = [];

  let strength = alias.strength;
  if (!alias.latin && (PRODUCT_NOUN_AFTER.test(rest) || (strength !== "name" && PRODUCT_WORD_BEFORE.test(text.slice(Math.max(0, start - 3), start))))) {
    return undefined;
  }
  // 加V, ➕微, +薇, 加我威信: an add-sign before a short alias makes it a code, not a word.
  if (strength === "weak" && ADD_SIGN_BEFORE.test(text.slice(Math.max(0, start - 4), start))) {
    if (!alias.latin || !/^[a-z]/.test(rest) || alias.pattern === "v") strength = "disguise";
  }
  if (alias.latin && strength !== "name" && /^-?\d{1,6}(?!\d)/.test(rest)) return undefined; // WX-200, VX9: model numbers
  if (alias.latin && strength !== "name" && /^[a-z]/.test(rest)) return undefined;
  if (isWeiWord(alias)) {
    if (CJK_WORD_BEFORE.test(text.slice(0, start)) || CJK_WORD_AFTER.test(rest)) return undefined;
  }
  if (alias.pattern === "v" && !/(?:加|➕|\+|＋)\s*$/u.test(text.slice(Math.max(0, start - 2), start)) && !/^[\s:：]/u.test(rest)) {
    return undefined; // V-neck, V领: a V alone is only WeChat when "added" or labelled
  }

  // Latin codes (vx, wx, wsp) also appear as abbreviations of other things: they need one signal.
  const addedAsContact = ADD_SIGN_BEFORE.test(text.slice(Math.max(0, start - 4), start));
  const sameNumber = alias.pattern.includes("同");
  const needsSignal = !sameNumber && (alias.latin || (REAL_WORDS.has(alias.pattern) && !addedAsContact));
  let confidence = strength === "name" ? 0.3 : strength === "disguise" ? (needsSignal ? 0.4 : 0.5) : 0.1;

  let idEnd: number | undefined;
  const id = ID_AFTER.exec(rest);
  if (alias.pattern.startsWith("wxid")) {
    idEnd = end; // the WeChat internal id is itself the handle
    confidence += 0.45;
    signals.push("id");
  } else if (id && isId(id[1]!, strength, id[0], alias.latin)) {
    idEnd = end + id[0].length;
    // "TG: @abc_1", "IG: @shop": a short alias used as a label is as clear as the full name.
    confidence += strength === "weak" && /^\s*[:：]/u.test(id[0]) ? 0.65 : 0.45;
    signals.push("id");
  } else if (HANDLE_AFTER.test(rest)) {
    idEnd = end + HANDLE_AFTER.exec(rest)![0].length;
    confidence += 0.45;
    signals.push("handle");
  } else if (HANDLE_BEFORE.test(text.slice(Math.max(0, start - 30), start))) {
    confidence += 0.45;
    signals.push("handle-before");
  } else if (SAME_NUMBER.test(rest)) {
    idEnd = end + SAME_NUMBER.exec(rest)![0].length;
    confidence += 0.45;
    signals.push("same-number");
  } else if (phoneRanges.some(([ps]) => ps >= end && ps - end <= 12)) {
    // "WA aja kak 0812…": the number right after the app name is its id.
    confidence += 0.45;
    signals.push("number-after");
  } else if (phoneRanges.some(([ps, pe]) => (ps >= end && ps - end <= 25) || (pe <= start && start - pe <= 25 && /同|same/u.test(alias.pattern + rest.slice(0, 4))))) {
    confidence += 0.35;
    signals.push("number-nearby");
  }
  if (CONTACT_WORDS.test(left) || /^\s*(?:me|us)\b/u.test(rest) || CONTACT_AFTER.test(right)) {
    confidence += 0.3;
    signals.push("contact-verb");
  }
  if (SOLICIT_BEFORE.test(left.slice(-40))) {
    // "please leave your WhatsApp": asking for the buyer's contact moves the talk off-platform too.
    confidence += 0.4;
    signals.push("solicits-contact");
  }
  if (PROFILE_ROUTE.test(left) || PROFILE_ROUTE.test(right)) {
    // "my WhatsApp is in my bio": the contact is one tap away, as good as an id.
    confidence += 0.45;
    signals.push("profile-route");
  }
  const [os, oe] = view.toOriginal(start, idEnd ?? end);
  if (isDisguisedInOriginal(original.slice(os, oe))) {
    confidence += 0.2;
    signals.push("obfuscated");
  }
  if (PRODUCT_CONTEXT.test(left) || PRODUCT_CONTEXT.test(right.slice(0, 25))) {
    confidence -= 0.5;
    signals.push("product-context");
  }
  if (ORDER_CHANNEL.test(left.slice(-30)) || ORDER_CHANNEL.test(right.slice(0, 30))) {
    // "Prix de gros sur WhatsApp", "wholesale price via WhatsApp", "下单加微信": the app is the order channel.
    confidence += 0.25;
    signals.push("order-channel");
  }
  if (QR_ROUTE.test(left.slice(-20)) || QR_ROUTE.test(right.slice(0, 12))) {
    // "个人微信二维码", "WeChat QR code": a code that adds the seller is a contact route.
    confidence += 0.35;
    signals.push("qr-route");
  }
  const sentenceBefore = before(text, start, 120);
  if (REFUSAL_CONTEXT.test(sentenceBefore) || REFUSAL_CONTEXT.test(right.slice(0, 30))) {
    confidence -= 0.7;
    signals.push("refusal");
  } else if (!idEnd && !signals.includes("handle-before") && (PLATFORM_CHANNEL.test(left) || PLATFORM_CHANNEL.test(right))) {
    // "please contact us in the platform chat" keeps the buyer here; a handle given anyway does not.
    confidence -= 0.5;
    signals.push("platform-channel");
  }
  return { start, end, app: alias.app, strength, idEnd, confidence: Math.max(0, Math.min(1, confidence)), signals };
}

function isId(token: string, strength: AliasStrength, whole: string, latin = true): boolean {
  if (NOT_AN_ID.test(token)) return false;
  if (/^\+?\d+$/.test(token)) return token.replace("+", "").length >= (strength === "weak" ? 7 : 5);
  // After an ordinary Latin word (line, tg, ig) only a labelled id counts: "LINE ID: abc_1", not
  // "line 2000BPH". After a Chinese word-alias (威信) a handle-shaped id (letters with digits or _) does.
  if (strength === "weak" && latin) return /\bid\b|号/u.test(whole) || (/[:：@]/u.test(whole) && /[\d_@]/.test(token));
  if (strength === "weak") return /[:：@]|号/u.test(whole) || (/[a-z]/.test(token) && /[\d_]/.test(token));
  if (/\d|_/.test(token) || token.startsWith("@")) return true;
  // A plain word counts as an id only after an explicit label mark ("WeChat: lucytrade").
  return /[:：]/.test(whole) && token.length >= 4;
}

/** Zero-width characters, full-width or styled letters, letters split by separators, homoglyphs. */
function isDisguisedInOriginal(original: string): boolean {
  return /\p{Extended_Pictographic}|[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]|[\uff01-\uff5e]|[\u0400-\u04ff\u0370-\u03ff](?=.*[a-z])|[a-z][\s.\-_*]{1,2}[a-z][\s.\-_*]{1,2}[a-z]|[\u{1d400}-\u{1d7ff}\u24b6-\u24e9\u249c-\u24b5]/iu.test(
    original,
  );
}

/** X信 pairs that read "wei xin" (威信, 维信, 唯信 …) but no list has: pinyin says what they sound like. */
function pinyinHomophones(text: string, known: MessengerMention[]): MessengerMention[] {
  const out: MessengerMention[] = [];
  for (const m of text.matchAll(/([\u4e00-\u9fff])信/gu)) {
    const start = m.index!;
    if (known.some((k) => k.start <= start && k.end > start)) continue;
    const first = m[1]!;
    if (first === "微") continue;
    if (!readsWei(first)) continue;
    const rest = text.slice(start + 2);
    if (CJK_WORD_BEFORE.test(text.slice(0, start)) || CJK_WORD_AFTER.test(rest)) continue;
    const id = ID_AFTER.exec(rest);
    const verb = CONTACT_WORDS.test(before(text, start, 15));
    if (!id && !verb) continue;
    const idEnd = id && isId(id[1]!, "disguise", id[0]) ? start + 2 + id[0].length : undefined;
    out.push({
      start,
      end: start + 2,
      app: "WeChat",
      strength: "disguise",
      idEnd,
      confidence: 0.5 + (idEnd ? 0.45 : 0) + (verb ? 0.3 : 0),
      signals: ["homophone"],
    });
  }
  return out;
}

/** "WhatsApp/WeChat: 138…", "V信/WhatsApp": apps listed together share the id and the verb. */
function shareSignalsInLists(text: string, mentions: MessengerMention[]): MessengerMention[] {
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && /^\s*(?:\/|、|,|，|&|\+|or|and|或|和|及)\s*$/u.test(text.slice(sorted[j]!.end, sorted[j + 1]!.start))) j++;
    if (j === i) continue;
    const group = sorted.slice(i, j + 1);
    const best = Math.max(...group.map((g) => g.confidence));
    const idEnd = group.map((g) => g.idEnd).find((e) => e !== undefined);
    for (const g of group) {
      if (g.signals.includes("product-context") || g.signals.includes("refusal")) continue;
      g.confidence = Math.max(g.confidence, Math.min(1, best));
      g.idEnd ??= idEnd;
    }
    i = j;
  }
  return sorted;
}
