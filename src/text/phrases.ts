// The phrase engine: rules as data. Phrase packs (YAML, one per rule and language) hold entries
// written in a small pattern language that a non-programmer can edit; this module compiles them to
// native RegExps with bounded quantifiers only, runs them on the folded view of a field and maps
// every hit back to the original characters. Pure: no I/O (the loader is phrase-packs.ts).
//
// Pattern language (patterns match the folded view: lower case, simplified Chinese, width folded;
// a pattern is folded the same way before it is compiled, so `私訊` or `ＰＭ` in a pack still work):
//
//   contact us          tokens separated by spaces; between two tokens the text may hold up to
//                       three separators (spaces, commas, dashes, symbols ❤ ★), never a letter, digit
//                       or sentence mark. `线下 交易` also matches 线下交易.
//   (price|quote)       alternatives; an alternative may be several tokens: `(best|lowest) price`
//   us?  (a|the)?       `?` makes the token or group before it optional
//   …   …40   ...       a gap: up to 30 (or the given number, at most 80) characters of anything
//                       except a sentence end (. ! ? 。 ؟ newline); "contact us for a much better
//                       price" is `contact us … better price`
//   discount*           a word that starts with `discount` (discounts, discounted); `*سعر` a word
//                       that ends with it (Arabic prefixes و ب ل ال)
//   <num>               a number: 3, 20, 2.5, 1,000, 三, 两
//   !不 建议            `!x`: the next token must not come right after x (不建议 is not 建议)
//   \(                  a literal `(`, `)`, `|`, `?`, `*`, `…`, `<`, `!`
//
// Inside a token, `'` is optional and matches ' ’ ‘ ʼ (don't, dont); `-` is optional and matches
// any dash or a space (e-mail, email, e mail). Latin letters with accents also match the bare
// letter (también, tambien; liên hệ, lien he); Arabic letters tolerate the alef/yeh/teh-marbuta
// variants and inserted harakat or tatweel.
//
// Word boundaries: a token that starts or ends with a letter of a space-separated script (Latin,
// Cyrillic, Greek, Arabic, Hebrew, Hangul, Devanagari ...) or a digit must not be glued to another
// such letter there ("line" never matches inside "online"). JS `\b` is ASCII-only, so boundaries
// are lookarounds over those scripts. Chinese, Japanese and Thai tokens have no boundaries.
//
// Entries can carry context, all judged within the sentence of the hit:
//   unless:   patterns that cancel the hit ("… via Trade Assurance", "通过平台")
//   requires: patterns of which one must also be present (a price lure near a contact route); the
//             reported range then covers both when they are close
//   boost:    patterns that raise the confidence when present
//   window:   1 or 2: `requires` and `boost` also look that many sentences before and after
//             ("Want the dealer price? Message us on Telegram.")
// and a pack can declare negative context (rule-wide, sentence or field scope) that lowers or
// drops hits of every entry of the rule, unless one of its `except` phrases is in the same scope.

import type { TextView } from "../types.js";
import { foldText } from "./fold.js";

// ---------------------------------------------------------------------------------------------
// Pattern syntax tree and parser

export interface LiteralItem {
  kind: "lit";
  /** Folded literal text. */
  text: string;
  optional: boolean;
  /** `*word`: any letters may come before the literal inside the word. */
  wildStart: boolean;
  /** `word*`: any letters may follow the literal inside the word. */
  wildEnd: boolean;
}
export interface AltItem {
  kind: "alt";
  options: Sequence[];
  optional: boolean;
}
export interface GapItem {
  kind: "gap";
  max: number;
  optional: false;
}
export interface NumItem {
  kind: "num";
  optional: boolean;
}
/** `!x`: the next item must not come right after `x` (a negative lookbehind). */
export interface NotItem {
  kind: "not";
  item: LiteralItem | AltItem | NumItem;
  optional: false;
}
export type PatternItem = LiteralItem | AltItem | GapItem | NumItem | NotItem;
export interface Sequence {
  items: PatternItem[];
}

export class PatternSyntaxError extends Error {
  constructor(
    message: string,
    public readonly pattern: string,
    public readonly offset: number,
  ) {
    super(`${message} at column ${offset + 1} of pattern ${JSON.stringify(pattern)}`);
    this.name = "PatternSyntaxError";
  }
}

export const DEFAULT_GAP = 30;
export const MAX_GAP = 80;
const MAX_GAPS_PER_PATTERN = 3;
const MAX_PATTERN_LENGTH = 2000;
const MAX_GROUP_DEPTH = 6;
const WILDCARD_LETTERS = 15;

type Token =
  | { t: "(" | ")" | "|" | "?" | "!"; at: number }
  | { t: "gap"; max: number; at: number }
  | { t: "num"; at: number }
  | { t: "word"; text: string; wildStart: boolean; wildEnd: boolean; at: number };

function lex(source: string, defaultGap: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;
  const fail = (message: string, at: number): never => {
    throw new PatternSyntaxError(message, source, at);
  };
  const readGapNumber = (from: number): [number, number] => {
    let j = from;
    while (j < n && source[j]! >= "0" && source[j]! <= "9") j++;
    if (j === from) return [defaultGap, j];
    const max = Number(source.slice(from, j));
    if (max < 1 || max > MAX_GAP) fail(`a gap holds 1 to ${MAX_GAP} characters, not ${max}`, from);
    return [max, j];
  };
  while (i < n) {
    const ch = source[i]!;
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    if (ch === "(" || ch === ")" || ch === "|" || ch === "?") {
      tokens.push({ t: ch, at: i });
      i++;
      continue;
    }
    if (ch === "!" && i + 1 < n && !/\s/u.test(source[i + 1]!)) {
      tokens.push({ t: "!", at: i });
      i++;
      continue;
    }
    if (ch === "…" || source.startsWith("...", i)) {
      const [max, next] = readGapNumber(i + (ch === "…" ? 1 : 3));
      tokens.push({ t: "gap", max, at: i });
      i = next;
      continue;
    }
    if (source.startsWith("<num>", i)) {
      tokens.push({ t: "num", at: i });
      i += 5;
      continue;
    }
    // A word: up to whitespace or a syntax character; `\` escapes the next character.
    const at = i;
    let text = "";
    let wildStart = false;
    let wildEnd = false;
    if (ch === "*") {
      wildStart = true;
      i++;
    }
    while (i < n) {
      const c = source[i]!;
      if (c === "\\") {
        if (i + 1 >= n) fail("a pattern cannot end with `\\`", i);
        const cp = source.codePointAt(i + 1)!;
        text += String.fromCodePoint(cp);
        i += cp > 0xffff ? 3 : 2;
        continue;
      }
      if (/\s/u.test(c) || c === "(" || c === ")" || c === "|" || c === "?" || c === "…") break;
      if (source.startsWith("...", i) || source.startsWith("<num>", i)) break;
      if (c === "*") {
        wildEnd = true;
        i++;
        if (i < n && !/[\s()|?]/u.test(source[i]!)) fail("`*` may only start or end a word", i - 1);
        break;
      }
      text += c;
      i++;
    }
    if (text === "") fail("`*` needs a word", at);
    tokens.push({ t: "word", text, wildStart, wildEnd, at });
  }
  return tokens;
}

/** Parsed groups by their source text: a pack's definitions expand to the same group in many
 * patterns, parsed (and compiled, see `altRegex`) once. */
const groupCache = new Map<string, AltItem>();

/** Index of the `)` token that closes the `(` at `open`, or -1. */
function closingToken(tokens: Token[], open: number): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    const t = tokens[k]!.t;
    if (t === "(") depth++;
    else if (t === ")" && --depth === 0) return k;
  }
  return -1;
}

