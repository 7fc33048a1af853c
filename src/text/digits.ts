// Numerals in any notation become ASCII digits, but only inside number-like runs, so ordinary
// words (一起, 两个, "one of") stay words: 一三八…, 壹叁捌…, "one three eight…", l38 → 138.

import { MappedText, ViewBuilder } from "./view.js";

/** Chinese numerals after traditional → simplified folding (貳→贰, 參→参, 陸→陆). */
export const CJK_DIGITS: Record<string, string> = {
  零: "0", 〇: "0", "○": "0", 洞: "0",
  一: "1", 幺: "1", 壹: "1", 么: "1",
  二: "2", 两: "2", 贰: "2",
  三: "3", 叁: "3", 参: "3",
  四: "4", 肆: "4",
  五: "5", 伍: "5",
  六: "6", 陆: "6",
  七: "7", 柒: "7", 拐: "7",
  八: "8", 捌: "8",
  九: "9", 玖: "9", 勾: "9",
  // Korean sino-numerals (공일공 칠사팔이): numbers only in runs, like the Chinese ones
  공: "0", 영: "0", 일: "1", 이: "2", 삼: "3", 사: "4", 오: "5", 육: "6", 칠: "7", 팔: "8", 구: "9",
};

/** Characters that are numerals only in a run of several: 洞/拐/勾/么 are radio-style readings. */
const WEAK_CJK = new Set(["洞", "拐", "勾", "么"]);

/** Digit words in the languages sellers spell numbers in (after folding: lower case). */
export const DIGIT_WORDS: Record<string, string> = {
  // English
  zero: "0", oh: "0", one: "1", two: "2", three: "3", four: "4", five: "5", six: "6", seven: "7", eight: "8", nine: "9",
  // Spanish / Portuguese
  cero: "0", uno: "1", una: "1", dos: "2", tres: "3", cuatro: "4", cinco: "5", seis: "6", siete: "7", ocho: "8", nueve: "9",
  um: "1", dois: "2", duas: "2", três: "3", quatro: "4", sete: "7", oito: "8", nove: "9",
  // French
  zéro: "0", un: "1", deux: "2", trois: "3", quatre: "4", cinq: "5", sept: "7", huit: "8", neuf: "9",
  // Russian
  ноль: "0", один: "1", два: "2", три: "3", четыре: "4", пять: "5", шесть: "6", семь: "7", восемь: "8", девять: "9",
  // Indonesian / Malay
  nol: "0", satu: "1", dua: "2", tiga: "3", empat: "4", lima: "5", enam: "6", tujuh: "7", delapan: "8", sembilan: "9",
};
const DIGIT_WORD = Object.keys(DIGIT_WORDS).sort((a, b) => b.length - a.length).join("|");

const LETTER_DIGITS: Record<string, string> = { l: "1", i: "1", o: "0", s: "5", z: "2", b: "8" };
/** Swap letters that are also unit or grade suffixes after a number. */
const UNIT_LETTERS = new Set(["l", "s", "b", "z"]);
/** Swaps that are also common unit letters (5s, 2b): only inside a long, clearly numeric run. */
const RARE_SWAPS = new Set(["s", "z", "b"]);

