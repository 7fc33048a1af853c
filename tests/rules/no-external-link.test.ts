// no-external-link: URLs, bare shop domains, short links, messenger links and links spelled out
// to dodge filters (research §2.4) are flagged; abbreviations, versions, file names, chain types
// and the platforms' own domains are not (research §3 #6, #28-30).
import { describe, expect, test } from "vitest";
import rule from "../../rules/no-external-link.js";
import { flagged, runRule } from "../helpers/run-rule.js";

type Kind = "link" | "shortener" | "messenger" | "disguised";

interface Ng {
  input: string;
  /** The exact original characters the finding covers. */
  match: string;
  messageId: Kind;
}

const ng: Ng[] = [
  // Scheme and www
  { input: "Visit www.brightlamp-store.com for more", match: "www.brightlamp-store.com", messageId: "link" },
  { input: "https://brightlamp.example.org/catalog", match: "https://brightlamp.example.org/catalog", messageId: "link" },
  { input: "http://brightlamp.net", match: "http://brightlamp.net", messageId: "link" },
  { input: "https://brightlamp.com", match: "https://brightlamp.com", messageId: "link" },
  // Bare domains on shop TLDs, also after CJK text and a full-width colon
  { input: "官网：brightlamp.com", match: "brightlamp.com", messageId: "link" },
  { input: "Shop brightlamp.com", match: "brightlamp.com", messageId: "link" },
  { input: "Visit BrightLamp.net today", match: "BrightLamp.net", messageId: "link" },
  { input: "brightlamp.top", match: "brightlamp.top", messageId: "link" },
  { input: "brightlamp.shop has the full range", match: "brightlamp.shop", messageId: "link" },
  { input: "more colours on lampco.store", match: "lampco.store", messageId: "link" },
  { input: "see our site: brightlamp.xyz", match: "brightlamp.xyz", messageId: "link" },
  { input: "mybrand.cn", match: "mybrand.cn", messageId: "link" },
  { input: "brightlamp.com.cn", match: "brightlamp.com.cn", messageId: "link" },
  // Shorteners without a scheme
  { input: "bit.ly/3xYzAbc", match: "bit.ly/3xYzAbc", messageId: "shortener" },
  { input: "t.cn/A6abcXyz", match: "t.cn/A6abcXyz", messageId: "shortener" },
  { input: "tinyurl.com/brightlamp", match: "tinyurl.com/brightlamp", messageId: "shortener" },
  // Messenger deep links
  { input: "wa.me/8613922114455", match: "wa.me/8613922114455", messageId: "messenger" },
  { input: "t.me/brightlamp_sales", match: "t.me/brightlamp_sales", messageId: "messenger" },
  { input: "api.whatsapp.com/send?phone=8613922114455", match: "api.whatsapp.com/send?phone=8613922114455", messageId: "messenger" },
  { input: "m.me/brightlamp", match: "m.me/brightlamp", messageId: "messenger" },
  { input: "line.me/ti/p/abc123", match: "line.me/ti/p/abc123", messageId: "messenger" },
  { input: "u.wechat.com/abc123", match: "u.wechat.com/abc123", messageId: "messenger" },
  // Spelled out, ideographic or full-width dots, spaces, invisibles
  { input: "brightlamp dot com", match: "brightlamp dot com", messageId: "disguised" },
  { input: "brightlamp [dot] com", match: "brightlamp [dot] com", messageId: "disguised" },
  { input: "brightlamp(dot)com", match: "brightlamp(dot)com", messageId: "disguised" },
  { input: "www。brightlamp。com", match: "www。brightlamp。com", messageId: "disguised" },
  { input: "brightlamp点com", match: "brightlamp点com", messageId: "disguised" },
  { input: "brightlamp點com", match: "brightlamp點com", messageId: "disguised" },
  { input: "www . brightlamp . com", match: "www . brightlamp . com", messageId: "link" },
  { input: "brightlamp .com", match: "brightlamp .com", messageId: "link" },
  { input: "ｗｗｗ．ｂｒｉｇｈｔｌａｍｐ．ｃｏｍ", match: "ｗｗｗ．ｂｒｉｇｈｔｌａｍｐ．ｃｏｍ", messageId: "link" },
  { input: "www.bright\u200Blamp.com", match: "www.bright\u200Blamp.com", messageId: "link" },
];