function parse(source: string, defaultGap: number): Sequence {
  if (source.length > MAX_PATTERN_LENGTH) {
    throw new PatternSyntaxError(`a pattern is at most ${MAX_PATTERN_LENGTH} characters`, source, 0);
  }
  const tokens = lex(source, defaultGap);
  let pos = 0;
  const fail = (message: string, at: number): never => {
    throw new PatternSyntaxError(message, source, at);
  };

  /** `single`: parse one item only (the operand of `!`). */
  const parseSeq = (depth: number, single = false): Sequence => {
    const items: PatternItem[] = [];
    while (pos < tokens.length && !(single && items.length === 1)) {
      const tok = tokens[pos]!;
      if (tok.t === ")" || tok.t === "|") break;
      pos++;
      if (tok.t === "!") {
        const inner = parseSeq(depth + 1, true);
        const target = inner.items[0];
        if (!target || target.kind === "gap" || target.kind === "not" || target.optional) {
          fail("`!` must be followed by a word or a group", tok.at);
        }
        items.push({ kind: "not", item: target as NotItem["item"], optional: false });
        continue;
      }
      let item: PatternItem;
      const close = tok.t === "(" ? closingToken(tokens, pos - 1) : -1;
      const groupKey = close >= 0 ? `${defaultGap}\u0000${depth}\u0000${source.slice(tok.at, tokens[close]!.at + 1)}` : "";
      const cachedGroup = close >= 0 ? groupCache.get(groupKey) : undefined;
      if (cachedGroup) {
        // a copy: `?` below may make this occurrence optional
        item = { ...cachedGroup };
        pos = close + 1;
      } else if (tok.t === "(") {
        if (depth >= MAX_GROUP_DEPTH) fail(`groups nest at most ${MAX_GROUP_DEPTH} deep`, tok.at);
        const options: Sequence[] = [];
        for (;;) {
          const seq = parseSeq(depth + 1);
          if (seq.items.length === 0) fail("an alternative is empty (use `?` for an optional group)", tok.at);
          if (seq.items.every((it) => it.optional || it.kind === "gap")) {
            const only = seq.items.length === 1 && seq.items[0]!.kind === "lit" ? seq.items[0]!.text : undefined;
            const stem = only ? [...only].slice(0, -1).join("") : "";
            const hint =
              only && isWordScriptChar(lastChar(only))
                ? // Latin, Cyrillic ... words need whole-word matches: `rate s?` would never match "rates".
                  `write \`${stem}*\` (any ending) or \`(${stem}|${only})\``
                : `write \`${stem} ${[...only ?? ""].slice(-1)[0]}?\``;
            fail(
              only && [...only].length > 1
                ? `\`${only}?\` makes the whole word optional, so this alternative can match nothing; to make only its last character optional ${hint}`
                : "every alternative needs a word that is not optional (make the group optional instead)",
              tok.at,
            );
          }
          options.push(seq);
          const next = tokens[pos];
          if (!next) fail("`(` is never closed", tok.at);
          pos++;
          if (next!.t === ")") break;
        }
        item = { kind: "alt", options, optional: false };
        if (close >= 0) {
          if (groupCache.size > 20_000) groupCache.clear();
          groupCache.set(groupKey, { ...item });
        }
      } else if (tok.t === "gap") {
        item = { kind: "gap", max: tok.max, optional: false };
      } else if (tok.t === "num") {
        item = { kind: "num", optional: false };
      } else if (tok.t === "word") {
        const text = foldLiteral(tok.text);
        if (text === "") fail("a word folds to nothing (only invisible characters?)", tok.at);
        if ((tok.wildStart || tok.wildEnd) && !isWordScriptChar(tok.wildStart ? firstChar(text) : lastChar(text))) {
          fail("`*` only works on words of space-separated scripts (Latin, Cyrillic, Arabic ...)", tok.at);
        }
        item = { kind: "lit", text, optional: false, wildStart: tok.wildStart, wildEnd: tok.wildEnd };
      } else {
        throw new PatternSyntaxError("`?` must follow a token or a group", source, tok.at);
      }
      if (tokens[pos]?.t === "?") {
        if (item.kind === "gap") fail("a gap is already optional", tokens[pos]!.at);
        (item as LiteralItem | AltItem | NumItem).optional = true;
        pos++;
      }
      items.push(item);
    }
    return { items };
  };

  const seq = parseSeq(0);
  if (pos < tokens.length) fail(`unexpected \`${tokens[pos]!.t}\``, tokens[pos]!.at);
  if (seq.items.length === 0) fail("a pattern needs at least one word", 0);
  if (seq.items.every((item) => item.optional || item.kind === "gap" || item.kind === "not")) {
    fail("a pattern needs at least one word that is not optional", 0);
  }
  checkNots(seq, fail);
  const first = seq.items[0]!;
  const last = seq.items[seq.items.length - 1]!;
  if (first.kind === "gap" || last.kind === "gap") fail("a pattern cannot start or end with a gap", 0);
  if (last.kind === "not") fail("`!` needs a word after it", 0);
  for (let k = 1; k < seq.items.length; k++) {
    if (seq.items[k]!.kind === "gap" && seq.items[k - 1]!.kind === "gap") fail("two gaps in a row", 0);
  }
  // Each gap on one path through the pattern multiplies the backtracking a failed match can cost.
  if (gapsOnPath(seq) > MAX_GAPS_PER_PATTERN) fail(`at most ${MAX_GAPS_PER_PATTERN} gaps one after another`, 0);
  return seq;
}

/** `!x` must be followed, in its sequence, by a word or group that is not optional. */
function checkNots(seq: Sequence, fail: (message: string, at: number) => never): void {
  seq.items.forEach((item, k) => {
    if (item.kind === "not") {
      const next = seq.items[k + 1];
      if (!next || next.optional || next.kind === "gap" || next.kind === "not") {
        fail("`!x` must be followed by a word or group that is not optional", 0);
      }
    }
    if (item.kind === "alt") item.options.forEach((o) => checkNots(o, fail));
  });
}

function gapsOnPath(seq: Sequence): number {
  let n = 0;
  for (const item of seq.items) {
    if (item.kind === "gap") n++;
    else if (item.kind === "alt") n += Math.max(...item.options.map(gapsOnPath));
  }
  return n;
}

/** A pattern literal gets the folding the text gets (width, case, traditional → simplified). */
const foldedLiterals = new Map<string, string>();

function foldLiteral(text: string): string {
  let folded = foldedLiterals.get(text);
  if (folded === undefined) {
    folded = foldText(text).text;
    if (foldedLiterals.size > 50_000) foldedLiterals.clear();
    foldedLiterals.set(text, folded);
  }
  return folded;
}

function firstChar(s: string): string {
  return String.fromCodePoint(s.codePointAt(0)!);
}
function lastChar(s: string): string {
  const chars = [...s];
  return chars[chars.length - 1]!;
}

// ---------------------------------------------------------------------------------------------
// Compilation to RegExp

/** Letters of scripts that separate words with spaces (Latin with its accents and Vietnamese,
 * Greek, Cyrillic, Armenian, Hebrew, Arabic, Devanagari, Hangul), ASCII digits and combining
 * accents: what a word boundary looks at. Han, kana and Thai are not in it, so their tokens need no
 * boundary. Written as explicit ranges: `\p{Script=…}` classes cost V8 tens of milliseconds to
 * compile per regex, and a rule has hundreds. */
const WORD_RANGES =
  "a-zA-Z0-9\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02AF\u0300-\u036F\u0370-\u03FF\u0400-\u052F" +
  "\u0531-\u058F\u0591-\u05F4\u0620-\u0669\u066E-\u06D3\u06D5-\u06FF\u0750-\u077F" +
  "\u0900-\u0963\u0966-\u097F\u1100-\u11FF\u1E00-\u1EFF\u3130-\u318F\uAC00-\uD7AF";
const WORD_CLASS = `[${WORD_RANGES}]`;
/** What decides whether a token gets a boundary: its first/last character is such a letter or
 * digit (a combining mark alone does not count). */
const WORD_CHAR = new RegExp(`^[${WORD_RANGES.replace("\u0300-\u036F", "")}]$`, "u");

function isWordScriptChar(ch: string): boolean {
  return WORD_CHAR.test(ch);
}

/** Sentence marks in the folded view (full-width ones are already folded to ASCII by NFKC). */
const BREAK_CHARS = "\\n.!?。؟";
/** Separators allowed between two tokens: spaces, punctuation other than sentence marks, symbols
 * and BMP emoji (❤ ★ ✨) — never a letter or digit of any script. Astral emoji (😊) are left out:
 * a class with astral ranges makes every one of hundreds of regexes markedly slower to compile and
 * run; a `…` gap still spans them. */
const SEPARATORS =
  "\\s,:;\\-_~·*+/|\\\\'\"`^=@#&%$()[\\]{}<>\\u00A0-\\u00BF\\u2000-\\u2BFF\\u3000-\\u3001\\u3003-\\u303F" +
  "\\u30FB\\uFE30-\\uFE4F\\uFF5E\\u060C\\u061B\\u066A-\\u066D";
/** Between two tokens: up to three separators. */
const JOINER = `[${SEPARATORS}]{0,3}`;
/** Inside a gap: anything but a sentence mark; a dot only inside a word or number (3.20, abc.com). */
const GAP_UNIT = `(?:[^${BREAK_CHARS}]|\\.(?=[^\\s${BREAK_CHARS},]))`;
const DIGIT = "[0-9\\u0660-\\u0669\\u06F0-\\u06F9]";
const NUMBER =
  `(?<![0-9\\u0660-\\u0669\\u06F0-\\u06F9.,])(?:${DIGIT}{1,7}(?:[.,]${DIGIT}{1,3}){0,2}|[一二两三四五六七八九十几百千万半]{1,4})(?!${DIGIT})`;

const APOSTROPHES = "['’‘ʼ`´]?";
const DASHES = "[-‐‑–—\\s]?";
const HARAKAT = "[\\u064B-\\u065F\\u0670\\u0640]{0,2}";
const ARABIC_VARIANTS: Record<string, string> = {
  ا: "[اأإآٱ]", أ: "[اأإآ]", إ: "[اأإآ]", آ: "[اأإآ]",
  ي: "[يىی]", ى: "[يىی]", ة: "[ةه]", ه: "[هة]", ك: "[كک]",
};
const CYRILLIC_VARIANTS: Record<string, string> = { е: "[её]", ё: "[её]" };

function escapeChar(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/u.test(ch) ? `\\${ch}` : ch;
}