/** Separators that may sit between the digits of one number (a superset of the compact view's). */
export const NUMBER_SEPARATOR = /[\s\-–—.·・_,，、/\\|()（）*~+#]/;

function isAsciiDigit(ch: string): boolean {
  return ch >= "0" && ch <= "9";
}

interface Run {
  start: number;
  end: number;
}

/** Maximal runs of numeral-ish characters (digits, CJK numerals, l/i/o) and separators. */
function numeralRuns(text: string): Run[] {
  const runs: Run[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (!(isAsciiDigit(ch) || CJK_DIGITS[ch] !== undefined)) {
      i++;
      continue;
    }
    // A swapped letter may open the number: l38…
    let start = i;
    while (start > 0 && LETTER_DIGITS[text[start - 1]!] !== undefined && (runs.at(-1)?.end ?? 0) <= start - 1) start--;
    let j = i;
    let lastNumeral = i;
    while (j < text.length) {
      const c = text[j]!;
      if (isAsciiDigit(c) || CJK_DIGITS[c] !== undefined || LETTER_DIGITS[c] !== undefined) lastNumeral = j;
      else if (!NUMBER_SEPARATOR.test(c)) break;
      else if (j - lastNumeral > 3) break;
      j++;
    }
    runs.push({ start, end: lastNumeral + 1 });
    i = lastNumeral + 1;
  }
  return runs;
}

/** The run's units after conversion, or null when the run stays as it is. */
function convertRun(text: string, run: Run): string[] | null {
  let digits = 0;
  let strongCjk = 0;
  let numerals = 0;
  for (let k = run.start; k < run.end; k++) {
    const c = text[k]!;
    if (isAsciiDigit(c)) digits++;
    if (CJK_DIGITS[c] !== undefined && !WEAK_CJK.has(c)) strongCjk++;
    if (CJK_DIGITS[c] !== undefined || isAsciiDigit(c)) numerals++;
  }
  // A CJK numeral run is a number when long enough to be a phone or an id; letter swaps
  // (l38) only count beside real digits in an otherwise digit-heavy run.
  const cjkIsNumber = strongCjk >= 3 && numerals >= 5;
  // Mixed notations ("1五9②2３7七1４4") are a number too once the run is phone-long, but only for
  // CJK numerals inside it: "…5528\n一件代发" keeps its 一.
  const mixed = !cjkIsNumber && strongCjk >= 1 && digits >= 4 && numerals >= 7;
  const lettersAreDigits = digits >= 5;
  // A letter closing a digit group is a unit (15L 30L, 316L) unless the run is phone-long and no
  // other group ends in a letter the same way: "l8O 652l 47l4" is a disguised number.
  const closing = groupClosingLetters(text, run);
  const closingAreDigits = digits + countSwapLetters(text, run) >= 10 && closing.length === 1;
  const units: string[] = [];
  let changed = false;
  for (let k = run.start; k < run.end; k++) {
    const c = text[k]!;
    let replacement = c;
    if (CJK_DIGITS[c] !== undefined && (cjkIsNumber || (mixed && betweenNumerals(text, k, run)))) replacement = CJK_DIGITS[c]!;
    else if (LETTER_DIGITS[c] !== undefined && lettersAreDigits && isLetterSwap(text, k, closingAreDigits) && (!RARE_SWAPS.has(c) || digits >= 6)) {
      replacement = LETTER_DIGITS[c]!;
    }
    if (replacement !== c) changed = true;
    units.push(replacement);
  }
  return changed ? units : null;
}

/** Positions of unit letters that close a digit group (a digit before, no digit or swap letter after). */
function groupClosingLetters(text: string, run: Run): number[] {
  const found: number[] = [];
  for (let k = run.start; k < run.end; k++) {
    const after = text[k + 1] ?? " ";
    if (UNIT_LETTERS.has(text[k]!) && isAsciiDigit(text[k - 1] ?? "") && !isAsciiDigit(after) && !LETTER_DIGITS[after]) found.push(k);
  }
  return found;
}

function countSwapLetters(text: string, run: Run): number {
  let n = 0;
  for (let k = run.start; k < run.end; k++) if (LETTER_DIGITS[text[k]!] !== undefined) n++;
  return n;
}

/** A numeral on each side of position k within the run, on the same line (separators skipped). */
function betweenNumerals(text: string, k: number, run: Run): boolean {
  const isNumeral = (c: string) => isAsciiDigit(c) || CJK_DIGITS[c] !== undefined;
  let left = k - 1;
  while (left >= run.start && text[left] !== "\n" && !isNumeral(text[left]!)) left--;
  let right = k + 1;
  while (right < run.end && text[right] !== "\n" && !isNumeral(text[right]!)) right++;
  return left >= run.start && right < run.end && isNumeral(text[left]!) && isNumeral(text[right]!);
}

/** `l` in `l38` is a swapped digit only when it is not part of a word and touches a digit:
 * "l38", "22l1", "O4S7" — not the "I" of "I'll" after a number, nor "SS 304" or "So". */
function isLetterSwap(text: string, k: number, closingIsDigit = false): boolean {
  const before = text[k - 1] ?? " ";
  const after = text[k + 1] ?? " ";
  const letter = /\p{L}/u;
  if ((letter.test(before) && !LETTER_DIGITS[before]) || (letter.test(after) && !LETTER_DIGITS[after])) return false;
  // A letter closing a number is a unit or grade (15L, 316L, 1990s, 5b), not a swapped digit.
  if (!closingIsDigit && UNIT_LETTERS.has(text[k]!) && !isAsciiDigit(after) && !LETTER_DIGITS[after]) return false;
  return isAsciiDigit(before) || isAsciiDigit(after);
}

const DIGIT_WORD_RUN = new RegExp(`(?<![\\p{L}])(?:${DIGIT_WORD})(?:[\\s,\\-]+(?:${DIGIT_WORD})){3,}(?![\\p{L}])`, "gu");

/** "one three eight …": runs of at least four English digit words. */
function englishDigitWords(view: MappedText): MappedText {
  const text = view.text;
  const pattern = DIGIT_WORD_RUN;
  pattern.lastIndex = 0;
  if (!pattern.test(text)) return view;
  pattern.lastIndex = 0;
  const out = new ViewBuilder(view);
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    const start = m.index!;
    if (start > last) out.copy(last, start);
    for (const w of m[0].matchAll(/\p{L}+|\P{L}+/gu)) {
      const ws = start + w.index!;
      const digit = DIGIT_WORDS[w[0]];
      out.emit(digit ?? w[0], ws, ws + w[0].length);
    }
    last = start + m[0].length;
  }
  if (last < text.length) out.copy(last, text.length);
  return out.build();
}

export function digitView(folded: MappedText): MappedText {
  const words = englishDigitWords(folded);
  const text = words.text;
  let out: ViewBuilder | undefined;
  let last = 0;
  for (const run of numeralRuns(text)) {
    const units = convertRun(text, run);
    if (!units) continue;
    out ??= new ViewBuilder(words);
    if (run.start > last) out.copy(last, run.start);
    units.forEach((unit, k) => out!.emit(unit, run.start + k, run.start + k + 1));
    last = run.end;
  }
  // Most fields hold no numeral to convert: the view is the folded one itself.
  if (!out) return words;
  if (last < text.length) out.copy(last, text.length);
  return out.build();
}
