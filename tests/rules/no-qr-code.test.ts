import { describe, expect, it } from "vitest";
import rule from "../../rules/no-qr-code.js";
import { flagged, runRule } from "../helpers/run-rule.js";

/** [text, words the reported range must cover, field] */
const violations: Array<[string, string, string?]> = [
  ["Our price list changes weekly. Scan the QR code in my profile to add me and I'll share the latest list.", "Scan the QR code in my profile to add me"],
  ["white box + thank-you card; scan the code on the package card to reach our sales team directly for reorders", "scan the code on the package card to reach", "packaging"],
  ["Lengths 14-30 inch. Scan the QR code in the last product image to get our wholesale price list.", "Scan the QR code in the last product image to get"],
  ["rental led screen stage photo, QR code in the corner to add our WeChat", "QR code in the corner", "image_alt"],
  ["clear iphone 15 case with package insert card - scan the QR to add us on WhatsApp for VIP wholesale price", "scan the QR to add us", "image_alt"],
  ["Add me on WeChat by scanning the code in picture 5.", "scanning the code"],
  ["Our WeChat QR code is on the last picture.", "WeChat QR code"],
  // obfuscation
  ["Ｓｃａｎ the Q\u200bR code on the card to add us.", "Ｓｃａｎ the Q\u200bR code on the card to add"],
  // Chinese
  ["亲，您的包裹已经签收啦～包裹里有一张小卡片，扫码加客服可以领5元红包哦", "扫码加客服"],
  ["外箱内附包裹卡：扫描包裹卡二维码添加客服微信，领3元无门槛红包", "扫描包裹卡二维码添加客服"],
  ["家里猫多的宝子，戳头像扫码进粉丝群，群内价更低", "扫码进粉丝群"],
  ["交货期25天。扫描详情页最后一张图的二维码，了解线下合作价", "扫描详情页最后一张图的二维码，了解"],
  ["长按识别二维码", "长按识别二维码"],
  ["二维码在详情页最后一张图", "二维码在详情页最后一张图"],
  // traditional Chinese
  ["長按識別二維碼加好友", "長按識別二維碼"],
  // other languages
  ["Сканируйте QR-код на упаковке, чтобы написать нам в Телеграм напрямую.", "Сканируйте QR-код на упаковке"],
  ["Escanea el código QR de la tarjeta para agregarnos en WhatsApp.", "Escanea el código QR"],
  ["Escaneie o QR code da embalagem e fale com a gente no WhatsApp.", "Escaneie o QR code"],
  ["Scannez le QR code sur la carte pour nous ajouter sur WhatsApp.", "Scannez le QR code"],
  ["امسح رمز QR على البطاقة للتواصل معنا عبر واتساب.", "امسح رمز QR"],
  ["Quét mã QR trên thẻ để kết bạn Zalo nhận quà.", "Quét mã QR"],
  ["สแกน QR บนการ์ดเพื่อแอดไลน์รับส่วนลด", "สแกน QR"],
];

const clean: string[] = [
  "Handheld 2D Barcode Scanner USB Wired QR Code Reader for POS. Reads 1D/2D codes: QR Code, Data Matrix. Scans QR codes from paper labels and mobile phone screens.",
  "Yes, this scanner reads 1D and 2D codes including QR Code, PDF417 and Data Matrix, and it can scan QR codes from phone screens.",
  "QR码标签 QR Code Label Sticker 防水 PET 定制序列号，每张标签印有唯一QR码及序列号",
  "Custom Printed QR Code Labels: each label carries a unique QR code and serial number for asset tracking.",
  "无线二维码扫描枪 超市收银扫码枪 快递扫码器，支持一维码、二维码识读，可扫手机屏幕支付码",
  "扫码枪支持一维码和二维码，也能扫手机屏幕上的付款码，USB即插即用免驱动。",
  "亚克力收款码牌定制 支付宝微信收款二维码立牌 桌面台卡，可印店铺logo和收款二维码（图片由买家提供）",
  "5%烟酰胺+传明酸。每瓶附防伪标签，刮开涂层扫码即可查询真伪。",
  "Сканер штрих-кодов и QR-кодов проводной USB. Считывает QR-коды с экрана телефона.",
  "Lector de códigos QR inalámbrico; lee códigos QR desde papel y pantallas.",
  "The QR code on the box links to the installation video.",
  "Scan the QR code to download the app and pair the device.",
  "产品包装上有二维码，扫码可查看安装视频",
  "Scan-to-pay QR code display stand, acrylic, 10x15cm.",
];

describe("no-qr-code", () => {
  it("has the meta the kernel and docs need", () => {
    expect(rule.meta.id).toBe("no-qr-code");
    expect(rule.meta.category).toBe("qr");
    expect(rule.meta.defaultSeverity).toBe("error");
    expect(rule.meta.docs.url).toMatch(/docs\/rules\/no-qr-code\.md$/u);
    expect(rule.meta.messages.qrImage!.en).toContain("{payload}");
    expect(rule.meta.messages.scanToContact!["zh-CN"]).toContain("{text}");
  });

  for (const [text, words, field] of violations) {
    it(`flags ${JSON.stringify(text.slice(0, 60))}`, () => {
      const hits = runRule(rule, text, { field }).filter((h) => h.confidence >= 0.5);
      const at = text.indexOf(words);
      expect(at).toBeGreaterThanOrEqual(0);
      const covering = hits.filter((h) => h.start <= at && h.end >= at + words.length);
      expect(covering.length, JSON.stringify(hits.map((h) => h.text))).toBeGreaterThan(0);
    });
  }

  for (const text of clean) {
    it(`does not flag ${JSON.stringify(text.slice(0, 60))}`, () => {
      expect(flagged(rule, text)).toEqual([]);
    });
  }

  it("reports a bare mention of a QR code on packaging only in strict mode", () => {
    const text = "Gift box with a QR code sticker on the box.";
    expect(runRule(rule, text)).toEqual([]);
    const strict = runRule(rule, text, { strict: true });
    expect(strict.map((h) => h.text)).toEqual(["QR code sticker"]);
    expect(strict[0]!.confidence).toBeLessThan(0.5);
  });
});