interface CharPiece {
  re: string;
  /** The character is matched as itself (usable in an anchor). */
  plain: boolean;
  /** A character that is always present although the piece is not plain (Arabic letters followed
   * by optional harakat): a one-character anchor. */
  always?: string;
}

/** Pieces per literal text: the packs repeat the same words (app names, wallets) in many patterns. */
const piecesCache = new Map<string, CharPiece[]>();

function charPieces(text: string): CharPiece[] {
  let cached = piecesCache.get(text);
  if (!cached) {
    cached = computeCharPieces(text);
    if (piecesCache.size > 50_000) piecesCache.clear();
    piecesCache.set(text, cached);
  }
  return cached;
}

function computeCharPieces(text: string): CharPiece[] {
  const pieces: CharPiece[] = [];
  for (const ch of text) {
    if (ch === "'" || ch === "’" || ch === "‘" || ch === "ʼ") {
      pieces.push({ re: APOSTROPHES, plain: false });
    } else if (ch === "-") {
      pieces.push({ re: DASHES, plain: false });
    } else if (/\p{Script=Arabic}/u.test(ch) && /\p{L}/u.test(ch)) {
      const variants = ARABIC_VARIANTS[ch];
      pieces.push({ re: `${variants ?? ch}${HARAKAT}`, plain: false, always: variants ? undefined : ch });
    } else if (CYRILLIC_VARIANTS[ch]) {
      pieces.push({ re: CYRILLIC_VARIANTS[ch]!, plain: false });
    } else if (ch === "đ") {
      pieces.push({ re: "[đd]", plain: false });
    } else {
      const base = ch.normalize("NFD").replace(/\p{M}/gu, "");
      if (base !== ch && base.length > 0 && /\p{Script=Latin}/u.test(base)) {
        pieces.push({ re: `(?:${ch}|${escapeChar(base)}[\\u0300-\\u036F]{0,2})`, plain: false });
      } else {
        pieces.push({ re: escapeChar(ch), plain: true });
      }
    }
  }
  return pieces;
}

const literalRegexCache = new Map<string, string>();

function literalRegex(item: LiteralItem): string {
  const key = `${item.wildStart ? "*" : ""}${item.text}\u0000${item.wildEnd ? "*" : ""}`;
  let re = literalRegexCache.get(key);
  if (re === undefined) {
    re = computeLiteralRegex(item);
    if (literalRegexCache.size > 50_000) literalRegexCache.clear();
    literalRegexCache.set(key, re);
  }
  return re;
}

function computeLiteralRegex(item: LiteralItem): string {
  const pieces = charPieces(item.text).map((p) => p.re);
  const startsWord = isWordScriptChar(firstChar(item.text));
  const endsWord = isWordScriptChar(lastChar(item.text));
  let re: string;
  if (item.wildStart) {
    re = `${WORD_CLASS}{0,${WILDCARD_LETTERS}}${pieces.join("")}`;
    if (startsWord) re = `(?<!${WORD_CLASS})${re}`;
  } else if (startsWord) {
    // The boundary check comes after the first character (`c(?<!Wc)ontact` rather than
    // `(?<!W)contact`), so the regex starts with a character V8 can scan for quickly.
    const [first, ...rest] = pieces;
    re = `${first}(?<!${WORD_CLASS}${first})${rest.join("")}`;
  } else re = pieces.join("");
  if (item.wildEnd) re = `${re}${WORD_CLASS}{0,${WILDCARD_LETTERS}}`;
  if (endsWord) re = `${re}(?!${WORD_CLASS})`;
  return re;
}

/** Alternatives. Single words that need a boundary on both sides share one lookbehind and one
 * lookahead — `(?<!W)(?:pay|send|wire)(?!W)` — instead of one pair each: the same matches, and a
 * list of sixty app or wallet names compiles several times faster. */
const altRegexCache = new WeakMap<Sequence[], string>();

function altRegex(item: AltItem): string {
  let re = altRegexCache.get(item.options);
  if (re === undefined) {
    re = computeAltRegex(item);
    altRegexCache.set(item.options, re);
  }
  return re;
}

function computeAltRegex(item: AltItem): string {
  const shared: string[] = [];
  const others: string[] = [];
  for (const option of item.options) {
    const only = option.items.length === 1 ? option.items[0]! : undefined;
    if (
      only?.kind === "lit" &&
      !only.optional &&
      !only.wildStart &&
      !only.wildEnd &&
      isWordScriptChar(firstChar(only.text)) &&
      isWordScriptChar(lastChar(only.text))
    ) {
      shared.push(charPieces(only.text).map((p) => p.re).join(""));
    } else {
      others.push(sequenceRegex(option));
    }
  }
  if (shared.length < 2) return `(?:${item.options.map(sequenceRegex).join("|")})`;
  const bounded = `(?<!${WORD_CLASS})(?:${shared.join("|")})(?!${WORD_CLASS})`;
  return others.length === 0 ? bounded : `(?:${bounded}|${others.join("|")})`;
}

function itemRegex(item: PatternItem): string {
  switch (item.kind) {
    case "lit":
      return literalRegex(item);
    case "alt":
      return altRegex(item);
    case "gap":
      return `${GAP_UNIT}{0,${item.max}}?`;
    case "num":
      return NUMBER;
    case "not":
      return `(?<!${itemRegex(item.item)}${JOINER})`;
  }
}

function sequenceRegex(seq: Sequence): string {
  let out = "";
  seq.items.forEach((item, k) => {
    const previous = k > 0 ? seq.items[k - 1]! : undefined;
    const joiner =
      k === 0 || item.kind === "gap" || previous?.kind === "gap" || previous?.kind === "not" ? "" : JOINER;
    const piece = joiner + itemRegex(item);
    out += item.optional ? `(?:${piece})?` : piece;
  });
  return out;
}

// Anchors: literal strings of which at least one occurs in the folded text whenever the pattern
// matches. One Aho-Corasick pass over a field finds which patterns can match at all, so the
// regexes of the other few hundred never run.

/** A string that occurs in the folded text whenever the pattern matches; `left`/`right`: the
 * occurrence must also sit at a word boundary there (the literal's own boundary). */
export interface Anchor {
  text: string;
  left: boolean;
  right: boolean;
}

function literalAnchors(item: LiteralItem): Anchor[] | null {
  const pieces = charPieces(item.text);
  const chars = [...item.text];
  const startsWord = isWordScriptChar(chars[0]!) && !item.wildStart;
  const endsWord = isWordScriptChar(chars[chars.length - 1]!) && !item.wildEnd;
  const last = pieces.length - 1;
  const edges = (from: number, to: number) => ({ left: from === 0 && startsWord, right: to === last && endsWord });
  // Longest run of characters matched as themselves.
  let best: Anchor | null = null;
  let run = "";
  let runStart = 0;
  pieces.forEach((piece, k) => {
    if (piece.plain) {
      if (run === "") runStart = k;
      run += piece.re.replace(/^\\/u, "");
      if (!best || run.length > best.text.length) best = { text: run, ...edges(runStart, k) };
    } else {
      run = "";
      if (piece.always && !best) best = { text: piece.always, ...edges(k, k) };
    }
  });
  // Longest run of plain and accented Latin letters: the text holds it either with its accents or
  // without them (Vietnamese and Spanish are often typed without), so both spellings are anchors.
  let accented: Anchor | null = null;
  let current = "";
  let currentStart = 0;
  pieces.forEach((piece, k) => {
    const ch = chars[k]!;
    const isAccent = !piece.plain && (ch === "đ" || piece.re.startsWith("(?:"));
    if (piece.plain || isAccent) {
      if (current === "") currentStart = k;
      current += piece.plain ? piece.re.replace(/^\\/u, "") : ch;
      if (!accented || current.length > accented.text.length) accented = { text: current, ...edges(currentStart, k) };
    } else current = "";
  });
  const a = accented as Anchor | null;
  const b = best as Anchor | null;
  if (a && (!b || a.text.length > b.text.length)) {
    const stripped = a.text.normalize("NFD").replace(/[\u0300-\u036f]/gu, "").replace(/đ/gu, "d");
    return stripped === a.text ? [a] : [a, { ...a, text: stripped }];
  }
  return b ? [b] : null;
}

/** Words so common that an anchor made of them filters nothing. */
const COMMON_WORDS = new Set(
  (
    "the a an to of for on in at by with and or is are be it you your my our us me we i if when this that from as not no " +
    "de la el en y por para con que o em com da do le les et à sur du des и в на с по для не " +
    "的 了 我 你 您 给 到 在 是 有 就 也 都 和 上 下 个 点 % + 可以 我们"
  ).split(" "),
);

const altAnchorsCache = new WeakMap<Sequence[], Anchor[] | null>();

function itemAnchors(item: PatternItem): Anchor[] | null {
  if (item.kind === "lit") return literalAnchors(item);
  if (item.kind === "alt") {
    if (altAnchorsCache.has(item.options)) return altAnchorsCache.get(item.options)!;
    const anchors = computeAltAnchors(item);
    altAnchorsCache.set(item.options, anchors);
    return anchors;
  }
  return null;
}

