import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeCsv, escapeJson } from "../../src/eval/escape.js";

// Any UTF-16 unit, lone surrogates included.
const utf16Unit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

describe("escapeJson", () => {
  it("is JSON.stringify without the quotes", () => {
    for (const s of ['say "hi"', "a\\b", "line\nnext\r\n", "tab\there", "\u0001\u001f", "微信 ​ zero-width", "emoji 😀", "\ud800 lone"]) {
      expect(escapeJson(s).text).toBe(JSON.stringify(s).slice(1, -1));
    }
  });

  it("maps every source unit to where it was written (property)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 30 }), fc.string({ unit: utf16Unit, maxLength: 30 })), fc.boolean(), (s, asciiOnly) => {
        const { text, map } = escapeJson(s, { asciiOnly });
        expect(JSON.parse(`"${text}"`)).toBe(s);
        if (!asciiOnly && !/[\u2028\u2029]/.test(s)) expect(text).toBe(JSON.stringify(s).slice(1, -1));
        for (let i = 0; i <= s.length; i++) {
          for (let j = i; j <= s.length; j++) {
            // A slice of the escaped text between two mapped offsets decodes to the same slice of the source,
            // unless it cuts a surrogate pair.
            const cuts = (k: number) => k > 0 && k < s.length && /[\ud800-\udbff]/.test(s[k - 1]!) && /[\udc00-\udfff]/.test(s[k]!);
            if (cuts(i) || cuts(j)) continue;
            expect(JSON.parse(`"${text.slice(map[i], map[j])}"`)).toBe(s.slice(i, j));
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("escapes U+2028/U+2029, and non-ASCII with asciiOnly", () => {
    expect(escapeJson("a\u2028b").text).toBe("a\\u2028b");
    expect(escapeJson("微信", { asciiOnly: true }).text).toBe("\\u5fae\\u4fe1");
  });
});

describe("escapeCsv", () => {
  it("doubles quotes and maps offsets past them", () => {
    const { text, map } = escapeCsv('12" tall "QR" card');
    expect(text).toBe('12"" tall ""QR"" card');
    const at = '12" tall "QR" card'.indexOf("QR");
    expect(text.slice(map[at], map[at + 2])).toBe("QR");
    expect(map.at(-1)).toBe(text.length);
  });
});
