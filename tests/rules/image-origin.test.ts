// Text read from image files (metadata, OCR) and decoded QR codes: which rule reports what.
// A contact read from an image is reported once, by no-image-contact; a QR code by no-qr-code,
// with its payload also going through the link/IM rules as what it is.
import { describe, expect, test } from "vitest";
import imageContact from "../../rules/no-image-contact.js";
import qrCode from "../../rules/no-qr-code.js";
import phone from "../../rules/no-phone-number.js";
import email from "../../rules/no-email.js";
import link from "../../rules/no-external-link.js";
import im from "../../rules/no-im-contact.js";
import offlineDeal from "../../rules/no-offline-deal.js";
import { runRule } from "../helpers/run-rule.js";

const CONTACT_RULES = [phone, email, link, im];

describe("contacts read from images", () => {
  test.each([
    ["ocr", "WhatsApp +86 139 2211 4455", "+86 139 2211 4455"],
    ["ocr", "加微信 lamp_lucy88 拿底价", "lamp_lucy88"],
    ["metadata", "Photo: lucy@brightlamp.com", "lucy@brightlamp.com"],
    ["metadata", "www.brightlamp-direct.com", "www.brightlamp-direct.com"],
  ] as const)("%s: %s is an image contact", (origin, text, value) => {
    const hits = runRule(imageContact, text, { origin, field: origin === "ocr" ? "ocr" : "exif.Artist" });
    const covering = hits.filter((h) => h.confidence >= 0.5 && h.text.includes(value));
    expect(covering.length).toBeGreaterThan(0);
    expect(covering[0]!.messageId).toBe(origin === "ocr" ? "drawnContact" : "metadataContact");
    // Reported once: the contact rules leave image text to no-image-contact.
    for (const rule of CONTACT_RULES) expect(runRule(rule, text, { origin })).toEqual([]);
  });

  test("the same text in a listing field is the contact rules' business, not this rule's", () => {
    const text = "WhatsApp +86 139 2211 4455";
    expect(runRule(imageContact, text)).toEqual([]);
    expect(runRule(phone, text).length + runRule(im, text).length).toBeGreaterThan(0);
  });

  test.each([
    ["ocr", "20000mAh PD 65W\nModel PB-2000"],
    ["ocr", "Size 138x200x300mm  220V 50Hz"],
    ["metadata", "Studio Photo Dept"],
    ["metadata", "Copyright 2026 Bright Lamp Co., Ltd. All rights reserved."],
  ] as const)("%s: clean image text %j is not flagged", (origin, text) => {
    expect(runRule(imageContact, text, { origin }).filter((h) => h.confidence >= 0.5)).toEqual([]);
  });

  test("phrase rules still read OCR text", () => {
    const text = "Contact us directly for a better price than on the platform";
    expect(runRule(offlineDeal, text, { origin: "ocr" }).some((h) => h.confidence >= 0.5)).toBe(true);
  });
});

describe("QR codes decoded from images", () => {
  test("any payload is reported, with the payload in the message", () => {
    const text = "https://wa.me/8613922114455";
    const hits = runRule(qrCode, text, { origin: "qr", field: "qr" });
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ start: 0, end: text.length, messageId: "qrImage", data: { payload: text } });
    expect(hits[0]!.confidence).toBeGreaterThanOrEqual(0.75);
    // The payload is also what it is: a messenger link.
    expect(runRule(link, text, { origin: "qr" }).length).toBeGreaterThan(0);
  });

  test("plain-text payloads (a WeChat id card) are reported too", () => {
    expect(runRule(qrCode, "wxid_lamp_lucy88", { origin: "qr" })).toHaveLength(1);
  });

  test("a code that only links to the platform itself is not", () => {
    expect(runRule(qrCode, "https://brightlamp.en.alibaba.com/productlist.html", { origin: "qr" })).toEqual([]);
  });

  test("a payload outside a QR field is only the phrase rule's text", () => {
    expect(runRule(qrCode, "https://wa.me/8613922114455").filter((h) => h.messageId === "qrImage")).toEqual([]);
  });
});