function computeAltAnchors(item: AltItem): Anchor[] | null {
  const all = new Map<string, Anchor>();
  for (const option of item.options) {
    const anchors = sequenceAnchors(option);
    if (!anchors) return null;
    for (const a of anchors) all.set(`${a.text}\u0000${a.left}${a.right}`, a);
  }
  return [...all.values()];
}

function sequenceAnchors(seq: Sequence): Anchor[] | null {
  let best: Anchor[] | null = null;
  let bestScore = -Infinity;
  for (const item of seq.items) {
    if (item.optional) continue;
    const anchors = itemAnchors(item);
    if (!anchors || anchors.length === 0) continue;
    // Prefer the item whose shortest anchor is longest (rarer), then fewer anchors; never one that
    // includes a very common word when something else is available.
    const common = anchors.some((a) => COMMON_WORDS.has(a.text)) ? 10_000 : 0;
    // A short Latin anchor that must stand as a whole word is nearly as selective as a longer one.
    const length = (a: Anchor) => a.text.length + (a.left && a.right ? 2 : a.left || a.right ? 1 : 0);
    const score = Math.min(...anchors.map(length)) * 100 - Math.min(anchors.length, 99) - common;
    if (score > bestScore) {
      best = anchors;
      bestScore = score;
    }
  }
  return best;
}

export interface CompiledPattern {
  source: string;
  /** Global, unicode: run with `exec` from lastIndex 0. */
  regex: RegExp;
  /** Strings of which one occurs in any match; null when none could be derived. */
  anchors: Anchor[] | null;
  /** For every required item that has anchors, its anchors: a match shows one of each group, so a
   * text missing any group cannot match (a far sharper test than the one best item). */
  anchorGroups: Anchor[][];
}

/** The anchors of each required item of a sequence (items without derivable anchors are left out). */
function sequenceAnchorGroups(seq: Sequence): Anchor[][] {
  const groups: Anchor[][] = [];
  for (const item of seq.items) {
    if (item.optional) continue;
    const anchors = itemAnchors(item);
    if (anchors && anchors.length > 0) groups.push(anchors);
  }
  return groups;
}

export interface CompileOptions {
  /** Characters a bare `…` spans (default 30). */
  defaultGap?: number;
}

/** Per pattern source: its anchors (computed with the parse) and — when a text first holds one of
 * them — its RegExp source. The syntax tree is not kept: the bundled packs parse to ~10 MB of
 * small objects that would stay live for the whole run, while the few hundred patterns whose
 * regexes a catalogue ever needs are parsed again in well under a millisecond each. */
interface CompiledEntryCache {
  source: string;
  defaultGap: number;
  anchors: Anchor[] | null;
  anchorGroups: Anchor[][];
  regexSource?: string;
}
const compiled = new Map<string, CompiledEntryCache>();

function cachedParse(source: string, defaultGap: number): CompiledEntryCache {
  const key = `${defaultGap}\u0000${source}`;
  let entry = compiled.get(key);
  if (!entry) {
    const seq = parse(source, defaultGap);
    entry = { source, defaultGap, anchors: sequenceAnchors(seq), anchorGroups: sequenceAnchorGroups(seq) };
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(key, entry);
  }
  return entry;
}

/** A pattern's parse as the matcher keeps it: what the build stores for the bundled packs, so a
 * run starts without parsing them (~0.3 s, 40% of linting one small file). */
export interface PatternParse {
  source: string;
  defaultGap: number;
  anchors: Anchor[] | null;
  anchorGroups: Anchor[][];
}

/** Every pattern parsed so far in this process. */
export function patternParses(): PatternParse[] {
  return [...compiled.values()].map(({ source, defaultGap, anchors, anchorGroups }) => ({ source, defaultGap, anchors, anchorGroups }));
}

/** Takes parses made by this same code (the build's, see phrase-parses.ts) as if parsed here. */
export function primePatternParses(parses: readonly PatternParse[]): void {
  for (const { source, defaultGap, anchors, anchorGroups } of parses) {
    compiled.set(`${defaultGap}\u0000${source}`, { source, defaultGap, anchors, anchorGroups });
  }
}

/** The parsed groups and the regexes of literals: they make a pack's hundreds of patterns that
 * share definitions quick to compile, and hold most of the trees. Emptied after each `PhraseSet`
 * (the folded literals and character pieces stay: small, and the slow part to recompute). */
function releaseParseCaches(): void {
  groupCache.clear();
  literalRegexCache.clear();
}

/** Compiles one pattern. Throws `PatternSyntaxError` with the column on bad syntax. Each call
 * returns its own RegExp (they carry `lastIndex`); the parse is cached. */
export function compilePattern(source: string, options: CompileOptions = {}): CompiledPattern {
  return new LazyPattern(source, cachedParse(source, options.defaultGap ?? DEFAULT_GAP));
}

/** A compiled pattern whose RegExp (and its source) is built at first use: V8 parses a regex when
 * it is constructed, and most patterns of a rule never see a text that holds their anchors. A class
 * (a getter on the prototype), as `regex` is read in the matching loop. */
class LazyPattern implements CompiledPattern {
  private built: RegExp | undefined;
  readonly anchors: Anchor[] | null;
  readonly anchorGroups: Anchor[][];

  constructor(
    readonly source: string,
    private readonly entry: CompiledEntryCache,
  ) {
    this.anchors = entry.anchors;
    this.anchorGroups = entry.anchorGroups;
  }

  get regex(): RegExp {
    const entry = this.entry;
    return (this.built ??= new RegExp((entry.regexSource ??= sequenceRegex(parse(entry.source, entry.defaultGap))), "gu"));
  }
}

/** Parses a pattern (and caches the parse) without compiling it: the syntax check of a pack. Throws
 * `PatternSyntaxError` like `compilePattern`. */
export function checkPattern(source: string, options: CompileOptions = {}): void {
  cachedParse(source, options.defaultGap ?? DEFAULT_GAP);
}

/** The RegExp source a pattern compiles to (for docs, debugging and tests). */
export function patternToRegexSource(source: string, options: CompileOptions = {}): string {
  return sequenceRegex(parse(source, options.defaultGap ?? DEFAULT_GAP));
}

// ---------------------------------------------------------------------------------------------
// Sentences

const SENTENCE_BREAK = /[\n!?。؟]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function isBreakAt(text: string, i: number): boolean {
  const ch = text[i]!;
  if (ch === ".") return !(i + 1 < text.length && LETTER_OR_DIGIT.test(text[i + 1]!));
  return SENTENCE_BREAK.test(ch);
}

/** How far a sentence reaches on each side of a hit: context further away is not "the same
 * sentence" (and a megabyte without punctuation costs nothing per hit). */
const MAX_SENTENCE_REACH = 400;

/** The sentence around view range [start, end): from after the previous sentence mark to before
 * the next one, at most 400 characters either side. A dot inside a word or number (abc.com, 3.20)
 * is not a sentence mark. */
export function sentenceAround(text: string, start: number, end: number): [number, number] {
  let s = start;
  const lowest = Math.max(0, start - MAX_SENTENCE_REACH);
  while (s > lowest && !isBreakAt(text, s - 1)) s--;
  let e = Math.max(end, start);
  const highest = Math.min(text.length, e + MAX_SENTENCE_REACH);
  while (e < highest && !isBreakAt(text, e)) e++;
  return [s, e];
}

/** Most neighbouring sentences an entry's `window` may read on each side. */
export const MAX_WINDOW = 2;

/** Widens the sentence [ss, se) by `n` sentences on each side (within the usual reach). */
export function sentencesAround(text: string, ss: number, se: number, n: number): [number, number] {
  let s = ss;
  let e = se;
  for (let k = 0; k < n; k++) {
    if (s > 0) s = sentenceAround(text, s - 1, s - 1)[0];
    if (e < text.length) e = sentenceAround(text, e + 1, e + 1)[1];
  }
  return [s, e];
}

// ---------------------------------------------------------------------------------------------
// Phrase packs: the data model (validated from YAML by the loader)

export interface BilingualNote {
  en: string;
  "zh-CN": string;
}

export interface PhraseEntrySpec {
  /** Unique within the pack. */
  id: string;
  /** One pattern, or several (`patterns`); at least one of the two. */
  pattern?: string;
  patterns?: string[];
  /** 0..1: ≥ 0.8 reads as an error, 0.5–0.8 a warning, below 0.5 only in strict mode. */
  confidence: number;
  /** The rule message to report; the pack's default when absent. */
  messageId?: string;
  unless?: string[];
  requires?: string[];
  boost?: { patterns: string[]; confidence: number };
  /** Sentences on each side of the hit's sentence that `requires` and `boost` also read (0–2). */
  window?: number;
  /** What the wording hides or how sellers disguise it (shown by `explain`). */
  disguise?: string | BilingualNote;
  note?: string;
  /** Texts this entry must flag / must not flag (checked by the test suite). */
  examples?: string[];
  counterexamples?: string[];
}

export interface NegativeContextSpec {
  patterns: string[];
  /** `sentence` (default): the hit's sentence; `field`: the whole field text. */
  scope?: "sentence" | "field";
  /** Subtracted from the confidence; 1 (the default) drops the hit. */
  penalty?: number;
  /** Patterns that keep the negative from applying when one of them is in the same scope (the
   * QR code leads to a manual, unless the sentence also says "add us"). */
  except?: string[];
  note?: string;
}

