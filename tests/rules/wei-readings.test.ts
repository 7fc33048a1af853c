// The 微信-homophone table (rules/utils/wei-readings.ts) replaces pinyin-pro at run time: it must
// say exactly what pinyin-pro says for every character the messenger rule asks about.
import { pinyin } from "pinyin-pro";
import { describe, expect, it } from "vitest";
import { WEI_READING_CHARS, readsWei } from "../../rules/utils/wei-readings.js";

describe("readsWei", () => {
  it("matches pinyin-pro's readings over U+4E00–U+9FFF", () => {
    let expected = "";
    for (let c = 0x4e00; c <= 0x9fff; c++) {
      const char = String.fromCharCode(c);
      if (pinyin(char, { toneType: "none", multiple: true, type: "array" }).includes("wei")) expected += char;
    }
    // On a pinyin-pro upgrade that changes readings, paste the expected string into the table.
    expect(WEI_READING_CHARS).toBe(expected);
  });

  it("knows the homophones the rule is for, and not other X信 words", () => {
    for (const char of "威维唯微薇卫") expect(readsWei(char)).toBe(true);
    for (const char of "短书相自通诚") expect(readsWei(char)).toBe(false);
  });
});
