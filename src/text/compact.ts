// The compact view: separators that split one token are gone and spelled-out address marks are
// symbols again, so `w.h.a.t.s.a.p.p`, `138-0013-8000`, `微*信`, `sales [at] abc [dot] com`,
// `abc艾特163点com` and `www。abc。com` read as what they are.

import { MappedText, rewrite } from "./view.js";

/** Top-level domains that make a spelled-out `dot` an address (a short, common list on purpose:
 * the full IANA list lives in the link rule; here a false `.` would glue ordinary words). */
export const ADDRESS_TLDS =
  "com|net|org|cn|top|shop|store|site|xyz|info|biz|co|io|me|vip|online|hk|tw|us|uk|de|ru|in|br|es|mx|vn|th|my|id|ph|sg|jp|kr|au|ca|fr|it|ae|sa|tr|pk|eu|cc|tv|ly|app|link|club|asia|pro|cloud|ltd|tech|live|life|world|example|com\\.cn|net\\.cn";

/** 1-3 separators between two digits: 138-0013-8000, 138 0013 8000, 138.0013.8000. */
const BETWEEN_DIGITS = /(?<=\d)(?:[\s\-–—_.·・*|/\\~()（）,，、]|\p{Extended_Pictographic}){1,3}(?=\d)/gu;
/** One Chinese character as filler between digit groups: 139哈2211哈0457. */
const CJK_FILLER_IN_NUMBER = /(?<!\d)\d{3,4}(?:[\u4e00-\u9fff]\d{3,4}){2,3}(?!\d)/g;
/** A decimal point or comma followed by one or two digits is a fraction (15.5, 13.80), not a
 * separator — unless the same mark goes on (09.36.18.42.07 is a number written in pairs). */
const DECIMAL_AFTER = /^([.,])\d{1,2}(?!\d)(?!\1\d)/;

function joinDigitGroups(m: RegExpMatchArray): string {
  const rest = m.input!.slice(m.index!);
  // An opening bracket joins only an area code it closes again: "(21) 99876", not "9000 (24/7)".
  if (/[(（]/.test(m[0]) && !/^[^\d]*\d{1,5}[)）]/.test(rest)) return m[0];
  const decimal = DECIMAL_AFTER.exec(rest);
  if (!decimal) return "";
  const chained = new RegExp(`\\${decimal[1]}\\d{1,4}$`).test(m.input!.slice(0, m.index!));
  return chained ? "" : m[0];
}

/** Separators between two Chinese characters: 微*信, 微 信, 微-信; the guard has no lookbehind to try at every position. */
const BETWEEN_CJK = /(?<=[\u3400-\u9fff])[\s\-_·・*|/\\~.]{1,3}(?=[\u3400-\u9fff])/g;
const CJK_THEN_SEPARATOR = /[\u3400-\u9fff][\s\-_·・*|/\\~.]/;

/** `text` with the separators inside CJK words removed, as the compact view removes them (for
 * prefilters that need no offsets). */
export function joinCjkWords(text: string): string {
  return CJK_THEN_SEPARATOR.test(text) ? text.replace(BETWEEN_CJK, "") : text;
}

const BRACKETED_AT = /\s*[([{【（<〔「]\s*(?:at|@|艾特|圈a|arroba|arobase|собака|et)\s*[)\]}】）>〕」]\s*/g;
const BRACKETED_DOT = /\s*[([{【（<〔「]\s*(?:dot|\.|点|點|。|punto|ponto|point|punkt|nokta|chấm|cham|точка|titik)\s*[)\]}】）>〕」]\s*/g;

/** Dot words of other languages ("shopmebe chấm vn", "nurtekstil nokta com", "mebelok точка ру"):
 * words that are not English, so any common TLD after them makes an address. */