export interface PhrasePackSpec {
  /** BCP-47 language of the pack (en, zh, es ...). */
  lang: string;
  /** Default messageId of the pack's entries. */
  messageId?: string;
  /** Characters a bare `…` spans in this pack. */
  gap?: number;
  /** Named pattern pieces: `{name}` in any pattern of the pack stands for `(piece)`. Validation
   * expands them, so a validated spec holds expanded patterns. */
  define?: Record<string, string>;
  /** Negative context: applies to hits of every pack of the same rule. */
  negative?: NegativeContextSpec[];
  entries: PhraseEntrySpec[];
}

export class PhrasePackError extends Error {
  constructor(
    message: string,
    public readonly where: string,
  ) {
    super(`${where}: ${message}`);
    this.name = "PhrasePackError";
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, where: string, required = false): string[] | undefined {
  if (value === undefined || value === null) {
    if (required) throw new PhrasePackError("a list of patterns is required", where);
    return undefined;
  }
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list) || list.some((v) => typeof v !== "string" || v.trim() === "")) {
    throw new PhrasePackError("must be a string or a list of non-empty strings", where);
  }
  return list as string[];
}

function confidenceValue(value: unknown, where: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new PhrasePackError("confidence must be a number from 0 to 1", where);
  }
  return value;
}

const ENTRY_KEYS = new Set([
  "id", "pattern", "patterns", "confidence", "messageId", "unless", "requires", "boost",
  "disguise", "note", "examples", "counterexamples", "window",
]);
const PACK_KEYS = new Set(["lang", "messageId", "gap", "define", "negative", "entries"]);

const DEFINITION_REF = /(?<!\\)\{([a-z][a-z0-9_-]*)\}/giu;

/** Replaces `{name}` with the pack's definition of `name` (definitions may use earlier ones). */
export function expandDefinitions(pattern: string, define: Record<string, string>, where: string): string {
  let out = pattern;
  for (let depth = 0; depth < 5; depth++) {
    let changed = false;
    out = out.replace(DEFINITION_REF, (_, name: string) => {
      const body = define[name];
      if (body === undefined) {
        throw new PhrasePackError(`unknown definition {${name}} (defined: ${Object.keys(define).join(", ") || "none"})`, where);
      }
      changed = true;
      return `(${body})`;
    });
    if (!changed) return out;
  }
  throw new PhrasePackError("definitions nest too deep (or refer to themselves)", where);
}

/** Checks the shape of a parsed pack (names the key path on error) and that every pattern compiles. */
export function validatePackSpec(value: unknown, where: string): PhrasePackSpec {
  if (!isRecord(value)) throw new PhrasePackError("a phrase pack must be a mapping with `lang` and `entries`", where);
  for (const key of Object.keys(value)) {
    if (!PACK_KEYS.has(key)) throw new PhrasePackError(`unknown key \`${key}\` (known: ${[...PACK_KEYS].join(", ")})`, where);
  }
  if (typeof value.lang !== "string" || value.lang === "") throw new PhrasePackError("`lang` must be a language code", where);
  if (value.messageId !== undefined && typeof value.messageId !== "string") {
    throw new PhrasePackError("`messageId` must be a string", where);
  }
  let gap: number | undefined;
  if (value.gap !== undefined) {
    if (typeof value.gap !== "number" || !Number.isInteger(value.gap) || value.gap < 1 || value.gap > MAX_GAP) {
      throw new PhrasePackError(`\`gap\` must be an integer from 1 to ${MAX_GAP}`, where);
    }
    gap = value.gap;
  }
  const define: Record<string, string> = {};
  if (value.define !== undefined) {
    if (!isRecord(value.define)) throw new PhrasePackError("`define` must map names to pattern pieces", where);
    for (const [name, body] of Object.entries(value.define)) {
      if (!/^[a-z][a-z0-9_-]*$/iu.test(name)) throw new PhrasePackError(`bad definition name \`${name}\``, `${where} define`);
      if (typeof body !== "string" || body.trim() === "") throw new PhrasePackError(`definition \`${name}\` must be a pattern`, `${where} define`);
      define[name] = body;
    }
  }
  /** Expands definitions in place and checks that every pattern compiles. */
  const compileAll = (patterns: string[] | undefined, at: string): string[] | undefined => {
    if (!patterns) return undefined;
    return patterns.map((p) => {
      const expanded = expandDefinitions(p, define, at);
      try {
        checkPattern(expanded, { defaultGap: gap });
      } catch (error) {
        throw new PhrasePackError((error as Error).message, at);
      }
      return expanded;
    });
  };

  const negative: NegativeContextSpec[] = [];
  if (value.negative !== undefined) {
    if (!Array.isArray(value.negative)) throw new PhrasePackError("`negative` must be a list", where);
    value.negative.forEach((raw, k) => {
      const at = `${where} negative[${k}]`;
      if (!isRecord(raw)) throw new PhrasePackError("must be a mapping with `patterns`", at);
      const patterns = compileAll(stringList(raw.patterns, `${at}.patterns`, true), `${at}.patterns`)!;
      const scope = raw.scope ?? "sentence";
      if (scope !== "sentence" && scope !== "field") throw new PhrasePackError("`scope` is `sentence` or `field`", at);
      const penalty = raw.penalty === undefined ? 1 : confidenceValue(raw.penalty, `${at}.penalty`);
      for (const key of Object.keys(raw)) {
        if (!["patterns", "scope", "penalty", "except", "note"].includes(key)) {
          throw new PhrasePackError(`unknown key \`${key}\` (known: patterns, scope, penalty, except, note)`, at);
        }
      }
      const except = compileAll(stringList(raw.except, `${at}.except`), `${at}.except`);
      negative.push({ patterns, scope, penalty, except, note: typeof raw.note === "string" ? raw.note : undefined });
    });
  }

  if (!Array.isArray(value.entries) || value.entries.length === 0) {
    throw new PhrasePackError("`entries` must be a non-empty list", where);
  }
  const ids = new Set<string>();
  const entries = value.entries.map((raw, k): PhraseEntrySpec => {
    let at = `${where} entries[${k}]`;
    if (!isRecord(raw)) throw new PhrasePackError("an entry must be a mapping", at);
    if (typeof raw.id !== "string" || !/^[a-z0-9][a-z0-9._-]*$/u.test(raw.id)) {
      throw new PhrasePackError("`id` must be lower-case letters, digits, `.`, `_` or `-`", at);
    }
    at = `${where} entries[${k}] (${raw.id})`;
    if (ids.has(raw.id)) throw new PhrasePackError(`duplicate id \`${raw.id}\``, at);
    ids.add(raw.id);
    for (const key of Object.keys(raw)) {
      if (!ENTRY_KEYS.has(key)) throw new PhrasePackError(`unknown key \`${key}\` (known: ${[...ENTRY_KEYS].join(", ")})`, at);
    }
    const written = [...(stringList(raw.pattern, `${at}.pattern`) ?? []), ...(stringList(raw.patterns, `${at}.patterns`) ?? [])];
    if (written.length === 0) throw new PhrasePackError("needs `pattern` or `patterns`", at);
    const patterns = compileAll(written, at)!;
    const confidence = confidenceValue(raw.confidence, `${at}.confidence`);
    if (raw.messageId !== undefined && typeof raw.messageId !== "string") throw new PhrasePackError("`messageId` must be a string", at);
    const unless = compileAll(stringList(raw.unless, `${at}.unless`), `${at}.unless`);
    const requires = compileAll(stringList(raw.requires, `${at}.requires`), `${at}.requires`);
    let boost: PhraseEntrySpec["boost"];
    if (raw.boost !== undefined) {
      if (!isRecord(raw.boost)) throw new PhrasePackError("`boost` must be a mapping with `patterns` and `confidence`", at);
      const bp = compileAll(stringList(raw.boost.patterns, `${at}.boost.patterns`, true), `${at}.boost`)!;
      boost = { patterns: bp, confidence: confidenceValue(raw.boost.confidence, `${at}.boost.confidence`) };
    }
    let window: number | undefined;
    if (raw.window !== undefined) {
      if (typeof raw.window !== "number" || !Number.isInteger(raw.window) || raw.window < 0 || raw.window > MAX_WINDOW) {
        throw new PhrasePackError(`\`window\` must be an integer from 0 to ${MAX_WINDOW}`, at);
      }
      window = raw.window;
    }
    let disguise: PhraseEntrySpec["disguise"];
    if (raw.disguise !== undefined) {
      if (typeof raw.disguise === "string") disguise = raw.disguise;
      else if (isRecord(raw.disguise) && typeof raw.disguise.en === "string" && typeof raw.disguise["zh-CN"] === "string") {
        disguise = { en: raw.disguise.en, "zh-CN": raw.disguise["zh-CN"] };
      } else throw new PhrasePackError("`disguise` must be a string or { en, zh-CN }", at);
    }
    return {
      id: raw.id,
      patterns,
      confidence,
      messageId: raw.messageId as string | undefined,
      unless,
      requires,
      boost,
      window,
      disguise,
      note: typeof raw.note === "string" ? raw.note : undefined,
      examples: stringList(raw.examples, `${at}.examples`),
      counterexamples: stringList(raw.counterexamples, `${at}.counterexamples`),
    };
  });
  return {
    lang: value.lang,
    messageId: value.messageId as string | undefined,
    gap,
    define,
    negative,
    entries,
  };
}

