import { describe, expect, it } from "vitest";
import { displayWidth, padEnd, padStart, sanitize } from "../../src/formatters/width.js";

describe("displayWidth", () => {
  it("counts terminal cells", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("微信")).toBe(4);
    expect(displayWidth("ＶＸ１３８")).toBe(10); // full-width forms
    expect(displayWidth("（，）")).toBe(6);
    expect(displayWidth("e\u0301")).toBe(1); // combining accent
    expect(displayWidth("a\u200bb")).toBe(2); // zero-width space
    expect(displayWidth("😀")).toBe(2);
    expect(displayWidth("①③⑧")).toBe(3); // ambiguous width: narrow outside CJK terminals
    expect(displayWidth("\u001b[31merror\u001b[39m")).toBe(5);
  });

  it("pads by display width", () => {
    expect(padEnd("微", 4)).toBe("微  ");
    expect(padStart("7", 3)).toBe("  7");
    expect(padEnd("toolong", 3)).toBe("toolong");
  });
});

describe("sanitize", () => {
  it("keeps one line and makes invisible characters visible", () => {
    expect(sanitize("a\r\nb\tc")).toBe("a b c");
    expect(sanitize("x\u0007y\u009bz")).toBe("xyz");
    expect(sanitize("V\u200d信")).toBe("V<U+200D>信");
    expect(sanitize("\u202Eabc")).toBe("<U+202E>abc");
    expect(sanitize("V信 lamp_88")).toBe("V信 lamp_88");
  });
});