const FOREIGN_DOT = new RegExp(
  `(?<=[a-z0-9])\\s*(?:\\bchấm\\b|\\bnokta\\b|\\bpunkt\\b|точка|\\btitik\\b)\\s*(?=(?:${ADDRESS_TLDS}|ру|ком|рф)(?![a-z0-9\\p{L}]))`,
  "gu",
);
/** "point fr", "punto es", "ponto br": a Romance dot word before its own countries' TLDs or a generic one. */
const ROMANCE_DOT = /(?<=[a-z0-9])\s+(?:point(?=\s+(?:fr|be|ch|ca|lu|com|net|org|eu)(?![a-z0-9]))|punto(?=\s+(?:es|mx|ar|co|cl|pe|com|net|org)(?![a-z0-9]))|ponto(?=\s+(?:br|pt|com|net|org)(?![a-z0-9])))\s+/g;
/** Cyrillic spellings of TLDs after a converted dot. */
const CYRILLIC_TLD = /(?<=\.)(?:ру|ком|рф)(?![\p{L}\p{N}])/gu;
const CYRILLIC_TLD_LATIN: Record<string, string> = { ру: "ru", ком: "com", рф: "xn--p1ai" };
/** `sales at abc dot com`, `ventas arroba abc punto com`: an unbracketed `at` needs a domain after it. */
const WORD_AT = new RegExp(
  `(?<=[a-z0-9_])\\s+(?:at|arroba|arobase|собака|艾特)\\s+(?=[a-z0-9][a-z0-9-]*\\s*(?:dot|点|點|punto|ponto|point|punkt|nokta|chấm|точка|。|\\(\\s*dot\\s*\\)|\\[\\s*dot\\s*\\])\\s*(?:${ADDRESS_TLDS}|ру|ком)(?![a-z0-9]))`,
  "g",
);
/** "sales at abc.com": with a real dot, "at" is an address only after a name, not after English
 * words ("available at alibaba.com", "find us at abc.com" is a link, not an e-mail). */
const WORD_AT_LITERAL_DOT = new RegExp(
  `(?<=[a-z0-9_])\\s+(?:at|arroba)\\s+(?=[a-z0-9][a-z0-9-]*\\.(?:${ADDRESS_TLDS})(?![a-z0-9]))`,
  "g",
);
/** With a real dot, "at" is an address only after a mailbox-like name ("sales at abc.com",
 * "lucy.w at abc.com"); after an ordinary word it is English ("colours at abc.com" is a link). */
const MAILBOX_BEFORE_AT = /(?:^|[^a-z0-9_.-])(?:[a-z0-9]*[0-9._-][a-z0-9._-]*|sales|info|contact|service|support|export|import|admin|office|enquiry|enquiries|inquiry|inquiries|purchase|purchasing|marketing|hr|ceo|boss|manager)$/;

function spelledAt(m: RegExpMatchArray): string {
  return MAILBOX_BEFORE_AT.test(m.input!.slice(0, m.index!)) ? "@" : m[0];
}
/** `sales @ abc . com`: spaces around an at-sign that sits between a name and a domain. */
const SPACED_AT = new RegExp(
  `(?<=[a-z0-9_.-])\\s*@\\s+(?=[a-z0-9][a-z0-9-]*\\s*(?:\\.|dot|点|點|。)\\s*(?:${ADDRESS_TLDS})(?![a-z0-9]))`,
  "g",
);
const GLUED_AT = /(?<=[a-z0-9_.])\s*(?:艾特|圈a)\s*(?=[a-z0-9])/g;
/** Spelled-out or spaced dots only before the generic TLDs people spell out ("abc dot com"), so
 * "para punto de" or "team. My" stay words. */
const SPELLED_TLDS = "com|net|org|cn|top|shop|store|xyz|info|biz|site|online|vip|io|com\\.cn|com\\.br";
const WORD_DOT = new RegExp(
  `(?<=[a-z0-9])\\s*(?:\\bdot\\b|点|點|。|\\bpunto\\b|\\bponto\\b|\\bpoint\\b|точка)\\s*(?=(?:${SPELLED_TLDS}|example)(?![a-z0-9]))`,
  "g",
);
/** "abc .com", "abc. com": a period with a space beside it, only before the commonest TLDs
 * (". Example plate", "team. My" are sentences). */
