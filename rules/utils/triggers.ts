// Prefilters for the contact rules: cheap tests on the folded view that are true wherever the
// rule's detector could find something, so the (far costlier) detectors skip the clean majority
// of fields. Each is a superset of what the detector reads after the digit and compact rewrites;
// tests/prefilter.test.ts checks that no report changes with them on.

import type { TextView } from "../../src/types.js";
import { CJK_DIGITS, DIGIT_WORDS, NUMBER_SEPARATOR } from "../../src/text/digits.js";
import { memo } from "./memo.js";

/** Pictographs vanish between digits and letters in the compact view (1❤3❤8…): they cost no gap. */
const FREE = 1;
const SEPARATOR = 2;
const NUMERAL = 3;
let unitKinds: Uint8Array | undefined;
/** Per UTF-16 unit: NUMERAL (CJK and Korean), FREE (a pictograph, or half of an astral one), SEPARATOR, or 0. */
function unitKindTable(): Uint8Array {
  if (unitKinds) return unitKinds;
  const table = (unitKinds = new Uint8Array(0x10000));
  const pictograph = /\p{Extended_Pictographic}/u;
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    if (CJK_DIGITS[ch] !== undefined) table[c] = NUMERAL;
    else if ((c >= 0xd800 && c <= 0xdfff) || pictograph.test(ch)) table[c] = FREE;
    else if (NUMBER_SEPARATOR.test(ch)) table[c] = SEPARATOR;
  }
  return table;
}

/** The digit view turns these letters into digits beside digits (l38, O4S7). */
/** l i o s z b: letters the digit view reads as digits beside digits. */
function isSwapCode(c: number): boolean {
  return c === 0x6c || c === 0x69 || c === 0x6f || c === 0x73 || c === 0x7a || c === 0x62;
}

const LONGEST_DIGIT_WORD = Math.max(...Object.keys(DIGIT_WORDS).map((w) => w.length));

function isAsciiDigit(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  return c >= 0x30 && c <= 0x39;
}

function isWordLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f) || (c >= 0x400 && c <= 0x4ff);
}


/** A CJK ideograph: the compact view drops one between digit groups (139哈2211哈0457). */
function isIdeograph(c: number): boolean {
  return c >= 0x3400 && c <= 0x9fff;
}

/**
 * Whether the text holds a run of at least `min` numerals in any notation the digit view reads
 * (ASCII and folded digits, CJK and Korean numerals, digit words, swapped letters), with at most
 * four separators or CJK fillers between neighbours (the compact view joins groups up to three
 * apart, or split by one filler) and pictographs anywhere. Other letters and symbols ($, :, %)
 * end the run, as they end a number in the compact view; so does a decimal point (2.94).
 */
export function hasNumeralRun(view: TextView, min: number): boolean {
  return memo(view, `numerals:${min}`, () => numeralRun(view.text, min));
}

function numeralRun(text: string, min: number): boolean {
  const kinds = unitKindTable();
  let count = 0;
  let gap = 0;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      if (++count >= min) return true;
      gap = 0;
      i++;
      continue;
    }
    if (isWordLetter(c)) {
      let j = i + 1;
      let allSwaps = isSwapCode(c);
      while (j < n) {
        const d = text.charCodeAt(j);
        if (!isWordLetter(d)) break;
        if (!isSwapCode(d)) allSwaps = false;
        j++;
      }
      if (allSwaps) count += j - i;
      else if (j - i <= LONGEST_DIGIT_WORD && DIGIT_WORDS[text.slice(i, j)] !== undefined) count++;
      else {
        // In a word, a swappable letter is a digit only where it touches a digit and no other
        // letter (138Oone: the first O): at most one at each end joins the digits beside it.
        const first = isSwapCode(c) && isSwapCode(text.charCodeAt(i + 1)) && isAsciiDigit(text, i - 1) ? 1 : 0;
        if (count + first >= min) return true;
        count = isSwapCode(text.charCodeAt(j - 1)) && isSwapCode(text.charCodeAt(j - 2)) && isAsciiDigit(text, j) ? 1 : 0;
      }
      if (count >= min) return true;
      gap = 0;
      i = j;
      continue;
    }
    const kind = kinds[c];
    if (kind === NUMERAL) {
      if (++count >= min) return true;
      gap = 0;
    } else if (kind === FREE) {
      // pictographs vanish
    } else if (!(kind === SEPARATOR || isIdeograph(c)) || ++gap > 4 || isDecimalPoint(text, i)) {
      count = 0;
      gap = 0;
    }
    i++;
  }
  return false;
}

