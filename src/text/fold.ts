// The base view: what a reviewer sees, with the disguises that change nothing visible undone.
// Invisible characters go; width, case, compatibility forms (𝐰 ⓦ ⒲ ① ㊀), dingbat digits,
// Cyrillic/Greek look-alikes inside Latin words, and traditional Chinese are folded.

import * as OpenCC from "opencc-js/t2cn";
import { AlignedText, MappedText, ViewBuilder, rewrite } from "./view.js";

/** Characters that render as nothing (or nearly) and are used to split words invisibly. */
export function isInvisible(cp: number): boolean {
  return (
    cp === 0x00ad ||
    cp === 0x034f ||
    cp === 0x061c ||
    cp === 0x115f ||
    cp === 0x1160 ||
    cp === 0x17b4 ||
    cp === 0x17b5 ||
    (cp >= 0x180b && cp <= 0x180f) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) ||
    cp === 0x20e3 || // combining enclosing keycap: 1️⃣ is "1" + FE0F + 20E3
    cp === 0x3164 ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xfeff ||
    cp === 0xffa0 ||
    (cp >= 0xe0000 && cp <= 0xe007f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

/** Invisible marks that modify the character before them (variation selectors, keycap, tags). */
function isCombiningMark(cp: number): boolean {
  return (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0x20e3 || (cp >= 0xe0100 && cp <= 0xe01ef) || (cp >= 0xe0020 && cp <= 0xe007f);
}

/** Dingbat and other digits NFKC leaves alone: ❶ ➀ ➊ ⓵ ⓿ ⓫. */
function dingbatDigit(cp: number): string | undefined {
  if (cp >= 0x2776 && cp <= 0x277f) return String(cp - 0x2776 + 1);
  if (cp >= 0x2780 && cp <= 0x2789) return String(cp - 0x2780 + 1);
  if (cp >= 0x278a && cp <= 0x2793) return String(cp - 0x278a + 1);
  if (cp >= 0x24f5 && cp <= 0x24fe) return String(cp - 0x24f5 + 1);
  if (cp === 0x24ff) return "0";
  if (cp >= 0x24eb && cp <= 0x24f4) return String(cp - 0x24eb + 11);
  return undefined;
}

/** NFKC wraps enclosed forms in punctuation (⑴ → "(1)", ⒈ → "1.", ⒲ → "(w)"): drop it. */
function isEnclosedForm(cp: number): boolean {
  return (cp >= 0x2460 && cp <= 0x24ff) || (cp >= 0x3200 && cp <= 0x32ff) || (cp >= 0x1f100 && cp <= 0x1f1ff);
}

/** Cyrillic and Greek letters that look like Latin ones (UTS #39 skeletons, the common subset). */
const CONFUSABLE_TO_LATIN: Record<string, string> = {
  а: "a", в: "b", е: "e", ё: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y",
  х: "x", і: "i", ї: "i", ј: "j", ѕ: "s", ԁ: "d", ԛ: "q", ԝ: "w", ɡ: "g", һ: "h", ӏ: "l", ь: "b",
  α: "a", β: "b", ε: "e", ι: "i", κ: "k", ν: "v", ο: "o", ρ: "p", τ: "t", υ: "u", χ: "x", ω: "w",
  γ: "y", η: "n", μ: "u", ϲ: "c", ϳ: "j",
};

const toSimplified = OpenCC.Converter({ from: "t", to: "cn" });

function isLatinLetter(ch: string): boolean {
  return (ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9");
}

function foldCodePoint(ch: string, cp: number): string {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? String.fromCharCode(cp + 32) : ch;
  if (isInvisible(cp)) return "";
  const dingbat = dingbatDigit(cp);
  if (dingbat !== undefined) return dingbat;
  if (cp === 0x3002 || cp === 0xff61) return "。"; // keep the sentence mark; link views read it as a dot
  if (cp === 0x2795) return "+"; // ➕ heavy plus: "➕V", "➕86"
  if (cp === 0x0130) return "i"; // Turkish İ: plain i, not i + combining dot ("İndirim" reads "indirim")
  if (cp >= 0x0660 && cp <= 0x0669) return String(cp - 0x0660); // Arabic-Indic digits
  if (cp >= 0x06f0 && cp <= 0x06f9) return String(cp - 0x06f0); // Persian digits
  if (cp >= 0x0e50 && cp <= 0x0e59) return String(cp - 0x0e50); // Thai digits
  if (cp >= 0x0966 && cp <= 0x096f) return String(cp - 0x0966); // Devanagari digits
  let folded = ch.normalize("NFKC");
  if (folded !== ch && isEnclosedForm(cp)) folded = folded.replace(/[().]/g, "");
  return folded.toLowerCase();
}

/**
 * Per UTF-16 unit, filled in as units are first seen: its fold when that is one unit whatever
 * surrounds it (ASCII, most CJK, full-width punctuation), else NOT_ALIGNED (invisibles, marks,
 * surrogates, look-alike scripts folded by context, traditional characters, expanding forms).
 */
const UNKNOWN = -1;
const NOT_ALIGNED = -2;
const alignedFold = new Int32Array(0x10000).fill(UNKNOWN);

function alignedFoldOf(c: number): number {
  const known = alignedFold[c]!;
  if (known !== UNKNOWN) return known;
  let value = NOT_ALIGNED;
  const contextual = (c >= 0xd800 && c <= 0xdfff) || (c >= 0x0370 && c <= 0x052f) || c === 0x0261 || (c >= 0xf900 && c <= 0xfaff);
  if (!contextual && !isInvisible(c) && !isCombiningMark(c)) {
    const ch = String.fromCharCode(c);
    const folded = foldCodePoint(ch, c);
    const cjk = (f: string) => /[\u3400-\u9fff\uf900-\ufaff]/.test(f);
    if (folded.length === 1 && (!cjk(folded) || toSimplified(folded) === folded)) value = folded.charCodeAt(0);
  }
  alignedFold[c] = value;
  return value;
}

/** The folded text when every unit folds to one unit on its own, else undefined (the general path). */
function alignedFoldText(original: string): string | undefined {
  const n = original.length;
  let changed = false;
  for (let i = 0; i < n; i++) {
    const c = original.charCodeAt(i);
    if (c < 0x80) continue;
    let f = alignedFold[c]!;
    if (f === UNKNOWN) f = alignedFoldOf(c);
    if (f === NOT_ALIGNED) return undefined;
    if (f !== c) changed = true;
  }
  if (!changed) return original.toLowerCase();
  const units = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const c = original.charCodeAt(i);
    units[i] = c < 0x80 ? (c >= 0x41 && c <= 0x5a ? c + 32 : c) : alignedFold[c]!;
  }
  let out = "";
  for (let i = 0; i < n; i += 8192) out += String.fromCharCode(...units.subarray(i, Math.min(n, i + 8192)));
  return out;
}

export function foldText(original: string): MappedText {
  // Most fields fold unit for unit (case, width): no offset map to build, no per-character rewrite.
  const aligned = alignedFoldText(original);
  if (aligned !== undefined) return joinSpacedLetters(joinSpacedIdeographs(new AlignedText(aligned)));
  return foldTextGeneral(original);
}

/** The fold of any text, character by character with an offset map (the fast path's reference). */
export function foldTextGeneral(original: string): MappedText {
  const first = new ViewBuilder(null, original.length);
  for (let i = 0; i < original.length; ) {
    const cp = original.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const ch = original.slice(i, i + width);
    const folded = foldCodePoint(ch, cp);
    if (folded === "" && isCombiningMark(cp)) first.extendLast(i + width);
    else first.emit(folded, i, i + width);
    i += width;
  }
  let view = first.build();
  view = foldConfusables(view);
  return joinSpacedLetters(joinSpacedIdeographs(foldTraditional(view)));
}

/**
 * "s c a n", "w.h.a.t.s.a.p.p", "Q.R": a word spelled letter by letter so a filter misses it
 * reads as the word. Three or more lone letters, or the two letters of Q.R. Done here, once, so
 * the phrase rules (folded view) and the contact rules (compact view, built on it) both see it.
 */
const SPACED_LETTERS = /(?<![\p{L}\p{N}])[a-z](?:[\s\-_.·・*|/\\~,，、+]{1,2}[a-z](?![\p{L}\p{N}])){2,}|(?<![\p{L}\p{N}.])q[.\s]r(?:\.(?![\p{L}\p{N}]))?(?![\p{L}\p{N}])/gu;

function joinSpacedLetters(view: MappedText): MappedText {
  if (!mayHoldSpacedLetters(view.text)) return view;
  return rewrite(view, SPACED_LETTERS, (m) => m[0].replace(/[^a-z]/g, ""));
}

/** Separators between spelled-out letters (the class of SPACED_LETTERS). */
const LETTER_SEPARATOR = /[\s\-_.·・*|/\\~,，、+]/;

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
}

/**
 * A cheap gate for SPACED_LETTERS: a lone letter, one or two separators, a lone letter. It may say
 * yes where the pattern finds nothing (a letter beside a non-ASCII letter counts as lone here),
 * never the reverse; the rewrite itself is exact.
 */
function mayHoldSpacedLetters(text: string): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x61 || c > 0x7a || (i > 0 && isAsciiAlnum(text.charCodeAt(i - 1)))) continue;
    let j = i + 1;
    while (j < n && j - i <= 2 && LETTER_SEPARATOR.test(text[j]!)) j++;
    if (j === i + 1 || j >= n) continue;
    const d = text.charCodeAt(j);
    if (d >= 0x61 && d <= 0x7a && !(j + 1 < n && isAsciiAlnum(text.charCodeAt(j + 1)))) return true;
  }
  return false;
}

