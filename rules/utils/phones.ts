// Phone-number candidates on the compact digit view (numerals in any notation are digits there,
// separators between digits are gone), validated with libphonenumber-js and scored by context.

import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import type { TextView } from "../../src/types.js";
import { after, before } from "./context.js";
import { memo } from "./memo.js";

export interface PhoneCandidate {
  /** Range in the view. */
  start: number;
  end: number;
  /** E.164 form. */
  e164: string;
  country?: string;
  confidence: number;
  /** Why the score is what it is (for messages and debugging). */
  reasons: string[];
}

const DIGIT_RUN = /(?:\+|(?<![\d]))\d{7,16}(?!\d)/g;

/** Labels right before a number that say it is a phone or messenger number. */
const PHONE_LABEL =
  /(?:\b(?:tel|phone|mobile|mob|cell|call|text|sms|whats[\s\-_.]?app|wsp|wa|viber|telegram|tg|signal|line|wechat|weixin|wx|vx|v|contact|hotline|number|zap|zalo|zl|sms|sđt|hp|telp|telefon|llama|ligue)\b|電話|电话|手机|联系|热线|座机|微信|微|薇|号码|同号|致电|来电|拨打|📞|☎|📱|número|numero|teléfono|telefone|celular|móvil|номер|телефон|тел\b|звоните|واتساب|هاتف|رقم|điện thoại|sđt|โทร|เบอร์)/gu;

