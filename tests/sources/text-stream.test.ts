import { describe, expect, it } from "vitest";
import { detached } from "../../src/sources/text-stream.js";

describe("detached (the copy a message's match and each streamed line are kept as)", () => {
  const samples = [
    "",
    "a",
    "WhatsApp +86 138 0013 8000",
    'quotes " and \\ backslashes, \u0000 NUL, \u2028 separators, tabs\t',
    "微信：abc123 \u{1F4DE} 加我",
    "lone surrogates \uD83D and \uDE00 stay as they are",
  ];
  it("gives back exactly the same text, short or long", () => {
    for (const text of samples) {
      expect(detached(text)).toBe(text);
      const long = (text || "y").repeat(400) + "x";
      expect(long.length).toBeGreaterThan(256);
      expect(detached(long)).toBe(long);
    }
  });

  it("copies a slice of a longer text to a string of its own length and content", () => {
    const chunk = "header ".repeat(10_000) + "call 138 0013 8000 now";
    const match = detached(chunk.slice(chunk.indexOf("138"), chunk.indexOf(" now")));
    expect(match).toBe("138 0013 8000");
  });
});
