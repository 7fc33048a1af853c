// The normalised views (`folded`, `digits`, `compact`): every disguise family from the research
// (platforms-and-tricks.md §2.2, §2.3, §2.4, §2.6-2.8) must read as plain ASCII in the view the
// rules scan, and a value found in a view must map back to exactly the characters the user wrote.
import { describe, expect, test } from "vitest";
import type { TextView } from "../../src/types.js";
import { buildViews } from "../../src/text/views.js";

/** The original characters behind the first occurrence of `needle` in `view`. */
function originalOf(view: TextView, original: string, needle: string): string {
  const i = view.text.indexOf(needle);
  expect(i, `"${needle}" in view "${view.text}"`).toBeGreaterThanOrEqual(0);
  const [s, e] = view.toOriginal(i, i + needle.length);
  return original.slice(s, e);
}

const PHONE = "13922114455";

describe("digits view: numerals in any notation become ASCII digits", () => {
  // [family, input (the number alone), expected digits]
  const cases: Array<[string, string, string]> = [
    ["Chinese numerals", "一三九二二一一四四五五", PHONE],
    ["幺 for 1 and 两 for 2", "幺三九两两幺幺四四五五", PHONE],
    ["〇/零 for 0", "一三八〇〇一三八零零零", "13800138000"],
    ["financial numerals", "壹叁玖贰贰壹壹肆肆伍伍", PHONE],
    ["traditional financial numerals 貳參陸", "壹參玖貳貳壹壹肆肆伍陸", "13922114456"],
    ["circled digits", "①③⑨②②①①④④⑤⑤", PHONE],
    ["parenthesised digits", "⑴⑶⑼⑵⑵⑴⑴⑷⑷⑸⑸", PHONE],
    ["digits with full stop", "⒈⒊⒐⒉⒉⒈⒈⒋⒋⒌⒌", PHONE],
    ["negative circled dingbats", "❶❸❾❷❷❶❶❹❹❺❺", PHONE],
    ["sans-serif circled dingbats", "➀➂➈➁➁➀➀➃➃➄➄", PHONE],
    ["double circled digits", "⓵⓷⓽⓶⓶⓵⓵⓸⓸⓹⓹", PHONE],
    ["parenthesised ideographs", "㈠㈢㈨㈡㈡㈠㈠㈣㈣㈤㈤", PHONE],
    ["superscripts", "¹³⁹²²¹¹⁴⁴⁵⁵", PHONE],
    ["full-width digits", "１３９２２１１４４５５", PHONE],
    ["zero-width characters between groups", "139\u200B2211\u2060" + "4455", PHONE],
    ["mixed scripts", "1三9②2１一4四⑤5", PHONE],
  ];
  test.each(cases)("%s: %s", (_family, input, expected) => {
    const views = buildViews(input);
    expect(views.digits.text).toBe(expected);
    expect(views.compact.text).toBe(expected);
    // The whole number maps back to the whole input.
    expect(originalOf(views.compact, input, expected)).toBe(input);
  });

  test("emoji keycaps become digits and the number maps back from its first keycap", () => {
    const input = "1️⃣3️⃣9️⃣2️⃣2️⃣1️⃣1️⃣4️⃣4️⃣5️⃣5️⃣";
    const views = buildViews(input);
    expect(views.digits.text).toBe(PHONE);
    expect(views.compact.text).toBe(PHONE);
    const mapped = originalOf(views.compact, input, PHONE);
    expect(input.startsWith(mapped)).toBe(true);
    expect(mapped.replace(/[^0-9]/g, "")).toBe(PHONE);
  });

  test("spelled-out English digits become digits, compact drops the spaces", () => {
    const input = "text me one three nine two two one one four four five five";
    const views = buildViews(input);
    expect(views.digits.text).toBe("text me 1 3 9 2 2 1 1 4 4 5 5");
    expect(views.compact.text).toBe(`text me ${PHONE}`);
    expect(originalOf(views.compact, input, PHONE)).toBe("one three nine two two one one four four five five");
  });

  test("l and o swapped in for 1 and 0 inside a digit run", () => {
    const input = "mob l39 22l1 44o5";
    const views = buildViews(input);
    expect(views.digits.text).toBe("mob 139 2211 4405");
    expect(views.compact.text).toBe("mob 13922114405");
    expect(originalOf(views.compact, input, "13922114405")).toBe("l39 22l1 44o5");
  });

  test("separators between digit groups are gone in compact only", () => {
    for (const [input, sep] of [
      ["139 2211 4455", " "],
      ["139-2211-4455", "-"],
      ["139.2211.4455", "."],
      ["139/2211/4455", "/"],
    ] as const) {
      const views = buildViews(input);
      expect(views.digits.text).toBe(`139${sep}2211${sep}4455`);
      expect(views.compact.text).toBe(PHONE);
      expect(originalOf(views.compact, input, PHONE)).toBe(input);
    }
  });

  test("a number inside a sentence maps back to just its characters", () => {
    const input = "联系电话：①③⑨ ②②①① ④④⑤⑤，谢谢";
    const views = buildViews(input);
    expect(originalOf(views.compact, input, PHONE)).toBe("①③⑨ ②②①① ④④⑤⑤");
    const input2 = "请打 壹參玖貳貳壹壹肆肆伍陸 找李经理";
    expect(originalOf(buildViews(input2).digits, input2, "13922114456")).toBe("壹參玖貳貳壹壹肆肆伍陸");
  });

  test("ordinary words that contain numerals stay words", () => {
    for (const input of ["我们一起去", "两个人", "one of us", "一二三木头人", "尺寸 一三八乘二百"]) {
      const views = buildViews(input);
      expect(views.digits.text).toBe(input.toLowerCase());
    }
    // l/i/o inside words are letters: "lion", "oil", "hello 2024".
    expect(buildViews("lion oil 2024").digits.text).toBe("lion oil 2024");
  });
});