/** Labels that make a long digit run an id of something else (HS code, part number, order...). */
const NOT_PHONE_LABEL =
  /(?:\b(?:order|part|oe|oem|serial|tracking|model|item|article|invoice|batch|lot|ref(?:erence)?|catalog(?:ue)?|product|style|po|shipment|container|account|card|id|registration|license|licence|certificate|report|test|waybill|awb|parcel|package|consignment|bill of lading|b\/l|booking|customs|declaration|transaction|payment)\s*(?:no\.?|number|num|#|code|id)|\btakip|kargo takip|sipariş no|pedido\s*(?:n[º°o]\.?|#|:)|rastreo|rastreamento|seguimiento|\bsuivi|commande\s*(?:n[º°o]\.?|#)|отслежив|номер заказа|заказ\s*№|\bresi\b|vận đơn|mã đơn|\bqq\b|🐧|扣扣|企鹅|q号|\bhs\b|\bhts\b|hs ?code|tariff|customs|海关|税号|编码|编号|料号|物料|型号|货号|\bean\b|\bupc\b|\bgtin\b|\bisbn\b|barcode|条码|\bsku\b|\bspu\b|\bmodel\b|\bpart\b|p\/n|\bpn\b|\boe\b|\boem\b|\bref\b|reference|\bserial\b|s\/n|\bsn\b|\bimei\b|\bbatch\b|\blot\b|\border\b|订单|单号|运单|快递|tracking|waybill|invoice|发票|\biso\b|\biec\b|\bgb\b|\bgb\/t\b|\ben\b|\bastm\b|\bul\b|\bdin\b|\bjis\b|certificate|证书|licen[cs]e|许可证|注册号|批号|\bcas\b|\bcode\b|卡号)/gu;

/** What follows a number that makes it a quantity, not a phone. */
const UNIT_AFTER =
  /^\s*(?:(?:mm|cm|m|km|kg|g|mg|v|w|kw|mah|ah|hz|pcs|pc|sets|units|rpm|psi|bar|mpa|nits|lumens|lm|dpi|ppi|gsm|ml|l|oz|lb|lbs|inch|in|ft|yuan|usd|rmb)(?![\p{L}\p{N}])|x(?=\s*\d)|[×*%°℃$¥]|元|个|件|米|毫米|公斤|吨|台|套)/u;

/** Words that may glue onto a number as a messenger label (vx138..., wx138..., tel138...). */
const GLUED_LABEL = /(?:vx|wx|v|tel|ph|mob|wa|wsp|whatsapp|wechat|qq|tg|line|电话|手机|微信|微|薇|联系)$/u;

const CN_MOBILE = /^(?:\+?86|0086)?1[3-9]\d{9}$/;

/**
 * `original` (the field text) lets a number written in words or numerals (cinco cinco…, 공일공…)
 * count as deliberately written: such a number may be a national number of any common country.
 */
export function findPhoneCandidates(view: TextView, defaultCountry: CountryCode = "CN", original?: string): PhoneCandidate[] {
  return memo(view, `phones:${defaultCountry}:${original !== undefined}`, () => computePhones(view, defaultCountry, original));
}

function computePhones(view: TextView, defaultCountry: CountryCode, original?: string): PhoneCandidate[] {
  const text = view.text;
  const found: PhoneCandidate[] = [];
  for (const m of text.matchAll(DIGIT_RUN)) {
    const start = m.index!;
    const end = start + m[0].length;
    let written = false;
    if (original !== undefined) {
      const [os, oe] = view.toOriginal(start, end);
      written = /[^\d\s\-–—.()+/,]/u.test(original.slice(os, oe));
    }
    const candidate = scoreCandidate(text, start, end, m[0], defaultCountry, written);
    if (candidate) found.push(candidate);
  }
  return found;
}

/** Countries whose national numbers (without a country code) sellers and buyers write most; tried
 * only for a number that a label already calls a phone. */
export const LABELLED_NATIONAL_COUNTRIES: CountryCode[] = [
  "CN", "HK", "TW", "IN", "ID", "VN", "TH", "PH", "MY", "SG", "KR", "JP", "SA", "AE", "EG", "TR", "PK", "BD", "NG",
  "BR", "MX", "CO", "AR", "CL", "PE", "RU", "UA", "KZ", "US", "GB", "DE", "FR", "ES", "IT", "PL", "NL",
];

/**
 * Parses are pure and costly (metadata walks), and exports repeat numbers: the same HS codes and
 * barcodes, a seller's one phone pasted into every row. A bounded memo of recent results.
 */
const PARSE_MEMO_SIZE = 4096;
const parseMemo = new Map<string, unknown>();
function memoParse<T>(key: string, parse: () => T): T {
  if (parseMemo.has(key)) return parseMemo.get(key) as T;
  // libphonenumber-js answers an unparsable number by throwing (and catching) a ParseError: most
  // digit runs of a listing are not phones, and capturing a stack trace for each is the costly
  // part. None is ever shown.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  let value: T;
  try {
    value = parse();
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  if (parseMemo.size >= PARSE_MEMO_SIZE) parseMemo.delete(parseMemo.keys().next().value!);
  parseMemo.set(key, value);
  return value;
}

function parseNational(digits: string): { e164: string; country?: string } | undefined {
  return memoParse(`national\u0000${digits}`, () => parseNationalUncached(digits));
}

function parseNationalUncached(digits: string): { e164: string; country?: string } | undefined {
  for (const country of LABELLED_NATIONAL_COUNTRIES) {
    const parsed = parsePhoneNumberFromString(digits, country);
    if (parsed?.isValid()) return { e164: parsed.number, country: parsed.country };
  }
  return undefined;
}

function parseNumber(raw: string, defaultCountry: CountryCode): { e164: string; country?: string; international: boolean } | undefined {
  return memoParse(`${defaultCountry}\u0000${raw}`, () => parseNumberUncached(raw, defaultCountry));
}

function parseNumberUncached(raw: string, defaultCountry: CountryCode): { e164: string; country?: string; international: boolean } | undefined {
  const digits = raw.replace(/^\+/, "");
  const attempts: Array<[string, CountryCode | undefined, boolean]> = [];
  if (raw.startsWith("+")) attempts.push([raw, undefined, true]);
  else if (digits.startsWith("00")) attempts.push(["+" + digits.slice(2), undefined, true]);
  else {
    attempts.push([digits, defaultCountry, false]);
    // Written without "+": a country code and a full national number are at least 10 digits.
    if (digits.length >= 10) attempts.push(["+" + digits, undefined, true]);
  }
  for (const [input, country, international] of attempts) {
    const parsed = parsePhoneNumberFromString(input, country);
    if (parsed?.isValid()) return { e164: parsed.number, country: parsed.country, international };
  }
  return undefined;
}

function scoreCandidate(
  text: string,
  start: number,
  end: number,
  raw: string,
  defaultCountry: CountryCode,
  written = false,
): PhoneCandidate | undefined {
  const digits = raw.replace(/^\+/, "");
  if (/^(\d)\1+$/.test(digits) || isCountingSequence(digits)) return undefined;
  const right = after(text, end, 12);
  const gluedLeft = text.slice(Math.max(0, start - 12), start);
  // Quantities and numbers inside longer numbers are no phones: decided before any parse.
  if (UNIT_AFTER.test(right)) return undefined;
  if (/[\d.,]$/.test(gluedLeft) || /^[.,]\d/.test(text.slice(end, end + 2))) return undefined;
  const left = before(text, start, 40);
  let parsed = parseNumber(raw, defaultCountry);
  const labelledHere = lastMatchEnd(PHONE_LABEL, left) >= 0 && lastMatchEnd(PHONE_LABEL, left) > lastMatchEnd(NOT_PHONE_LABEL, left);
  if (!parsed && !raw.startsWith("+") && (labelledHere || written)) {
    // A labelled national number of another country: 0812-4709-3361 (ID), 0936 184 207 (VN).
    const national = parseNational(digits);
    if (national) parsed = { ...national, international: false };
  }
  if (!parsed) return undefined;

  const reasons: string[] = [];
  let confidence: number;
  if (CN_MOBILE.test(raw)) {
    confidence = 0.7;
    reasons.push("mobile");
  } else if (raw.startsWith("+") || digits.startsWith("00")) {
    confidence = 0.65;
    reasons.push("international");
  } else if (parsed.international) {
    // Digits that only parse with a country code prefixed (7912…, 44…): plausible, weak alone.
    confidence = 0.35;
    reasons.push("country-code");
  } else {
    confidence = 0.35;
    reasons.push("national");
  }

  if (/[a-z]$/u.test(gluedLeft) && !GLUED_LABEL.test(gluedLeft)) {
    // A number glued to letters is a part or model number (A13812345678), unless the letters are a label.
    confidence -= 0.4;
    reasons.push("glued-to-letters");
  }

  // The label nearest the number decides between "phone" and "some other id".
  const label = lastMatchEnd(PHONE_LABEL, left);
  const idLabel = lastMatchEnd(NOT_PHONE_LABEL, left);
  const labelled = GLUED_LABEL.test(gluedLeft) || (label >= 0 && label > idLabel && left.length - label <= 24);
  const negative = idLabel >= 0 && idLabel >= label;
  if (labelled) {
    confidence += 0.45;
    reasons.push("label");
  } else if (label >= 0 && !negative) {
    confidence += 0.15;
    reasons.push("nearby-label");
  }
  // One in a list of other long ids (OE 11427953129 / 13717532754): the list's label covers it.
  const listedWithIds = [...before(text, start, 60).matchAll(/\d{8,}/g)].some((d) => !CN_MOBILE.test(d[0]));
  if (listedWithIds && !labelled) {
    confidence -= 0.3;
    reasons.push("listed-with-ids");
  }
  if (negative && !labelled) {
    confidence -= 0.5;
    reasons.push("id-label");
  }
  return { start, end, e164: parsed.e164, country: parsed.country, confidence: Math.min(1, confidence), reasons };
}

/** End offset of the last match of a global regex in `s`, or -1. */
function lastMatchEnd(pattern: RegExp, s: string): number {
  let last = -1;
  for (const m of s.matchAll(pattern)) last = m.index! + m[0].length;
  return last;
}

/** 0123456789, 987654321: a counting exercise or a ruler, not a phone number (the whole run counts). */
function isCountingSequence(digits: string): boolean {
  if (digits.length < 8) return false;
  let up = 0;
  let down = 0;
  for (let i = 1; i < digits.length; i++) {
    const d = Number(digits[i]) - Number(digits[i - 1]);
    if (d === 1 || d === -9) up++;
    if (d === -1 || d === 9) down++;
  }
  return Math.max(up, down) >= digits.length - 2;
}
