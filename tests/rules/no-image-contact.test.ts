// no-image-contact: text that describes an image (alt text, captions) and says a contact is drawn
// on it (research §2.9). A watermark word without a contact, or a contact without a watermark word,
// is not this rule's business.
import { describe, expect, test } from "vitest";
import rule from "../../rules/no-image-contact.js";
import { flagged, runRule } from "../helpers/run-rule.js";
import { severityFor } from "../../src/linter.js";

describe("no-image-contact: must flag", () => {
  test.each([
    // [alt text, the exact original characters the finding covers]
    ["图片水印：13922114455", "水印：13922114455"],
    ["alt: 主图带水印，电话 13922114455", "水印，电话 13922114455"],
    ["watermark lucy@brightlamp.com", "watermark lucy@brightlamp.com"],
    ["watermark: t.me/lamp_lucy", "watermark: t.me/lamp_lucy"],
    ["watermark brightlamp.com on the photo", "watermark brightlamp.com"],
  ])("%s", (input, match) => {
    const hits = runRule(rule, input);
    expect(hits.map((h) => h.text)).toContain(match);
    for (const hit of hits) {
      // Text that describes an image: reported with `extends: strict` (a warning), not by default.
      expect(severityFor(hit.confidence, 2, true)).toBe(1);
      expect(severityFor(hit.confidence, 2, false)).toBe(0);
      expect(hit.messageId).toBe("watermark");
      expect(hit.data?.text).toBe(hit.text);
    }
  });

  test.each([
    "watermark with WhatsApp 8613922114455",
    "product photo, watermark: WhatsApp +86 139 2211 4455",
    'alt="lamp photo with watermark WeChat: lamp_lucy88"',
    "主图上有水印 微信 lamp_lucy88",
  ])("messenger watermark is flagged from the watermark word on: %s", (input) => {
    const hits = runRule(rule, input).filter((h) => severityFor(h.confidence, 2, true) > 0);
    expect(hits.length).toBeGreaterThan(0);
    const mark = input.search(/watermark|水印|图上/);
    expect(hits.some((h) => h.start <= mark && h.end > mark)).toBe(true);
  });
});

describe("no-image-contact: must not flag", () => {
  test.each([
    // Alt text without a contact
    "Red lamp on white background",
    "主图 白底图",
    "Lamp, 3 colours, 13800mAh battery",
    "图中有二维码",
    // A watermark word without a contact
    "Watermark-free photos",
    "no watermark",
    "水印已去除",
    "水印 logo: BrightLamp",
    "watermark removed, 138x200mm size",
    "photo watermark removed; HS code 8517620000",
    "brand watermark, size 138x200mm, HS code 8517620000",
    "watermark-free, Mr.Li photographed it, firmware v2.0.1",
    "Image shows model WX-200 on the photo",
    "watermark with the fishing line logo",
    "No watermark on the photo; phone supports WhatsApp video calls",
    // A contact without a watermark word: other rules report it
    "WhatsApp 8613922114455",
  ])("%s", (input) => {
    expect(flagged(rule, input)).toEqual([]);
  });
});