// ---------------------------------------------------------------------------------------------
// Aho-Corasick over anchors: one linear pass finds every anchor present in a text.

class AnchorIndex {
  private readonly next: Array<Map<number, number>> = [new Map()];
  private readonly fail: number[] = [0];
  private readonly out: number[][] = [[]];
  /** Full transition table for ASCII characters (goto and failure links resolved): one array read
   * per character of Latin text. Non-ASCII characters walk the sparse maps. */
  private ascii: Int32Array | Uint16Array = new Int32Array(1);
  /** ASCII unit → its column in `ascii`: 1..k for the characters some anchor holds, 0 for the
   * rest (they lead every state back to the root). */
  private asciiColumn = new Uint8Array(128);
  private asciiWidth = 1;
  /** `out` flattened for the scan (the ids of state s are outIds[outStart[s] .. outStart[s + 1]]):
   * two typed arrays rather than an array of arrays spread over the heap, one cache line at most
   * per character instead of a pointer chase. */
  private outStart = new Int32Array(2);
  private outIds = new Int32Array(0);
  /** Per anchor id: its length if it needs a boundary before it (else 0), and whether after it. */
  private readonly leftSpan: number[] = [];
  private readonly rightEdge: boolean[] = [];
  /** Root transitions for every UTF-16 unit: most characters of a text leave the automaton at the root. */
  private readonly rootNext = new Int32Array(0x10000);
  private built = false;

  /** Adds anchor `id`; `left`/`right`: it only counts with a non-word unit (or the text's edge)
   * before/after it. */
  add(word: string, id: number, left: boolean, right: boolean): void {
    if (id > MAX_PACKED_ID) throw new Error(`phrase anchors: more than ${MAX_PACKED_ID} anchors`);
    this.leftSpan[id] = left ? word.length : 0;
    this.rightEdge[id] = right;
    let state = 0;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      let to = this.next[state]!.get(c);
      if (to === undefined) {
        to = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.out.push([]);
        this.next[state]!.set(c, to);
        if (state === 0) this.rootNext[c] = to;
      }
      state = to;
    }
    if (!this.out[state]!.includes(id)) this.out[state]!.push(id);
    this.built = false;
  }

  private build(): void {
    const n = this.next.length;
    const order: number[] = [0];
    for (let head = 0; head < order.length; head++) {
      const state = order[head]!;
      for (const [c, to] of this.next[state]!) {
        order.push(to);
        if (state === 0) {
          this.fail[to] = 0;
          continue;
        }
        let f = this.fail[state]!;
        while (f !== 0 && !this.next[f]!.has(c)) f = this.fail[f]!;
        const target = this.next[f]!.get(c);
        this.fail[to] = target !== undefined && target !== to ? target : 0;
      }
    }
    // Outputs along failure links, and the ASCII table, in breadth-first order (a state's failure
    // target is shallower, so it is complete before the state itself).
    // The table is read once per character of every field, interleaved with all the other work,
    // so mostly from cold caches (the scan costs ~4× per character in a real run what it costs in a
    // tight loop): kept small. Columns only for the ~40 ASCII characters anchors hold, and 16-bit
    // states while they fit: ~12k states × 42 columns × 2 bytes ≈ 1 MB (was 128 columns, 3 MB).
    const column = new Uint8Array(128);
    const columnChar: number[] = [0];
    for (const goto of this.next) {
      for (const c of goto.keys()) if (c < 128 && column[c] === 0) column[c] = columnChar.push(c) - 1;
    }
    const width = columnChar.length;
    const ascii = n <= 0xffff ? new Uint16Array(n * width) : new Int32Array(n * width);
    // A state's row is its failure target's row (complete: shallower) with its own transitions
    // written over it; the root's row is its transitions, 0 (itself) elsewhere. Column 0 (a
    // character no anchor holds) stays 0: back to the root.
    // Outputs: a state's own anchors, then those along its failure link (flattened the same way:
    // counts first, then each state's ids copied after its own). `out` keeps only own anchors, so
    // building again after more anchors are added starts from the same data.
    const outStart = new Int32Array(n + 1);
    const counts = new Int32Array(n);
    for (const state of order) {
      const goto = this.next[state]!;
      const base = state * width;
      if (state !== 0) ascii.copyWithin(base, this.fail[state]! * width, this.fail[state]! * width + width);
      for (const [c, to] of goto) if (c < 128) ascii[base + column[c]!] = to;
      counts[state] = this.out[state]!.length + (state === 0 ? 0 : counts[this.fail[state]!]!);
    }
    for (let state = 0; state < n; state++) outStart[state + 1] = outStart[state]! + counts[state]!;
    // Each output packs its id with its boundary needs (see PACKED_*): one read per output.
    const outIds = new Int32Array(outStart[n]!);
    for (const state of order) {
      const own = this.out[state]!;
      const at = outStart[state]!;
      for (let k = 0; k < own.length; k++) {
        const id = own[k]!;
        const span = Math.min(this.leftSpan[id]!, PACKED_SPAN_MAX);
        outIds[at + k] = id | (span << PACKED_SPAN_SHIFT) | (this.rightEdge[id] ? PACKED_RIGHT : 0);
      }
      if (state !== 0) {
        const f = this.fail[state]!;
        outIds.copyWithin(at + own.length, outStart[f]!, outStart[f + 1]!);
      }
    }
    this.ascii = ascii;
    this.asciiColumn = column;
    this.asciiWidth = width;
    this.outStart = outStart;
    this.outIds = outIds;
    this.built = true;
  }

  /**
   * Marks `stamps[id] = stamp` (and lists `id`) for every anchor occurring in `text` at its required
   * boundaries. One loop over typed arrays, no callback: short anchors ("e", "or") end at most
   * positions of a text, and the scan runs between all the other work of a field, with the CPU
   * caches cold; the per-character work must be a few reads of small arrays.
   */
  scan(text: string, stamps: Uint32Array, stamp: number, list: number[]): void {
    if (!this.built) this.build();
    const { rootNext, ascii, asciiColumn, asciiWidth, next, fail, outStart, outIds, leftSpan } = this;
    const n = text.length;
    let state = 0;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        state = ascii[state * asciiWidth + asciiColumn[c]!]!;
      } else if (state === 0) {
        state = rootNext[c]!;
      } else {
        for (;;) {
          const to = next[state]!.get(c);
          if (to !== undefined) {
            state = to;
            break;
          }
          state = fail[state]!;
          if (state === 0) {
            state = rootNext[c]!;
            break;
          }
        }
      }
      if (state === 0) continue;
      const last = outStart[state + 1]!;
      for (let k = outStart[state]!; k < last; k++) {
        const packed = outIds[k]!;
        const id = packed & PACKED_ID_MASK;
        if (stamps[id] === stamp) continue;
        let span = (packed >>> PACKED_SPAN_SHIFT) & PACKED_SPAN_MAX;
        if (span === PACKED_SPAN_MAX) span = leftSpan[id]!;
        if (span > 0 && i >= span && isWordUnit(text.charCodeAt(i - span))) continue;
        if (packed & PACKED_RIGHT && i + 1 < n && isWordUnit(text.charCodeAt(i + 1))) continue;
        stamps[id] = stamp;
        list.push(id);
      }
    }
  }
}

/** An output of the anchor automaton in one int: id (21 bits), the boundary span before it
 * (9 bits; the largest value means "look it up"), a boundary after it (1 bit). */
const PACKED_ID_MASK = 0x1fffff;
const MAX_PACKED_ID = PACKED_ID_MASK;
const PACKED_SPAN_SHIFT = 21;
const PACKED_SPAN_MAX = 0x1ff;
const PACKED_RIGHT = 1 << 30;

/** One automaton for the anchors of every phrase set in the process, so a field's text is scanned
 * once for all the phrase rules (they share the field's folded view object), not once per rule. */
class SharedAnchors {
  private readonly index = new AnchorIndex();
  private readonly ids = new Map<string, number>();
  readonly anchors: Anchor[] = [];
  private version = 0;
  /** Per view, as a property of the view (it dies with the field, unlike a WeakMap entry). */
  private static readonly CACHE = Symbol("offsite-lint anchors");
  /** stamps[id] === stamp of the latest scan: the anchor occurs in that text. One array for all
   * scans (no allocation per field); a view's cached result holds while it was the latest scan. */
  private stamps = new Uint32Array(0);
  private stamp = 0;