/** Whether the text holds a pictograph (an emoji, or any astral character). */
function hasPictograph(text: string): boolean {
  const kinds = unitKindTable();
  for (let i = 0; i < text.length; i++) if (kinds[text.charCodeAt(i)] === FREE) return true;
  return false;
}

/** The text without its pictographs, as far as the compact view may drop them (itself when none). */
export function withoutPictographs(text: string): string {
  return hasPictograph(text) ? text.replace(PICTOGRAPHS, "") : text;
}

/** Characters the digit view may turn into digits (numerals, digit words and swaps start with these). */
const DIGITISH = `\\d\\p{L}${Object.keys(CJK_DIGITS).join("")}`;
const CHAINED_DOT = new RegExp(`\\.[${DIGITISH}]{1,6}$`, "u");
const CHAINED_COMMA = new RegExp(`,[${DIGITISH}]{1,6}$`, "u");
const DECIMAL_AFTER = new RegExp(`^[.,]\\d{1,2}(?![${DIGITISH}\\p{Extended_Pictographic}])`, "u");

/**
 * A "." or "," the compact view keeps as a decimal mark (2.94, 13,80): right after an ASCII digit,
 * one or two digits follow and then nothing that is or may become a digit, no second mark with a
 * digit, and the digits before it are not a chain of the same mark (09.36.18.42 is a number
 * written in pairs). Anything less clear is no decimal mark here: the run goes on.
 */
function isDecimalPoint(text: string, i: number): boolean {
  const mark = text[i]!;
  if ((mark !== "." && mark !== ",") || !/\d/.test(text[i - 1] ?? "")) return false;
  const after = DECIMAL_AFTER.exec(text.slice(i, i + 5));
  if (!after) return false;
  const next = i + after[0].length;
  if (text[next] === mark && /[\d\p{L}]/u.test(text[next + 1] ?? "")) return false;
  const before = text.slice(Math.max(0, i - 8), i);
  return !(mark === "." ? CHAINED_DOT : CHAINED_COMMA).test(before);
}

const PICTOGRAPHS = /\p{Extended_Pictographic}/gu;

const DOT_WORDS = "dot|点|點|。|punto|ponto|point|punkt|nokta|chấm|cham|точка|titik";
/** The end of a host or mailbox name: a letter or digit, also a CJK numeral the digit view converts. */
const NAME_END = `[a-z0-9${Object.keys(CJK_DIGITS).join("")}]`;
const CLOSE = "[)\\]}】）>〕」]";
const OPEN = "[([{【（<〔「]";

/**
 * Everything from which the compact view can make an e-mail address or a link: an at-sign or its
 * spellings, a scheme, www, a dot before letters (also spelled out or bracketed, in any of the
 * languages the compact view reads), the mail hosts' words (QQ邮箱).
 */
const ADDRESS_TRIGGER = new RegExp(
  [
    // An at-sign before a host with a real dot (a spelled-out dot is caught below).
    "@\\s*[a-z0-9][a-z0-9-]*\\.",
    ":\\/\\/",
    "www",
    "艾特",
    "圈a",
    "邮箱",
    "邮件",
    "mail",
    "собака",
    "[^\\s.]\\.[a-z]{2}",
    `${NAME_END}\\s*\\.\\s*(?:com|net|org|cn)(?![a-z0-9])`,
    // Dot words count after a name (abc dot com, abc。com), as the compact view reads them.
    `${NAME_END}\\s*(?:${DOT_WORDS})(?:\\s|${CLOSE})*(?:[a-z]|ру|ком|рф)`,
    `${OPEN}\\s*(?:at|et|arroba|arobase|собака|艾特|圈a|\\.|${DOT_WORDS})\\s*${CLOSE}`,
  ].join("|"),
  "u",
);

/** Whether the e-mail and link detectors could find anything in the field. */
export function mayHoldAddress(view: TextView): boolean {
  return memo(view, "address-trigger", () => {
    const text = view.text;
    if (ADDRESS_TRIGGER.test(text)) return true;
    // Pictographs inside words vanish in the compact view (abc点❤com).
    const without = withoutPictographs(text);
    return without !== text && ADDRESS_TRIGGER.test(without);
  });
}