const SPACED_DOT = /(?<=[a-z0-9])(?:\s+\.\s*|\.\s+)(?=(?:com|net|org|cn)(?![a-z0-9]))/g;
/** `www。abc。com`, `www . abc . com`: dots after www are address dots whatever they look like. */
const WWW_DOT = /(?<=\bwww)\s*(?:\.|。|dot|点)\s*(?=[a-z0-9])/g;
const IDEOGRAPHIC_DOT_IN_HOST = /(?<=[a-z0-9])。(?=[a-z0-9])/g;
/** `abc#qq.com（#替换成@）`: a hash where an at-sign belongs, before a mail host. */
const HASH_AT = new RegExp(`(?<=[a-z0-9._-])#(?=[a-z0-9-]+\\.(?:${ADDRESS_TLDS})(?![a-z0-9]))`, "g");

/** Emoji pushed into a word or between a label and its colon: 微❤信, V❤: abc. */
// 🐧 stands for QQ itself (a code word), so it stays.
const EMOJI_INSIDE = /(?<=[\p{L}\p{N}])(?:(?!🐧)\p{Extended_Pictographic})+(?=[\p{L}\p{N}:：\s])/gu;

/**
 * The rewrites in order, each with a cheap guard: a literal test that must pass for the rewrite's
 * pattern to match at all (most fields hold no at-sign, no dot word, no bracket), so a clean field
 * costs a few substring searches instead of eighteen lookbehind scans.
 */
const REWRITES: Array<[guard: RegExp, pattern: RegExp, replace: (m: RegExpMatchArray) => string]> = [
  [/\p{Extended_Pictographic}/u, EMOJI_INSIDE, () => ""],
  [/\d[\u4e00-\u9fff]\d/, CJK_FILLER_IN_NUMBER, (m) => m[0].replace(/[\u4e00-\u9fff]/g, "")],
  [/\d\D{1,3}\d/u, BETWEEN_DIGITS, joinDigitGroups],
  [CJK_THEN_SEPARATOR, BETWEEN_CJK, () => ""],
  [/[([{【（<〔「]/, BRACKETED_AT, () => "@"],
  [/[([{【（<〔「]/, BRACKETED_DOT, () => "."],
  [/\s(?:at|arroba|arobase|собака|艾特)\s/, WORD_AT, () => "@"],
  // Dot words after the spelled-out at-sign has been read (its lookahead wants them spelled).
  [/chấm|nokta|punkt|точка|titik/, FOREIGN_DOT, () => "."],
  [/\s(?:point|punto|ponto)\s/, ROMANCE_DOT, () => "."],
  [/\.(?:ру|ком|рф)/, CYRILLIC_TLD, (m) => CYRILLIC_TLD_LATIN[m[0]] ?? m[0]],
  [/\s(?:at|arroba)\s/, WORD_AT_LITERAL_DOT, spelledAt],
  [/艾特|圈a/, GLUED_AT, () => "@"],
  [/@\s/, SPACED_AT, () => "@"],
  [/www/, WWW_DOT, () => "."],
  [/dot|点|點|。|punto|ponto|point|точка/, WORD_DOT, () => "."],
  [/\s\.|\.\s/, SPACED_DOT, () => "."],
  [/。/, IDEOGRAPHIC_DOT_IN_HOST, () => "."],
  [/#/, HASH_AT, () => "@"],
];

export function compactView(digits: MappedText): MappedText {
  let view = digits;
  for (const [guard, pattern, replace] of REWRITES) {
    if (guard.test(view.text)) view = rewrite(view, pattern, replace);
  }
  return view;
}