  register(anchor: Anchor): number {
    const key = `${anchor.text}\u0000${anchor.left}${anchor.right}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.anchors.length;
      this.ids.set(key, id);
      this.anchors.push(anchor);
      this.index.add(anchor.text, id, anchor.left, anchor.right);
      this.version++;
    }
    return id;
  }

  /** Which anchors occur in `text` (at their required boundaries); cached per view object. */
  seen(view: TextView): SeenAnchors {
    const holder = view as { [SharedAnchors.CACHE]?: { version: number; seen: SeenAnchors } };
    const cached = holder[SharedAnchors.CACHE];
    if (cached && cached.version === this.version && cached.seen.stamp === this.stamp) return cached.seen;
    const text = view.text;
    if (this.stamps.length < this.anchors.length || this.stamp === 0xffffffff) {
      this.stamps = new Uint32Array(Math.max(this.anchors.length, this.stamps.length * 2));
      this.stamp = 0;
    }
    const stamps = this.stamps;
    const stamp = ++this.stamp;
    const list: number[] = [];
    const seen = { stamps, stamp, list };
    this.index.scan(text, stamps, stamp, list);
    holder[SharedAnchors.CACHE] = { version: this.version, seen };
    return seen;
  }
}

/** The shared empty answer of `candidatePatterns` (never added to). */
const NO_CANDIDATES: number[] = [];

/** Whether every group has one of its anchors in `seen`. */
function allGroupsSeen(groups: readonly number[][], seen: SeenAnchors): boolean {
  const { stamps, stamp } = seen;
  for (const group of groups) {
    let any = false;
    for (const id of group) {
      if (stamps[id] === stamp) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  return true;
}

/**
 * The anchor groups of an entry's `requires` patterns, as shared ids (see `PhraseSet.groupsSeen`):
 * a hit of the entry needs one of them to match in the hit's sentences, so a text in which none
 * shows all its groups cannot give a hit. The context may be cut mid-word (a very long sentence),
 * where a boundary that fails in the whole text holds in the cut: these anchors are registered
 * without boundaries. Null when nothing is required or a required pattern has no anchor groups.
 */
function requiredContextGroups(entry: CompiledEntry): number[][][] | null {
  const patterns = entry.requires.patterns;
  if (patterns.length === 0 || patterns.some((p) => p.anchorGroups.length === 0)) return null;
  return patterns.map((p) => p.anchorGroups.map((group) => group.map((anchor) => sharedAnchors.register({ text: anchor.text, left: false, right: false }))));
}

/** The anchors found in one text: `stamps[id] === stamp` for each, and the ids (few, in scan order). */
interface SeenAnchors {
  stamps: Uint32Array;
  stamp: number;
  list: number[];
}

const sharedAnchors = new SharedAnchors();

/** Whether a UTF-16 unit is a word character for boundaries: ASCII from a 128-entry table that
 * stays in the cache, the rest from the full one. */
function isWordUnit(c: number): number {
  return c < 128 ? ASCII_WORD_UNIT[c]! : WORD_UNIT[c]!;
}

/** Per UTF-16 unit: is it a word character for boundaries (the WORD_CLASS ranges)? */
const WORD_UNIT = (() => {
  const table = new Uint8Array(0x10000);
  const re = new RegExp(`^${WORD_CLASS}$`, "u");
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (re.test(String.fromCharCode(c))) table[c] = 1;
  }
  return table;
})();

const ASCII_WORD_UNIT = WORD_UNIT.slice(0, 128);

// ---------------------------------------------------------------------------------------------
// Compiled phrase sets and matching

interface CompiledContext {
  sources: string[];
  /** Their RegExps are built at first use (`pattern.regex`). */
  patterns: CompiledPattern[];
}

export interface CompiledEntry {
  /** `<lang>/<id>`: unique within a rule. */
  key: string;
  id: string;
  lang: string;
  messageId: string;
  confidence: number;
  patterns: CompiledPattern[];
  unless: CompiledContext;
  requires: CompiledContext;
  boost?: CompiledContext & { confidence: number };
  /** Neighbouring sentences (each side) that `requires` and `boost` read. */
  window: number;
  spec: PhraseEntrySpec;
}

interface CompiledNegative {
  patterns: CompiledPattern[];
  except: CompiledPattern[];
  scope: "sentence" | "field";
  penalty: number;
  lang: string;
}

export interface PhraseHit {
  /** Original-text range. */
  start: number;
  end: number;
  /** Folded-view range. */
  viewStart: number;
  viewEnd: number;
  messageId: string;
  confidence: number;
  /** Keys (`lang/id`) of the entries that matched here, strongest first. */
  entries: string[];
}

export interface MatchOptions {
  /** Hits below this confidence are not returned (default 0: all). */
  minConfidence?: number;
  /** Most hits one pattern may produce in one text (default 20). */
  maxHitsPerPattern?: number;
}

function compileContext(patterns: string[] | undefined, gap: number | undefined): CompiledContext {
  const sources = patterns ?? [];
  return { sources, patterns: sources.map((p) => compilePattern(p, { defaultGap: gap })) };
}

/** Separators trimmed off the edges of a hit (an optional first token leaves its joiner behind). */
const EDGE_TRIM = /[\s,、:;\-–—·|/\\"'“”‘’«»「」『』()（）【】[\]]/u;
/** The gap between two hits that still reads as one phrase. */
const MERGE_GAP = /^[^\p{L}\p{N}\n.!?。؟]{0,3}$/u;
/** A `requires` match this close to the hit is reported together with it. */
const UNION_DISTANCE = 40;

export interface PackSource {
  spec: PhrasePackSpec;
  /** Where the pack came from, for error messages. */
  where?: string;
}

export class PhraseSet {
  readonly entries: CompiledEntry[];
  private readonly negatives: CompiledNegative[];
  private readonly allow: CompiledPattern[];
  /** Every pattern of every entry, with its entry. */
  private readonly patterns: Array<{ entry: CompiledEntry; pattern: CompiledPattern }> = [];
  private readonly alwaysRun: number[] = [];
  /** Shared anchor ids this set listens to, and the patterns each one may start. */
  private readonly anchorIds: number[] = [];
  private readonly anchorPatterns: number[][] = [];
  /** Shared anchor id → its slot in `anchorIds`/`anchorPatterns`. */
  private readonly slotOf = new Map<number, number>();
  /** The same as a table (-1: not this set's), indexed by shared id: the hot loop's lookup. */
  private readonly slots: Int32Array;
  /** Per pattern: its anchor groups as shared anchor ids (see `CompiledPattern.anchorGroups`). */
  private readonly patternGroups: number[][][] = [];
  /** Per pattern: the anchor groups of each `requires` pattern of its entry (one of which must
   * match near a hit), or null when the entry requires nothing or a pattern has no anchors. */
  private readonly requiredContexts: Array<number[][][] | null> = [];
  /** `candidatePatterns`' marks: considered[index] === round for the patterns seen in this call. */
  private considered = new Uint32Array(0);
  private round = 0;
  /** The last answer of `candidatePatterns`, valid while its view was the latest anchor scan. */
  private readonly lastCandidates: { view: TextView | undefined; stamp: number; list: number[] } = { view: undefined, stamp: 0, list: NO_CANDIDATES };

  constructor(
    readonly packs: readonly PackSource[],
    options: { defaultMessageId: string; extraEntries?: CompiledEntry[]; allow?: string[] },
  ) {
    this.entries = [];
    this.negatives = [];
    for (const { spec } of packs) {
      for (const e of spec.entries) {
        this.entries.push(compileEntry(e, spec, options.defaultMessageId));
      }
      for (const neg of spec.negative ?? []) {
        this.negatives.push({
          patterns: neg.patterns.map((p) => compilePattern(p, { defaultGap: spec.gap })),
          except: (neg.except ?? []).map((p) => compilePattern(p, { defaultGap: spec.gap })),
          scope: neg.scope ?? "sentence",
          penalty: neg.penalty ?? 1,
          lang: spec.lang,
        });
      }
    }
    this.entries.push(...(options.extraEntries ?? []));
    this.allow = (options.allow ?? []).map((p) => compilePattern(p));

    for (const entry of this.entries) {
      for (const pattern of entry.patterns) {
        const index = this.patterns.length;
        this.patterns.push({ entry, pattern });
        this.patternGroups.push(pattern.anchorGroups.map((group) => group.map((anchor) => sharedAnchors.register(anchor))));
        this.requiredContexts.push(requiredContextGroups(entry));
        if (!pattern.anchors) {
          this.alwaysRun.push(index);
          continue;
        }
        for (const anchor of pattern.anchors) {
          const shared = sharedAnchors.register(anchor);
          let slot = this.slotOf.get(shared);
          if (slot === undefined) {
            slot = this.anchorIds.length;
            this.slotOf.set(shared, slot);
            this.anchorIds.push(shared);
            this.anchorPatterns.push([]);
          }
          this.anchorPatterns[slot]!.push(index);
        }
      }
    }
    this.slots = new Int32Array(sharedAnchors.anchors.length).fill(-1);
    for (const [shared, slot] of this.slotOf) this.slots[shared] = slot;
    this.considered = new Uint32Array(this.patterns.length);
    releaseParseCaches();
  }

  /** Number of compiled patterns (entries × patterns). */
  get size(): number {
    return this.patterns.length;
  }

  /** All hits in `view`, merged where they touch, with original ranges. */
  match(view: TextView, options: MatchOptions = {}): PhraseHit[] {
    const text = view.text;
    if (text.length === 0) return [];
    const raw = this.rawHits(view, options.maxHitsPerPattern ?? 20);
    if (raw.length === 0) return [];
    const merged = mergeHits(text, raw);
    const min = options.minConfidence ?? 0;
    return merged
      .filter((h) => h.confidence >= min)
      .map((h) => {
        const [start, end] = view.toOriginal(h.viewStart, h.viewEnd);
        return { ...h, start, end };
      });
  }

  /** Whether any pattern could match `view` at all (an anchor of this set occurs, or a pattern has
   * none): false proves `match` returns nothing. Shares the one anchor scan per view. */
  mayMatch(view: TextView): boolean {
    return view.text.length > 0 && this.candidatePatterns(view).length > 0;
  }

  /** Whether every anchor group of pattern `index` has an anchor in `seen`, and, when its entry
   * `requires` context, every group of at least one of those patterns too. */
  private groupsSeen(index: number, seen: SeenAnchors): boolean {
    if (!allGroupsSeen(this.patternGroups[index]!, seen)) return false;
    const required = this.requiredContexts[index];
    return !required || required.some((groups) => allGroupsSeen(groups, seen));
  }

  /** The patterns whose every anchor group occurs in the view, in pattern order. The last answer
   * is kept: a rule asks twice for the same field (its prefilter, then its check). */
  private candidatePatterns(view: TextView): number[] {
    const seen = sharedAnchors.seen(view);
    const last = this.lastCandidates;
    if (last.view === view && last.stamp === seen.stamp) return last.list;
    // Patterns already considered for this call: a stamp per pattern, no set allocated per field.
    // Runs for every field and phrase rule, mostly to find nothing: no closure, no list until a
    // pattern qualifies, and the last answer kept in one reused holder.
    const { considered, slots, anchorPatterns, alwaysRun } = this;
    const round = this.round === 0xffffffff ? (considered.fill(0), (this.round = 1)) : ++this.round;
    let list: number[] = NO_CANDIDATES;
    for (let k = 0; k < alwaysRun.length; k++) {
      const index = alwaysRun[k]!;
      considered[index] = round;
      if (this.groupsSeen(index, seen)) (list === NO_CANDIDATES ? (list = []) : list).push(index);
    }
    const ids = seen.list;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      const slot = id < slots.length ? slots[id]! : -1;
      if (slot < 0) continue;
      const indices = anchorPatterns[slot]!;
      for (let j = 0; j < indices.length; j++) {
        const index = indices[j]!;
        if (considered[index] === round) continue;
        considered[index] = round;
        if (this.groupsSeen(index, seen)) (list === NO_CANDIDATES ? (list = []) : list).push(index);
      }
    }
    if (list.length > 1) list.sort((a, b) => a - b);
    last.view = view;
    last.stamp = seen.stamp;
    last.list = list;
    return list;
  }

  private rawHits(view: TextView, maxPerPattern: number): RawHit[] {
    const text = view.text;
    const hits: RawHit[] = [];
    for (const index of this.candidatePatterns(view)) {
      const { entry, pattern } = this.patterns[index]!;
      const regex = pattern.regex;
      regex.lastIndex = 0;
      let count = 0;
      let m: RegExpExecArray | null;
      while ((m = regex.exec(text)) !== null) {
        if (m[0].length === 0) {
          regex.lastIndex = m.index + 1;
          continue;
        }
        const [vs, ve] = trimRange(text, m.index, m.index + m[0].length);
        if (ve > vs) {
          const hit = this.judge(text, entry, vs, ve);
          if (hit) hits.push(hit);
        }
        if (++count >= maxPerPattern) break;
      }
    }
    return hits;
  }

  /** Applies the entry's context and the rule's negative context to one match. */
  private judge(text: string, entry: CompiledEntry, vs: number, ve: number): RawHit | null {
    const [ss, se] = sentenceAround(text, vs, ve);
    const sentence = text.slice(ss, se);
    if (entry.unless.patterns.some((p) => testRegex(p.regex, sentence))) return null;
    if (this.allow.some((p) => testRegex(p.regex, sentence))) return null;
    let start = vs;
    let end = ve;
    const [ws, we] = entry.window > 0 ? sentencesAround(text, ss, se, entry.window) : [ss, se];
    const context = entry.window > 0 ? text.slice(ws, we) : sentence;
    if (entry.requires.patterns.length > 0) {
      const near = nearestMatch(entry.requires.patterns, context, vs - ws, ve - ws);
      if (!near) return null;
      const [rs, re] = [near[0] + ws, near[1] + ws];
      const distance = rs >= ve ? rs - ve : vs >= re ? vs - re : 0;
      if (distance <= UNION_DISTANCE) {
        start = Math.min(start, rs);
        end = Math.max(end, re);
      }
    }
    let confidence = entry.confidence;
    if (entry.boost && entry.boost.patterns.some((p) => testRegex(p.regex, context))) {
      confidence = Math.max(confidence, entry.boost.confidence);
    }
    for (const neg of this.negatives) {
      const scopeText = neg.scope === "field" ? text : sentence;
      if (neg.patterns.some((p) => testRegex(p.regex, scopeText)) && !neg.except.some((p) => testRegex(p.regex, scopeText))) {
        confidence -= neg.penalty;
        if (confidence <= 0) return null;
      }
    }
    return { viewStart: start, viewEnd: end, confidence: round(confidence), messageId: entry.messageId, entry: entry.key };
  }
}

interface RawHit {
  viewStart: number;
  viewEnd: number;
  confidence: number;
  messageId: string;
  entry: string;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function testRegex(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  const found = re.test(text);
  re.lastIndex = 0;
  return found;
}

/** The match of any of `regexes` in `text` closest to [hs, he). */
function nearestMatch(patterns: CompiledPattern[], text: string, hs: number, he: number): [number, number] | null {
  let best: [number, number] | null = null;
  let bestDistance = Infinity;
  for (const { regex: re } of patterns) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let guard = 0;
    while ((m = re.exec(text)) !== null && guard++ < 50) {
      if (m[0].length === 0) {
        re.lastIndex = m.index + 1;
        continue;
      }
      const s = m.index;
      const e = s + m[0].length;
      const distance = s >= he ? s - he : hs >= e ? hs - e : 0;
      if (distance < bestDistance) {
        best = [s, e];
        bestDistance = distance;
      }
    }
    re.lastIndex = 0;
  }
  return best;
}

function trimRange(text: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && EDGE_TRIM.test(text[s]!)) s++;
  while (e > s && EDGE_TRIM.test(text[e - 1]!)) e--;
  return [s, e];
}

/** Overlapping or touching hits (only separators between them, same sentence) become one; the
 * strongest entry names the message, and each further distinct entry adds a little confidence. */
function mergeHits(text: string, raw: RawHit[]): Array<Omit<PhraseHit, "start" | "end">> {
  const sorted = [...raw].sort((a, b) => a.viewStart - b.viewStart || b.viewEnd - a.viewEnd);
  const groups: RawHit[][] = [];
  let current: RawHit[] = [];
  let currentEnd = -1;
  for (const hit of sorted) {
    if (current.length > 0) {
      const touching =
        hit.viewStart <= currentEnd || MERGE_GAP.test(text.slice(currentEnd, hit.viewStart));
      if (!touching) {
        groups.push(current);
        current = [];
      }
    }
    current.push(hit);
    currentEnd = current.length === 1 ? hit.viewEnd : Math.max(currentEnd, hit.viewEnd);
  }
  if (current.length > 0) groups.push(current);

  return groups.map((group) => {
    const byConfidence = [...group].sort((a, b) => b.confidence - a.confidence);
    const entries = [...new Set(byConfidence.map((h) => h.entry))];
    const top = byConfidence[0]!;
    const confidence = Math.min(0.99, top.confidence + 0.05 * (entries.length - 1));
    return {
      viewStart: Math.min(...group.map((h) => h.viewStart)),
      viewEnd: Math.max(...group.map((h) => h.viewEnd)),
      messageId: top.messageId,
      confidence: round(Math.max(top.confidence, confidence)),
      entries,
    };
  });
}

/** Compiles a validated entry of a pack. */
export function compileEntry(spec: PhraseEntrySpec, pack: Pick<PhrasePackSpec, "lang" | "messageId" | "gap">, defaultMessageId: string): CompiledEntry {
  const gap = pack.gap;
  const sources = [...(spec.pattern ? [spec.pattern] : []), ...(spec.patterns ?? [])];
  return {
    key: `${pack.lang}/${spec.id}`,
    id: spec.id,
    lang: pack.lang,
    messageId: spec.messageId ?? pack.messageId ?? defaultMessageId,
    confidence: spec.confidence,
    patterns: sources.map((p) => compilePattern(p, { defaultGap: gap })),
    unless: compileContext(spec.unless, gap),
    requires: compileContext(spec.requires, gap),
    window: spec.window ?? 0,
    boost: spec.boost ? { ...compileContext(spec.boost.patterns, gap), confidence: spec.boost.confidence } : undefined,
    spec,
  };
}