describe("folded view: invisible, width, case, homoglyph and styled-letter disguises", () => {
  test.each([
    ["zero-width inside a name", "What\u200BsApp", "whatsapp"],
    ["ZWJ and soft hyphen", "we\u200Dch\u00ADat", "wechat"],
    ["BOM and word joiner", "\uFEFFtele\u2060gram", "telegram"],
    ["bidi controls", "\u202Ewhatsapp\u202C", "whatsapp"],
    ["full-width letters", "ＷｈａｔｓＡｐｐ", "whatsapp"],
    ["Cyrillic а and А inside a Latin word", "WhаtsАpp", "whatsapp"],
    ["Cyrillic е inside WeChat", "WеChat", "wechat"],
    ["Greek ω and ο inside a Latin word", "ωhatsapp gοogle", "whatsapp google"],
    ["circled and bold mathematical letters", "ⓦⓗⓐⓣⓢ𝐚𝐩𝐩", "whatsapp"],
    ["traditional Chinese", "微訊 聯繫電話", "微讯 联系电话"],
    ["full-width at and dot", "ｋｅｖｉｎ＠ｑｑ．ｃｏｍ", "kevin@qq.com"],
  ])("%s", (_family, input, expected) => {
    expect(buildViews(input).folded.text).toBe(expected);
  });

  test("Russian and Greek words on their own are left alone", () => {
    expect(buildViews("Русский текст").folded.text).toBe("русский текст");
    expect(buildViews("ελληνικά").folded.text).toBe("ελληνικά");
  });

  test("a folded word maps back to the disguised original, invisibles included", () => {
    const input = "加我 What\u200BsApp 谢谢";
    const views = buildViews(input);
    expect(originalOf(views.folded, input, "whatsapp")).toBe("What\u200BsApp");
    const cyr = "my WhаtsАpp is here";
    expect(originalOf(buildViews(cyr).compact, cyr, "whatsapp")).toBe("WhаtsАpp");
  });
});

describe("compact view: split names and spelled-out address marks", () => {
  test.each([
    ["dotted letters", "W.h.a.t.s.A.p.p", "whatsapp"],
    ["spaced letters", "w h a t s a p p", "whatsapp"],
    ["dashed letters", "w-e-c-h-a-t", "wechat"],
    ["separator between CJK", "微*信", "微信"],
    ["space between CJK", "微 信", "微信"],
    ["[at] and (dot)", "kevin [at] lamp (dot) com", "kevin@lamp.com"],
    ["{at}{dot}", "kevin{at}lamp{dot}com", "kevin@lamp.com"],
    ["【at】", "kevin【at】qq.com", "kevin@qq.com"],
    ["（at）（dot） full-width brackets", "kevin（at）lamp（dot）com", "kevin@lamp.com"],
    ["word at / dot", "kevin at lamp dot com", "kevin@lamp.com"],
    ["艾特 … 点com", "kevin艾特163点com", "kevin@163.com"],
    ["spaced @ and .", "kevin @ gmail . com", "kevin@gmail.com"],
    ["# for @ before a mail host", "kevin#qq.com", "kevin@qq.com"],
    ["www。abc。com", "www。lamp。com", "www.lamp.com"],
    ["www . abc . com", "www . lamp . com", "www.lamp.com"],
    ["abc dot com", "lamp dot com", "lamp.com"],
    ["abc .com", "lamp .com", "lamp.com"],
    ["abc点com", "lamp点com", "lamp.com"],
    ["abc點com (traditional)", "lamp點com", "lamp.com"],
  ])("%s: %s", (_family, input, expected) => {
    expect(buildViews(input).compact.text).toBe(expected);
  });

  test("the compact address maps back to the whole spelled-out original", () => {
    const input = "mail: kevin [at] lamp (dot) com thanks";
    const views = buildViews(input);
    expect(originalOf(views.compact, input, "kevin@lamp.com")).toBe("kevin [at] lamp (dot) com");
    const name = "add W.h.a.t.s.A.p.p now";
    expect(originalOf(buildViews(name).compact, name, "whatsapp")).toBe("W.h.a.t.s.A.p.p");
  });

  test("ordinary uses of at, dot and @ stay as they are", () => {
    for (const input of ["sold at cost", "polka dot dress", "at 50% off", "store @ 25°c", "rated @ 1c discharge", "mr.li", "hello world"]) {
      expect(buildViews(input).compact.text).toBe(input);
    }
  });
});

