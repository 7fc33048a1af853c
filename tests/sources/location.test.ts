import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  LineMap,
  OffsetTextBuilder,
  alignToRaw,
  createFieldText,
  fieldFromSlice,
  unescapeCsvCell,
  unescapeJsonString,
  verbatim,
  type UnescapedText,
} from "../../src/sources/location.js";
import { yamlScalarText } from "../../src/sources/yaml-scalars.js";
import { parse as parseYaml } from "yaml";

/** Line/column by the definition: count `\n`s before the offset. */
function naivePosition(text: string, offset: number) {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - (before.lastIndexOf("\n") + 1) + 1 };
}

const textWithBreaks = fc
  .array(fc.constantFrom("a", "信", "😀", "\n", "\r\n", " ", '"', "\\"), { maxLength: 40 })
  .map((parts) => parts.join(""));

describe("LineMap", () => {
  it("agrees with counting line breaks, for every offset", () => {
    fc.assert(
      fc.property(textWithBreaks, (text) => {
        const lines = new LineMap(text);
        for (let offset = 0; offset <= text.length; offset++) {
          expect(lines.position(offset)).toEqual(naivePosition(text, offset));
        }
      }),
    );
  });

  it("offsets positions of a slice by where it starts in the file", () => {
    const lines = new LineMap("ab\ncd", { line: 10, column: 5 });
    expect(lines.position(1)).toEqual({ line: 10, column: 6 });
    expect(lines.position(4)).toEqual({ line: 11, column: 2 });
  });
});

