// The edits rules attach to their findings (ESLint's fixes and suggestions), as pure functions of
// the field text. Two shapes:
//
// - removal: a contact detail (number, address, link, handle) is cut out together with the label
//   that only announced it ("WhatsApp: ", "微信：", "📞"), wrapping brackets, and the space or the
//   line it leaves empty. `[shop](https://x.com)` keeps its label: `shop`.
// - sentence replacement: a diversion phrase ("contact us for a better price", 线下交易更划算)
//   replaces its whole sentence with the rule's compliant wording, in Chinese for a sentence in
//   Chinese and in English otherwise. It is a fix only when it is safe: a sure finding, a sentence
//   in English or Chinese, and little else in the sentence that the replacement would drop;
//   otherwise it is offered as a suggestion.
//
// Offsets are field-text offsets; readers place them in the file (see FieldText.rawEdit).

import type { Bilingual, Finding, Suggestion, TextEdit } from "../types.js";

/** Findings at least this sure get a fix; weaker ones a suggestion (the kernel's error threshold). */
export const FIX_CONFIDENCE = 0.75;

/** The wording contact fixes point to: the platform's own chat. */
export const PLATFORM_CHAT: Bilingual = {
  en: "Please contact us through the platform chat.",
  "zh-CN": "请通过平台站内信联系我们。",
};

const REMOVE_CONTACT: Bilingual = { en: "Remove the contact detail", "zh-CN": "删除联系方式" };

/** Fix or suggestion for a contact detail at [start, end): remove it (see `removalEdit`). */
export function removalFix(text: string, start: number, end: number, confidence: number): Pick<Finding, "fix" | "suggestions"> {
  const edit = removalEdit(text, start, end);
  return confidence >= FIX_CONFIDENCE ? { fix: edit } : { suggestions: [{ desc: REMOVE_CONTACT, fix: edit }] };
}

// ---------------------------------------------------------------------------
// Removal.