describe("buildViews", () => {
  test("keeps the original text and builds each view once", () => {
    const views = buildViews("Ｈｉ ①②");
    expect(views.original).toBe("Ｈｉ ①②");
    expect(views.folded).toBe(views.folded);
    expect(views.digits).toBe(views.digits);
    expect(views.compact).toBe(views.compact);
  });

  test("an empty text gives empty views mapping to [0, 0]", () => {
    const views = buildViews("");
    for (const view of [views.folded, views.digits, views.compact]) {
      expect(view.text).toBe("");
      expect(view.toOriginal(0, 0)).toEqual([0, 0]);
    }
  });

  test("a text made only of invisibles folds to nothing and maps inside the original", () => {
    const input = "\u200B\u200D\uFEFF";
    const views = buildViews(input);
    expect(views.folded.text).toBe("");
    const [s, e] = views.compact.toOriginal(0, 0);
    expect(s).toBeGreaterThanOrEqual(0);
    expect(e).toBeLessThanOrEqual(input.length);
  });
});

test("Turkish capital İ folds to a plain i, one character for one", () => {
  const folded = buildViews("İndirim için WhatsApp").folded;
  expect(folded.text).toBe("indirim için whatsapp");
  expect(folded.toOriginal(0, 7)).toEqual([0, 7]);
});

describe("words spelled out character by character", () => {
  test.each([
    // [family, input, folded text, the original characters behind the joined word]
    ["lone ideographs with spaces", "二 维 码 在 详 情 页", "二维码在详情页", "二 维 码 在 详 情 页"],
    ["lone ideographs with slashes", "线/下/交/易 更优惠", "线下交易 更优惠", "线/下/交/易"],
    ["lone ideographs with stars", "私*聊*优*惠", "私聊优惠", "私*聊*优*惠"],
    ["spaced letters", "s c a n for direct contact", "scan for direct contact", "s c a n"],
    ["dotted letters", "w.h.a.t.s.a.p.p me", "whatsapp me", "w.h.a.t.s.a.p.p"],
    ["Q.R", "Q.R in last image", "qr in last image", "Q.R"],
  ])("%s: %s", (_family, input, expected, original) => {
    const folded = buildViews(input).folded;
    expect(folded.text).toBe(expected);
    expect(originalOf(folded, input, expected.split(" ")[0]!)).toBe(original);
  });

  test.each([
    ["words separated by spaces stay apart", "纯棉 短袖 T恤 男款", "纯棉 短袖 t恤 男款"],
    ["two lone characters are not a spelled word", "男 女 通用", "男 女 通用"],
    ["initials in a sentence", "Plan A or B", "plan a or b"],
  ])("%s: %s", (_family, input, expected) => {
    expect(buildViews(input).folded.text).toBe(expected);
  });
});

describe("digits split by emoji or written in mixed notations", () => {
  test.each([
    ["emoji between every digit", "📞 1🔸5🔸2 🔸3🔸3🔸0🔸8 🔸7🔸6🔸1🔸9", "15233087619"],
    ["emoji between groups", "139🌸2211🌸4455", "13922114455"],
    ["ASCII, Chinese, circled and full-width digits in one number", "号码 1五9②2３7七1４4", "15922377144"],
  ])("%s: %s", (_family, input, digits) => {
    const compact = buildViews(input).compact;
    const at = compact.text.indexOf(digits);
    expect(at).toBeGreaterThanOrEqual(0);
    const [start, end] = compact.toOriginal(at, at + digits.length);
    expect(input.slice(start, end).replace(/\D/gu, "").length).toBeGreaterThan(0);
    expect(end).toBe(input.length);
  });

  test.each([
    ["a steel grade", "材质 304/316L 不锈钢", "316l"],
    ["litres", "15L 30L 50L", "15l 30l 50l"],
    ["a steel grade in a longer list of numbers", "304L, 316L and 904L sheets", "316l"],
  ])("a letter closing a number is a unit, not a digit: %s", (_family, input, kept) => {
    expect(buildViews(input).digits.text).toContain(kept);
  });

  test("a letter closing one group of a phone-long number is a swapped digit: l8O 652l 47l4", () => {
    expect(buildViews("Call l8O 652l 47l4 now").compact.text).toContain("18065214714");
  });

  test("a Chinese numeral on the next line is not pulled into a number", () => {
    const text = "WhatsApp: +86-181-9909-5528\n一件代发，支持混批";
    const compact = buildViews(text).compact.text;
    expect(compact).toContain("+8618199095528\n一件代发");
  });

  test("a short count in Chinese with one digit stays as it is", () => {
    expect(buildViews("买3送一，共五件").digits.text).toBe("买3送一,共五件");
  });
});