/**
 * "线/下/交/易", "信 保 不 做", "二 维 码": a word spelled as lone characters with separators
 * between them so a filter misses it. A run of three or more lone ideographs, one or two
 * separators apart, reads as the word. Ordinary Chinese separates words, not every character.
 */
const SPACED_IDEOGRAPHS = /(?<![\u3400-\u9fff])[\u3400-\u9fff](?:[ \t\u3000/|*·・_~\\-]{1,2}[\u3400-\u9fff](?![\u3400-\u9fff])){2,}/g;

function joinSpacedIdeographs(view: MappedText): MappedText {
  if (!/[\u3400-\u9fff][ \t\u3000/|*·・_~\\-]{1,2}[\u3400-\u9fff][ \t\u3000/|*·・_~\\-]/.test(view.text)) return view;
  return rewrite(view, SPACED_IDEOGRAPHS, (m) => m[0].replace(/[^\u3400-\u9fff]/g, ""));
}

/** Map Cyrillic/Greek look-alikes to Latin only inside words that also hold Latin letters,
 * so `whаtsаpp` (Cyrillic а) folds and Russian or Greek text stays as it is. */
function foldConfusables(view: MappedText): MappedText {
  const text = view.text;
  if (!/[\u0370-\u03ff\u0400-\u04ff\u0500-\u052f\u0261]/.test(text)) return view;
  const out = new ViewBuilder(view);
  const wordPattern = /[\p{L}\p{N}]+/gu;
  let last = 0;
  for (const m of text.matchAll(wordPattern)) {
    const word = m[0];
    const start = m.index!;
    if (start > last) out.copy(last, start);
    const hasLatin = [...word].some(isLatinLetter);
    const hasConfusable = [...word].some((c) => CONFUSABLE_TO_LATIN[c] !== undefined);
    if (hasLatin && hasConfusable) {
      for (let k = 0; k < word.length; k++) {
        const c = word[k]!;
        out.emit(CONFUSABLE_TO_LATIN[c] ?? c, start + k, start + k + 1);
      }
    } else out.copy(start, start + word.length);
    last = start + word.length;
  }
  if (last < text.length) out.copy(last, text.length);
  return out.build();
}

/** Traditional → simplified, character by character so the offset map stays exact. */
function foldTraditional(view: MappedText): MappedText {
  const text = view.text;
  if (!/[\u3400-\u9fff\uf900-\ufaff]/.test(text)) return view;
  const converted = toSimplified(text);
  if (converted === text) return view;
  const out = new ViewBuilder(view);
  if (converted.length === text.length) {
    for (let i = 0; i < text.length; i++) out.emit(converted[i]!, i, i + 1);
  } else {
    for (let i = 0; i < text.length; i++) out.emit(toSimplified(text[i]!), i, i + 1);
  }
  return out.build();
}

