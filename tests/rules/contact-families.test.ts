// Families the first version of the contact rules got wrong, kept as must/must-not cases.
import { describe, expect, it } from "vitest";
import noPhoneNumber from "../../rules/no-phone-number.js";
import noEmail from "../../rules/no-email.js";
import noExternalLink from "../../rules/no-external-link.js";
import noImContact from "../../rules/no-im-contact.js";
import noImageContact from "../../rules/no-image-contact.js";
import { flagged, runRule } from "../helpers/run-rule.js";

describe("no-phone-number: ids labelled 'No.' or 'number' are not phones", () => {
  it.each([
    "Order No. 13922114455",
    "tracking no. 13922114455",
    "Part No. 13627512345",
    "OE No. 13627512345",
    "Serial No. 13922114455",
    "Order number: 13922114455",
    "Tracking number 13922114455",
    "Part number 13627512345",
    "OE number 13627512345",
  ])("%s", (text) => {
    expect(flagged(noPhoneNumber, text)).toEqual([]);
  });

  it("still flags a labelled contact number", () => {
    expect(flagged(noPhoneNumber, "Contact number: 139 2211 4455")).toEqual(["139 2211 4455"]);
  });
});

describe("no-phone-number: decimal lists are not glued into a number", () => {
  it.each(["Sizes (cm): 15.5 20.8 31.2 45", "Wire gauges 18.5 20.8 31.2 45", "Price $13.80/pc, 2,000 pcs $12.50"])("%s", (text) => {
    expect(flagged(noPhoneNumber, text)).toEqual([]);
  });
  it("a dotted phone number still joins", () => {
    expect(flagged(noPhoneNumber, "tel 139.2211.4455")).toEqual(["139.2211.4455"]);
  });
});

describe("no-phone-number: emoji keycaps", () => {
  it("covers the last keycap whole", () => {
    const text = "call 1️⃣3️⃣9️⃣2️⃣2️⃣1️⃣1️⃣4️⃣4️⃣5️⃣5️⃣ now";
    const [hit] = runRule(noPhoneNumber, text);
    expect(hit!.text).toBe("1️⃣3️⃣9️⃣2️⃣2️⃣1️⃣1️⃣4️⃣4️⃣5️⃣5️⃣");
  });
});

describe("'at' before a real domain is English, not an e-mail", () => {
  it.each(["also available at alibaba.com", "find us at brightlamp.com", "order at brightlamp.top"])("%s", (text) => {
    expect(flagged(noEmail, text)).toEqual([]);
  });
  it("the link is still a link", () => {
    expect(flagged(noExternalLink, "find us at brightlamp.com")).toEqual(["brightlamp.com"]);
    expect(flagged(noExternalLink, "also available at alibaba.com")).toEqual([]);
  });
  it("a spelled-out address is still an e-mail", () => {
    expect(flagged(noEmail, "write to lucy at brightlamp dot com")).toEqual(["lucy at brightlamp dot com"]);
  });
});

describe("no-external-link: IP address URLs", () => {
  it("flags a schemed IP URL", () => {
    expect(flagged(noExternalLink, "shop: http://47.96.12.34/shop")).toEqual(["http://47.96.12.34/shop"]);
  });
  it("does not flag a router address in a manual", () => {
    expect(flagged(noExternalLink, "router default 192.168.1.1 setting page")).toEqual([]);
  });
});

describe("no-im-contact: homophones with a handle, wxid, same number", () => {
  it.each([
    ["威信 lamp_lucy88", "威信 lamp_lucy88"],
    ["维信 lamp_lucy88", "维信 lamp_lucy88"],
    ["加维信lamp_lucy88", "维信lamp_lucy88"],
    ["wxid_lamp88", "wxid_lamp88"],
    ["13922114455 VX同号", "VX同号"],
  ])("%s", (text, covered) => {
    expect(flagged(noImContact, text)).toEqual([covered]);
  });
});

describe("no-im-contact: products and refusals", () => {
  it.each([
    "纸飞机模型",
    "折纸飞机模型套装",
    "企鹅毛绒玩具 30cm",
    "卫星天线 高增益",
    "We do not use WhatsApp, please contact us through the platform chat",
    "Sorry, WhatsApp is not allowed here; please message us in the platform chat",
    "Please don't ask for our WeChat, we reply here within 24h",
  ])("%s", (text) => {
    expect(flagged(noImContact, text)).toEqual([]);
  });
});

describe("no-im-contact: message and range", () => {
  it("the plain name is not called a disguise", () => {
    const [hit] = runRule(noImContact, "WhatsApp: 8613922114455");
    expect(hit!.messageId).toBe("handle");
  });
  it("a Skype live: id is covered whole", () => {
    expect(flagged(noImContact, "Skype: live:lamp.lucy")).toEqual(["Skype: live:lamp.lucy"]);
  });
});

describe("no-image-contact", () => {
  it("covers the watermark word and the whole contact", () => {
    // Reported with `extends: strict` (minimum confidence 0.3): the contact rules report the contact itself.
    expect(flagged(noImageContact, "photo, watermark with WhatsApp 8613922114455", 0.3)).toEqual(["watermark with WhatsApp 8613922114455"]);
  });
  it.each(["无水印。微信 lamp_lucy88", "Photos have no watermark. WhatsApp 8613922114455"])("no watermark: %s", (text) => {
    expect(flagged(noImageContact, text, 0.3)).toEqual([]);
  });
});

describe("no-external-link: routes to a link and share tokens", () => {
  it.each([
    ["Bundle prices are lower at the link in bio", "link in bio"],
    ["购买链接在主页简介", "链接在主页"],
    ["￥Xy7kP2qLm9￥ 复制后打开淘宝", "￥Xy7kP2qLm9￥"],
  ])("%s", (text, covered) => {
    expect(flagged(noExternalLink, text).join(" ")).toContain(covered);
  });
  it("the IM rule leaves 'link in bio' to the link rule", () => {
    expect(flagged(noImContact, "new drops weekly, link in bio")).toEqual([]);
  });
  it("does not flag prices with currency signs", () => {
    expect(flagged(noExternalLink, "Price: $12.50 - $15.00 per piece, ¥88 retail")).toEqual([]);
  });
});
