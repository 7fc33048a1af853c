import { describe, expect, it } from "vitest";
import rule from "../../rules/no-qr-code.js";
import { flagged, runRule, coveringHits } from "../helpers/run-rule.js";

/** [text, words the reported range must cover, field] */
const violations: Array<[string, string, string?]> = [
  ["last photo: 扫码 add friend 领取赠品", "扫码 add friend", "image_alt"],
  ["主图6 扫码加好友 领取电子说明书", "扫码加好友", "image_alt"],
  ["Scan to join our VIP group and get early access.", "Scan to join"],
  ["The code on the flyer adds you to our buyers' group.", "code on the flyer adds you", "packaging"],
  ["Escaneia o QR code da etiqueta e entra no nosso grupo do zap.", "Escaneia o QR code"],
  ["New prices every week. Scan the QR on my profile page and add me for the updates.", "Scan the QR on my profile page and add me"],
  ["gift box + card; scan the code printed on the package card to reach sales for reorders", "scan the code printed on the package card to reach", "packaging"],
  ["Sizes S-XL. Scan the code in the final product image to get the trade price sheet.", "Scan the code in the final product image to get"],
  ["screen photo, QR code in the corner for adding our WeChat", "QR code in the corner", "image_alt"],
  ["phone case and insert card: scan this QR, then add us on WhatsApp for VIP deals", "scan this QR, then add us", "image_alt"],
  ["Add me on WeChat by scanning the code in picture 5.", "scanning the code"],
  ["Our WeChat QR code is on the last picture.", "WeChat QR code"],
  // obfuscation
  ["Ｓｃａｎ the Q\u200bR code on the card to add us.", "Ｓｃａｎ the Q\u200bR code on the card to add"],
  // Chinese
  ["包裹已签收～里面有张卡片，扫码加客服领红包", "扫码加客服"],
  ["箱内包裹卡：扫描包裹卡二维码添加客服微信领福利", "扫描包裹卡二维码添加客服"],
  ["多猫家庭看过来，点头像扫码进粉丝群", "扫码进粉丝群"],
  ["交期20天。扫描详情页最后一张图的二维码，了解合作方式", "扫描详情页最后一张图的二维码，了解"],
  ["长按识别二维码", "长按识别二维码"],
  ["二维码在详情页最后一张图", "二维码在详情页最后一张图"],
  // traditional Chinese
  ["長按識別二維碼加好友", "長按識別二維碼"],
  // other languages
  ["Сканируйте QR-код на упаковке и пишите нам в Телеграм.", "Сканируйте QR-код на упаковке"],
  ["Escanea el código QR de la tarjeta para agregarnos en WhatsApp.", "Escanea el código QR"],
  ["Escaneie o QR code da embalagem e fale com a gente no WhatsApp.", "Escaneie o QR code"],
  ["Scannez le QR code sur la carte pour nous ajouter sur WhatsApp.", "Scannez le QR code"],
  ["امسح رمز QR على البطاقة للتواصل معنا عبر واتساب.", "امسح رمز QR"],
  ["Quét mã QR trên thẻ để kết bạn Zalo nhận quà.", "Quét mã QR"],
  ["สแกน QR บนการ์ดเพื่อแอดไลน์รับส่วนลด", "สแกน QR"],
];

const clean: string[] = [
  "Scan the QR to register your warranty online.",
  "扫码查看安装视频和电子说明书",
  "QR코드를 스캔하면 사용 설명서를 볼 수 있어요.",
  "Wired 2D barcode scanner for checkout counters; reads QR Code and Data Matrix from labels and phone screens.",
  "Yes, the reader handles 1D and 2D symbols such as QR Code and PDF417, also from phone displays.",
  "QR码贴纸 防水 定制流水号，每张印唯一QR码",
  "Printed QR labels, every one with its own QR code and serial number for inventory tracking.",
  "无线扫描枪 收银扫码枪，识读一维码二维码，可扫手机支付码",
  "扫码枪识别一维和二维码，手机付款码也能扫，即插即用。",
  "收款码牌定制 二维码立牌，可印logo和收款二维码，图片买家提供",
  "烟酰胺精华。每盒附防伪码，刮开扫码查真伪。",
  "Проводной сканер штрихкодов и QR, читает QR с экранов смартфонов.",
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
    expect(rule.meta.docs.url).toMatch(/^file:.*\/rules\/no-qr-code\.md$/u);
    expect(rule.meta.messages.qrImage!.en).toContain("{payload}");
    expect(rule.meta.messages.scanToContact!["zh-CN"]).toContain("{text}");
  });

  for (const [text, words, field] of violations) {
    it(`flags ${JSON.stringify(text.slice(0, 60))}`, () => {
      const covering = coveringHits(rule, text, words, { field });
      expect(covering.length, JSON.stringify(runRule(rule, text, { field }).map((h) => h.text))).toBeGreaterThan(0);
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
