// Property tests for the view offset maps: whatever a seller types (ASCII, CJK, full-width,
// circled digits, invisibles, Cyrillic, emoji, spelled-out marks), a range found in any view must
// map back to a valid range of the original text that holds the characters which produced it.
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import type { TextView } from "../../src/types.js";
import { buildViews } from "../../src/text/views.js";

/** Pieces seller text is made of, including every disguise family the views undo. */
const PIECES = [
  // ASCII letters, digits, separators and address words
  "a", "W", "h", "s", "p", "x", "v", "l", "o", "O", "I", "0", "1", "3", "8", "9", " ", ".", "-", "_", "/", "@", "#", ":",
  "(", ")", "[", "]", "at", "dot", " at ", " dot ", "com", "www", "what", "sapp", "one ", "three ", "eight ", "\n",
  // CJK, numerals (simplified, traditional, financial), address words
  "微", "信", "薇", "加", "我", "一", "三", "八", "幺", "两", "〇", "壹", "貳", "參", "陸", "捌", "艾特", "点", "點", "。", "，", "號",
  // full-width
  "１", "３", "８", "Ａ", "ｗ", "＠", "．", "：",
  // circled, parenthesised, dingbat, super/subscript digits and styled letters
  "①", "③", "⑧", "⑴", "⒈", "❶", "➀", "➊", "⓵", "⓿", "㈠", "㊇", "¹", "₈", "ⓦ", "⒲", "𝐰", "𝟖",
  // invisibles and format characters
  "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u202E", "\uFE0F",
  // Cyrillic and Greek look-alikes
  "а", "е", "о", "р", "с", "А", "В", "ω", "ο",
  // emoji, keycaps, ZWJ sequences, astral characters
  "😀", "👍🏽", "👨‍👩‍👧", "1️⃣", "8️⃣", "🛰️", "✈️", "🐧",
];

const sellerText = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(""));
/** Arbitrary UTF-16 too, lone surrogates included: the maps must not depend on well-formed input. */
const anyText = fc.oneof(sellerText, fc.string({ unit: "binary", maxLength: 30 }), fc.string({ unit: "binary-ascii", maxLength: 30 }));

const RUNS = { numRuns: 300 };

function allViews(text: string): Array<[string, TextView]> {
  const views = buildViews(text);
  return [
    ["folded", views.folded],
    ["digits", views.digits],
    ["compact", views.compact],
  ];
}

describe("view offset maps", () => {
  test("every range maps inside the original, start <= end", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const [, view] of allViews(text)) {
          const n = view.text.length;
          for (let s = 0; s < n; s++) {
            for (let e = s + 1; e <= n; e++) {
              const [os, oe] = view.toOriginal(s, e);
              expect(Number.isInteger(os) && Number.isInteger(oe)).toBe(true);
              expect(os).toBeGreaterThanOrEqual(0);
              expect(oe).toBeLessThanOrEqual(text.length);
              expect(os).toBeLessThanOrEqual(oe);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  test("each view unit maps to a non-empty range of original characters", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const [name, view] of allViews(text)) {
          for (let i = 0; i < view.text.length; i++) {
            const [os, oe] = view.toOriginal(i, i + 1);
            expect(text.slice(os, oe), `${name} unit ${i} of ${JSON.stringify(view.text)}`).not.toBe("");
          }
        }
      }),
      RUNS,
    );
  });

  test("a range covers the ranges of every unit in it", () => {
    fc.assert(
      fc.property(sellerText, fc.nat(), fc.nat(), (text, a, b) => {
        for (const [, view] of allViews(text)) {
          const n = view.text.length;
          if (n === 0) continue;
          const s = a % n;
          const e = s + 1 + (b % (n - s));
          const [os, oe] = view.toOriginal(s, e);
          for (let i = s; i < e; i++) {
            const [us, ue] = view.toOriginal(i, i + 1);
            expect(us).toBeGreaterThanOrEqual(os);
            expect(ue).toBeLessThanOrEqual(oe);
          }
        }
      }),
      RUNS,
    );
  });

  test("view units keep the order of the original (findings come out in reading order)", () => {
    fc.assert(
      fc.property(sellerText, (text) => {
        for (const [name, view] of allViews(text)) {
          let previous = 0;
          for (let i = 0; i < view.text.length; i++) {
            const [os] = view.toOriginal(i, i + 1);
            expect(os, `${name} unit ${i}`).toBeGreaterThanOrEqual(previous);
            previous = os;
          }
        }
      }),
      RUNS,
    );
  });

  test("every visible original character is covered by some unit of the folded view", () => {
    const invisible = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFE00-\uFE0F\uFEFF\u20E3]/;
    fc.assert(
      fc.property(sellerText, (text) => {
        const folded = buildViews(text).folded;
        const covered = new Uint8Array(text.length);
        for (let i = 0; i < folded.text.length; i++) {
          const [os, oe] = folded.toOriginal(i, i + 1);
          for (let k = os; k < oe; k++) covered[k] = 1;
        }
        for (let k = 0; k < text.length; k++) {
          if (!invisible.test(text[k]!)) expect(covered[k], `original ${k} ${JSON.stringify(text[k])} of ${JSON.stringify(text)}`).toBe(1);
        }
      }),
      RUNS,
    );
  });

  test("views are deterministic: same text, same views and maps", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const first = allViews(text);
        const second = allViews(text);
        for (let v = 0; v < first.length; v++) {
          const [, a] = first[v]!;
          const [, b] = second[v]!;
          expect(b.text).toBe(a.text);
          for (let i = 0; i < a.text.length; i++) expect(b.toOriginal(i, i + 1)).toEqual(a.toOriginal(i, i + 1));
        }
      }),
      RUNS,
    );
  });

  test("plain lower-case ASCII words without digits or marks pass through unchanged", () => {
    const word = fc.array(fc.constantFrom(..."bcdfghjkmnqrstuvwxyz"), { minLength: 1, maxLength: 8 }).map((c) => c.join(""));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        const text = words.join("  ");
        for (const [, view] of allViews(text)) {
          // Single letters split by spaces may be joined (w h a t s a p p); words of 2+ letters stay.
          if (words.some((w) => w.length === 1)) continue;
          expect(view.text).toBe(text);
          expect(view.toOriginal(0, view.text.length)).toEqual([0, text.length]);
        }
      }),
      RUNS,
    );
  });
});