/** Labels that only announce the value after them: removed with it (colon optional). */
const NAMED_LABEL =
  /(?:whats\s?app|wechat|weixin|we\s?chat|wx|vx|qq|telegram|skype|viber|kakao\s?talk|kakao|zalo|messenger|instagram|tel|telephone|phone|mobile|cellphone|e-?mail|website|web\s?site|homepage|微信号?|vx号?|v信|威信|薇信|qq号?|扣扣|电话|手机号?码?|联系电话|座机|邮箱|电邮|网址|官网|网站|主页)(?:\s*(?:no\.?|number|num|id|#|号码?))?/iu;
/** Words that are labels only when a colon follows ("Line: …", "Contact: …"): without one they are ordinary words. */
const COLON_LABEL =
  /(?:contact(?:\s+(?:us|me|info|details|number))?|hotline|line(?:\s+id)?|tg|signal|facebook|fb|ig|mob|cell|mail|site|web|url|link|联系方式|联系|热线|客服|咨询|邮件|链接)/iu;
/** Symbols that announce a contact: 📞 ☎ ✉ 📧 📱 ☏ and the like. */
const SYMBOL_LABEL = /[\u260e\u260f\u2706\u2709\u{1f4de}\u{1f4e7}\u{1f4e8}\u{1f4e9}\u{1f4f1}\u{1f4f2}\u{1f4e0}\u{1f310}\u{1f517}]\ufe0f?/u;

const LABEL_BEFORE = new RegExp(
  `(?:(?:${NAMED_LABEL.source})\\s*[:：=]?|(?:${COLON_LABEL.source})\\s*[:：]|${SYMBOL_LABEL.source}\\s*[:：]?)[ \\t\\u3000]*$`,
  "iu",
);

const BRACKETS: Record<string, string> = { "(": ")", "（": "）", "[": "]", "【": "】", "「": "」", "<": ">" };

/** How far before a contact a label is looked for. */
const LABEL_WINDOW = 48;
/** A line with more than this left is never just markup. */
const MAX_MARKUP_LINE = 64;

/** A line that holds nothing but list or table markup once the contact is gone. */
const EMPTY_LINE = /^[\s\u3000\-*+•·>|#]*(?:\d{1,3}[.)、])?[\s\u3000]*$/u;

/**
 * The edit that removes the contact detail at [start, end) of `text`: with the label just before
 * it (on the same line), the brackets around it, and the extra space it leaves — or the whole line
 * when nothing else is on it. A Markdown link `[label](url)` whose target is the range becomes its
 * label. Never crosses a line.
 */
export function removalEdit(text: string, start: number, end: number): TextEdit {
  let s = start;
  let e = end;
  // [label](https://x.com) → label
  if (text.slice(s - 2, s) === "](" && text[e] === ")") {
    const open = text.lastIndexOf("[", s - 2);
    const label = open === -1 ? "" : text.slice(open + 1, s - 2);
    if (open !== -1 && !label.includes("]") && !label.includes("\n")) return { start: open, end: e + 1, text: label };
  }
  if (/mailto:$/i.test(text.slice(Math.max(0, s - 7), s))) s -= 7;
  // Lines are looked at only near the contact, so a huge one-line file stays linear.
  const near = lineAround(text, s, e, LABEL_WINDOW);
  const label = LABEL_BEFORE.exec(text.slice(Math.max(near.start ?? 0, s - LABEL_WINDOW), s));
  if (label && isLabelStart(text, s - label[0].length, /[:：=]/u.test(label[0]))) s -= label[0].length;
  const open = text[s - 1];
  if (open !== undefined && BRACKETS[open] !== undefined && text[e] === BRACKETS[open]) {
    s -= 1;
    e += 1;
  }
  // Nothing but markup left on the line: remove the line (and one line break with it).
  const line = lineAround(text, s, e, MAX_MARKUP_LINE);
  if (line.start !== undefined && line.end !== undefined && EMPTY_LINE.test(text.slice(line.start, s) + text.slice(e, line.end))) {
    const { start: lineStart, end: lineEnd } = line;
    if (lineEnd < text.length) return { start: lineStart, end: lineEnd + 1, text: "" };
    if (lineStart > 0) return { start: lineStart - (text[lineStart - 2] === "\r" ? 2 : 1), end: lineEnd, text: "" };
    return { start: 0, end: lineEnd, text: "" };
  }
  // "都在官网上：，您…" → "都在官网上，您…": a colon left with nothing to announce goes too; so
  // does a comma left before the end of the sentence ("欢迎咨询，微信：x" → "欢迎咨询").
  const atEnd = e >= text.length || /[\n\r.!?。！？]/u.test(text[e]!);
  if (atEnd || /[,;，；、]/u.test(text[e]!)) {
    let k = s;
    while (isBlank(text[k - 1])) k--;
    const mark = text[k - 1];
    if (mark === ":" || mark === "：" || (atEnd && mark !== undefined && /[,;，；、]/u.test(mark))) s = k - 1;
  }
  const before = text[s - 1];
  const after = text[e];
  if (isBlank(before) && (after === undefined || after === "\n" || after === "\r" || /[.,;:!?，。；：！？)）\]】」]/u.test(after))) {
    while (isBlank(text[s - 1])) s--; // "Call 138… ." → "Call."
  } else if (isBlank(after) && (isBlank(before) || before === undefined || before === "\n")) {
    while (isBlank(text[e])) e++; // "at 138… today" → "at today"
  }
  return { start: s, end: e, text: "" };
}

/**
 * Start and end (the `\n` or the text's end) of the line holding [s, e), each only if it is within
 * `limit` characters of the range (undefined: farther, so the line is long).
 */
function lineAround(text: string, s: number, e: number, limit: number): { start?: number; end?: number } {
  let start: number | undefined;
  for (let i = s; i >= Math.max(0, s - limit); i--) {
    if (i === 0 || text[i - 1] === "\n") {
      start = i;
      break;
    }
  }
  let end: number | undefined;
  for (let i = e; i <= Math.min(text.length, e + limit); i++) {
    if (i === text.length || text[i] === "\n") {
      end = i;
      break;
    }
  }
  return { start, end };
}

/**
 * A label starts a word: at the line start, or after a space or punctuation. In Chinese, where
 * words are not spaced, a label right after other characters counts only with its colon
 * (我的手机：… yes, 这个短链接 … no).
 */
function isLabelStart(text: string, at: number, hasColon: boolean): boolean {
  if (at <= 0) return true;
  const previous = text[at - 1]!;
  const first = text[at]!;
  if (!/[\p{L}\p{N}]/u.test(first)) return true; // a symbol: 📞, ✉
  if (!/[\p{L}\p{N}_]/u.test(previous)) return true;
  return hasColon && /\p{Script=Han}/u.test(first);
}

function isBlank(c: string | undefined): boolean {
  return c === " " || c === "\t" || c === "\u3000";
}

// ---------------------------------------------------------------------------
// Sentence replacement.

const TERMINATORS = /[。！？!?…]/u;
/** How far a sentence is looked for on each side of a finding (a longer one is cut there). */
const MAX_SENTENCE = 1000;
const CLOSERS = /["'”’)）」』】]/u;
const ABBREVIATION_BEFORE_DOT = /(?:^|[^a-z])(?:no|nos|tel|ref|fig|approx|mr|ms|mrs|dr|vol|art|p|pp|st|inc|ltd|co|corp|mob|ph|min|max|dia|qty|pcs|vs|etc|e\.g|i\.e)$/i;

/** Whether the `.` at `i` ends a sentence: followed by a space or the end, not after an abbreviation. */
function isFullStop(text: string, i: number): boolean {
  if (text[i] !== ".") return false;
  const next = text[i + 1];
  if (next !== undefined && !/\s/u.test(next)) return false;
  return !ABBREVIATION_BEFORE_DOT.test(text.slice(Math.max(0, i - 8), i));
}

/**
 * The sentence around [start, end): from after the previous sentence end or line break (list
 * markers and leading spaces skipped) to its own end mark (closing quotes included) or the line's
 * end. Always contains [start, end).
 */
export function sentenceRange(text: string, start: number, end: number): [number, number] {
  const { range } = findSentence(text, start, end);
  return range;
}

/** `sentenceRange`, and whether the sentence was cut at MAX_SENTENCE (too long to tell). */
function findSentence(text: string, start: number, end: number): { range: [number, number]; cut: boolean } {
  let s = start;
  const floor = Math.max(0, start - MAX_SENTENCE);
  while (s > floor) {
    const c = text[s - 1]!;
    if (c === "\n" || TERMINATORS.test(c) || isFullStop(text, s - 1)) break;
    s--;
  }
  let cut = s === floor && floor > 0;
  const lineStart = s === 0 || text[s - 1] === "\n";
  const lead = lineStart ? /^[ \t\u3000\r]*(?:(?:[-*+•·]|\d{1,3}[.)、]|#{1,6}|>)[ \t\u3000]+)?/u : /^[ \t\u3000\r]*/u;
  s = Math.min(start, s + (lead.exec(text.slice(s, start))?.[0].length ?? 0));
  let e = end;
  if (!(end > start && TERMINATORS.test(text[end - 1]!))) {
    const ceiling = Math.min(text.length, end + MAX_SENTENCE);
    while (e < ceiling) {
      const c = text[e]!;
      if (c === "\n" || c === "\r") break;
      if (TERMINATORS.test(c)) {
        while (e < text.length && TERMINATORS.test(text[e]!)) e++;
        break;
      }
      if (isFullStop(text, e)) {
        e++;
        break;
      }
      e++;
    }
    if (e === ceiling && ceiling < text.length) cut = true;
  }
  while (e < text.length && CLOSERS.test(text[e]!)) e++;
  return { range: [s, Math.max(e, end)], cut };
}

/**
 * The language a sentence is written in, as far as the replacement wording goes: `zh` for Chinese
 * (Han without kana or hangul), `en` for plain ASCII text, `other` for anything else (a wording
 * in another language would change the template's language: a suggestion only). A phrase pack's
 * language, when known, is believed first.
 */
export function sentenceLanguage(sentence: string, packLang?: string): "zh" | "en" | "other" {
  if (/[\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(sentence)) return "other";
  if (/\p{Script=Han}/u.test(sentence)) return packLang === undefined || packLang === "zh" ? "zh" : "other";
  if (packLang !== undefined && packLang !== "en" && packLang !== "config") return "other";
  return /[^\x00-\x7f\u2018\u2019\u201c\u201d\u2026\u00a0]/u.test(sentence.replace(/\p{Extended_Pictographic}|[\u200b-\u200f\ufe0f]/gu, "")) ? "other" : "en";
}

/** Letters and digits in `text`, counted by code point. */
function wordChars(text: string): number {
  return text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
}

/** At most this many letters of the sentence outside the finding may be dropped by a fix. */
const MAX_DROPPED = 20;

/**
 * Fix or suggestion that replaces the sentence around a phrase finding at [start, end) with
 * `replacement` (Chinese for a Chinese sentence, else English). A fix when the finding is sure,
 * the sentence is in English or Chinese, and the rest of the sentence is short (at most as long as
 * the finding, and 20 letters), all on one line; otherwise a suggestion.
 */
export function sentenceFix(
  text: string,
  start: number,
  end: number,
  replacement: Bilingual,
  options: { confidence: number; lang?: string },
): Pick<Finding, "fix" | "suggestions"> {
  const { range, cut } = findSentence(text, start, end);
  if (cut) return {}; // a "sentence" of thousands of characters: nothing sensible to replace
  const [s, e] = range;
  const sentence = text.slice(s, e);
  const lang = sentenceLanguage(sentence, options.lang);
  const wording = lang === "zh" ? replacement["zh-CN"] : replacement.en;
  if (sentence === wording) return {};
  const edit: TextEdit = { start: s, end: e, text: wording };
  const dropped = wordChars(text.slice(s, start)) + wordChars(text.slice(end, e));
  const safe =
    lang !== "other" &&
    options.confidence >= FIX_CONFIDENCE &&
    !sentence.includes("\n") && // a finding across lines: not one sentence to reword
    dropped <= Math.min(MAX_DROPPED, wordChars(text.slice(start, end)));
  if (safe) return { fix: edit };
  const suggestion: Suggestion = {
    desc: { en: `Replace the sentence with "${wording}"`, "zh-CN": `整句改为「${wording}」` },
    fix: edit,
  };
  return { suggestions: [suggestion] };
}