describe("unescapeCsvCell", () => {
  it("undoes doubled quotes, each character mapping to its raw spelling", () => {
    fc.assert(
      fc.property(textWithBreaks, (value) => {
        const inner = value.replace(/"/g, '""');
        const { text, rawOffsets } = unescapeCsvCell(inner);
        expect(text).toBe(value);
        const offsets = rawOffsets ?? Int32Array.from({ length: text.length + 1 }, (_, i) => i);
        for (let i = 0; i < text.length; i++) {
          expect(inner.slice(offsets[i], offsets[i + 1]).replace('""', '"')).toBe(text[i]);
        }
        expect(offsets[text.length]).toBe(inner.length);
      }),
    );
  });
});

describe("unescapeJsonString", () => {
  it("agrees with JSON.parse, each character mapping to its escape", () => {
    const jsonish = fc.oneof(fc.string({ unit: "binary" }), textWithBreaks, fc.constantFrom("\u200b", "\t\b\f/"));
    fc.assert(
      fc.property(jsonish, fc.boolean(), (value, escapeSlash) => {
        let inner = JSON.stringify(value).slice(1, -1);
        if (escapeSlash) inner = inner.replace(/\//g, "\\/");
        const unescaped = unescapeJsonString(inner);
        expect(unescaped?.text).toBe(value);
        const offsets = unescaped!.rawOffsets ?? Int32Array.from({ length: value.length + 1 }, (_, i) => i);
        for (let i = 0; i < value.length; i++) {
          expect(JSON.parse(`"${inner.slice(offsets[i], offsets[i + 1])}"`)).toBe(value[i]);
        }
      }),
    );
  });

  it("handles \\uXXXX escapes written by hand, including surrogate pairs", () => {
    const { text, rawOffsets } = unescapeJsonString("V\\u200b\\u4fe1\\uD83D\\uDE00!")!;
    expect(text).toBe("V\u200b信😀!");
    expect(Array.from(rawOffsets!)).toEqual([0, 1, 7, 13, 19, 25, 26]);
  });

  it("returns null for a malformed escape", () => {
    expect(unescapeJsonString("a\\x41")).toBeNull();
    expect(unescapeJsonString("a\\u12")).toBeNull();
  });
});

describe("YAML flow scalars", () => {
  let compared = 0;
  afterAll(() => expect(compared).toBeGreaterThan(50)); // the generators must produce valid YAML

  /** Letters are never escapes or folds: each must map to the same letter in the source. */
  const expectLettersAtThemselves = (mapped: UnescapedText, source: string) => {
    for (let i = 0; i < mapped.text.length; i++) {
      const c = mapped.text[i]!;
      if (/[ab信]/.test(c)) expect(source[mapped.rawOffsets ? mapped.rawOffsets[i]! : i]).toBe(c);
    }
  };

  const scalarSources = fc
    .array(fc.constantFrom("a", "b", " ", "\n", "\n\n", "  ", "信", "''", "\\n", '\\"', "\\u200b", "\\x41", "\t", "\\\n"), {
      minLength: 1,
      maxLength: 20,
    })
    .map((parts) => parts.join(""));

  it("double-quoted: same value as the yaml package, each char at its raw spelling", () => {
    fc.assert(
      fc.property(scalarSources, (body) => {
        const source = `"${body.replace(/''/g, "'")}"`;
        let expected: unknown;
        try {
          expected = parseYaml(`k: ${source.replace(/\n/g, "\n  ")}`, { strict: false })?.k;
        } catch {
          return; // not valid YAML: nothing to compare
        }
        if (typeof expected !== "string") return;
        const indented = source.replace(/\n/g, "\n  ");
        const mapped = yamlScalarText(indented, "QUOTE_DOUBLE", expected);
        expect(mapped.text).toBe(expected);
        expectLettersAtThemselves(mapped, indented);
        compared++;
      }),
    );
  });

  it("single-quoted: same value as the yaml package", () => {
    fc.assert(
      fc.property(scalarSources, (body) => {
        const indented = `'${body.replace(/\\/g, "")}'`.replace(/\n/g, "\n  ");
        let expected: unknown;
        try {
          expected = parseYaml(`k: ${indented}`)?.k;
        } catch {
          return;
        }
        if (typeof expected !== "string") return;
        const mapped = yamlScalarText(indented, "QUOTE_SINGLE", expected);
        expect(mapped.text).toBe(expected);
        expectLettersAtThemselves(mapped, indented);
        compared++;
      }),
    );
  });
});

describe("OffsetTextBuilder", () => {
  it("grows past its first guess", () => {
    const out = new OffsetTextBuilder(1);
    for (let i = 0; i < 100; i++) out.append("ab", i * 3);
    const { text, rawOffsets } = out.finish(300);
    expect(text).toHaveLength(200);
    expect(rawOffsets![199]).toBe(297);
    expect(rawOffsets![200]).toBe(300);
  });
});

describe("alignToRaw", () => {
  it("maps verbatim characters exactly and skips indentation and markup", () => {
    const raw = '|\n    Dear buyer,\n    add "QQ" 123\n';
    const value = 'Dear buyer,\nadd "QQ" 123\n';
    const { rawOffsets } = alignToRaw(value, raw, 2);
    expect(raw[rawOffsets![value.indexOf("QQ")]!]).toBe("Q");
    expect(rawOffsets![value.indexOf("QQ")]).toBe(raw.indexOf("QQ"));
    expect(rawOffsets![value.indexOf("\n")]).toBe(raw.indexOf(",\n") + 1);
  });
});

describe("createFieldText / fieldFromSlice", () => {
  it("clamps offsets to the value", () => {
    const f = createFieldText("t", verbatim("abc"), 2, new LineMap("..abc"));
    expect(f.position(-5)).toEqual({ line: 1, column: 3 });
    expect(f.position(99)).toEqual({ line: 1, column: 6 });
  });

  it("positions a value from a raw slice and where it starts", () => {
    const raw = 'say ""hi""\nthen wx';
    const f = fieldFromSlice("description", raw, { line: 7, column: 12 }, unescapeCsvCell(raw));
    expect(f.text).toBe('say "hi"\nthen wx');
    expect(f.position(f.text.indexOf("hi"))).toEqual({ line: 7, column: 18 });
    expect(f.position(f.text.indexOf("wx"))).toEqual({ line: 8, column: 6 });
  });
});