describe("no-external-link: must flag", () => {
  // Every link case is reported at error level (confidence >= 0.75).
  test.each(ng)("$input", ({ input, match, messageId }) => {
    const hits = runRule(rule, input);
    const hit = hits.find((h) => h.text === match);
    expect(hit, JSON.stringify(hits.map((h) => [h.text, h.messageId]))).toBeDefined();
    expect(hit!.confidence).toBeGreaterThanOrEqual(0.75);
    expect(hit!.messageId).toBe(messageId);
  });

  test("messenger links name the app", () => {
    expect(runRule(rule, "wa.me/8613922114455")[0]!.data?.app).toBe("WhatsApp");
    expect(runRule(rule, "t.me/brightlamp_sales")[0]!.data?.app).toBe("Telegram");
  });

  test("two domains in one text give two findings", () => {
    expect(flagged(rule, "see brightlamp.com, brightlamp.net")).toEqual(["brightlamp.com", "brightlamp.net"]);
  });
});

describe("no-external-link: allowed domains", () => {
  test.each([
    "Our Alibaba store: brightlamp.en.alibaba.com",
    "https://www.alibaba.com/product-detail/abc_123.html",
    "see aliexpress.com/item/100500.html",
    "order on amazon.com",
    "1688.com 同款",
    "taobao.com",
  ])("platform domain: %s", (input) => {
    expect(flagged(rule, input)).toEqual([]);
  });

  test("the allow option exempts a domain and its subdomains, nothing else", () => {
    const options = { allow: ["brightlamp.com"] };
    expect(runRule(rule, "brightlamp.com", { options })).toEqual([]);
    expect(runRule(rule, "shop.brightlamp.com", { options })).toEqual([]);
    expect(runRule(rule, "see brightlamp.com and mystore.net", { options }).map((h) => h.text)).toEqual(["mystore.net"]);
    expect(runRule(rule, "notbrightlamp.com", { options }).map((h) => h.text)).toEqual(["notbrightlamp.com"]);
  });

  test("a wildcard entry exempts subdomains", () => {
    const options = { allow: ["*.brightlamp.com"] };
    expect(runRule(rule, "shop.brightlamp.com", { options })).toEqual([]);
    expect(runRule(rule, "www.brightlamp.com", { options })).toEqual([]);
    expect(runRule(rule, "https://brightlamp.com/about", { options })).toEqual([]);
  });
});

const ok: string[] = [
  // Abbreviations glued to a name
  "Mr.Li will reply within 24 hours",
  "contact Mr.Wang for samples",
  "Dr.Chen's formula",
  "St.Louis warehouse",
  "No.5 perfume",
  "Fig.2 shows the wiring",
  // Capitalised words missing a space
  "Made in China.cn supplier",
  "Color.Red, Color.Blue",
  "Pack.In bag",
  "Type.C cable",
  "the end.Next sentence",
  "Size:S.M.L.XL",
  // Versions, numbers and (by design) bare IP addresses: the compact view reads dotted digit
  // groups as one number, so "192.168.1.1 router setting" is not a link.
  "iPhone 15.Pro case",
  "firmware v2.0.1",
  "firmware v1.2.3 update",
  "5.11 tactical backpack",
  "Wi-Fi 6.0, Bluetooth 5.3",
  "router default 192.168.1.1 setting page",
  "approx.5cm",
  "dia.10mm",
  "qty.100",
  "e.g. red",
  "i.e. blue",
  // File names whose extension is also a TLD
  "download manual.pdf",
  "design.ai source file included",
  "readme.md",
  "photos.zip",
  // "link" as a word
  "14K gold Cuban link chain",
  "quick link bracelet",
  // Mentioning a website without its address
  "We have a brand website with more cases",
];

describe("no-external-link: must not flag", () => {
  test.each(ok)("%s", (input) => {
    expect(flagged(rule, input)).toEqual([]);
  });
});
