// no-phone-number: a phone number offered as a contact must be found in every notation sellers use
// to dodge digit filters (research §2.2), and ids that only look like phone numbers must not be
// (research §3: HS codes, EAN, order numbers, standards, voltages, sizes, capacities, prices, OE numbers).
import { describe, expect, test } from "vitest";
import rule from "../../rules/no-phone-number.js";
import { flagged, runRule } from "../helpers/run-rule.js";

const WARN = 0.5;
const ERROR = 0.75;

/** The finding at warning level or above whose original text is `match`. */
function hitFor(input: string, match: string) {
  const hits = runRule(rule, input).filter((h) => h.confidence >= WARN);
  const hit = hits.find((h) => h.text === match);
  expect(hit, `${JSON.stringify(input)} should flag ${JSON.stringify(match)}; got ${JSON.stringify(hits.map((h) => [h.text, h.confidence]))}`).toBeDefined();
  return hit!;
}

interface Ng {
  input: string;
  /** The exact original characters the finding covers. */
  match: string;
  /** E.164 number reported in `data.number`. */
  number: string;
  /** `error`: confidence >= 0.75, so the configured severity; `warn`: at least a warning. */
  level: "error" | "warn";
  /** Reported as a disguised notation (messageId `disguised`). */
  disguised?: boolean;
}

const CN = "+8613922114455";

const ng: Ng[] = [
  // Plain digits with separators and country prefixes
  { input: "Call me: +86 138-0013-8000", match: "+86 138-0013-8000", number: "+8613800138000", level: "error" },
  { input: "手机 139 2211 4455 随时联系", match: "139 2211 4455", number: CN, level: "error" },
  { input: "tel 139.2211.4455", match: "139.2211.4455", number: CN, level: "error" },
  { input: "联系电话0086 13922114455", match: "0086 13922114455", number: CN, level: "error" },
  { input: "0086-139-2211-4455 call anytime", match: "0086-139-2211-4455", number: CN, level: "warn" },
  { input: "📞13922114455", match: "13922114455", number: CN, level: "error" },
  { input: "Tel/WhatsApp: +8613922114455", match: "+8613922114455", number: CN, level: "error" },
  { input: "please contact 13766554433 for details", match: "13766554433", number: "+8613766554433", level: "error" },
  // An unlabelled mobile number is still reported, as a warning
  { input: "13766554433", match: "13766554433", number: "+8613766554433", level: "warn" },
  { input: "137 6655 4433", match: "137 6655 4433", number: "+8613766554433", level: "warn" },
  // Other countries
  { input: "TEL: +44 7911 123456", match: "+44 7911 123456", number: "+447911123456", level: "error" },
  { input: "whatsapp +1 415 555 2671", match: "+1 415 555 2671", number: "+14155552671", level: "error" },
  // Chinese numerals, 幺/两, financial and traditional forms
  { input: "电话：一三九二二一一四四五五", match: "一三九二二一一四四五五", number: CN, level: "error", disguised: true },
  { input: "手机幺三九两两幺幺四四五五", match: "幺三九两两幺幺四四五五", number: CN, level: "error", disguised: true },
  { input: "加我 壹叁玖贰贰壹壹肆肆伍伍", match: "壹叁玖贰贰壹壹肆肆伍伍", number: CN, level: "error", disguised: true },
  { input: "聯系電話 壹參玖貳貳壹壹肆肆伍陸", match: "壹參玖貳貳壹壹肆肆伍陸", number: "+8613922114456", level: "error", disguised: true },
  // Circled, dingbat, full-width, invisible, spelled-out, letter swaps, mixed
  { input: "手机 ①③⑨②②①①④④⑤⑤", match: "①③⑨②②①①④④⑤⑤", number: CN, level: "error", disguised: true },
  { input: "WhatsApp ❶❸❾❷❷❶❶❹❹❺❺", match: "❶❸❾❷❷❶❶❹❹❺❺", number: CN, level: "error", disguised: true },
  { input: "电话：１３９２２１１４４５５", match: "１３９２２１１４４５５", number: CN, level: "error", disguised: true },
  { input: "phone 139\u200B2211\u200B4455", match: "139\u200B2211\u200B4455", number: CN, level: "error", disguised: true },
  {
    input: "text me one three nine two two one one four four five five",
    match: "one three nine two two one one four four five five",
    number: CN,
    level: "error",
    disguised: true,
  },
  { input: "mob l39 22l1 44o5", match: "l39 22l1 44o5", number: "+8613922114405", level: "error", disguised: true },
  { input: "Mobile 139-22l1-44O5", match: "139-22l1-44O5", number: "+8613922114405", level: "error", disguised: true },
  { input: "电话 1三9②2１一4四⑤5", match: "1三9②2１一4四⑤5", number: CN, level: "error", disguised: true },
  // Glued to a messenger label (libphonenumber alone rejects vx138…)
  { input: "vx13922114455", match: "13922114455", number: CN, level: "error" },
  { input: "wx13922114455", match: "13922114455", number: CN, level: "error" },
  { input: "WX:13922114455", match: "13922114455", number: CN, level: "error" },
];

describe("no-phone-number: must flag", () => {
  test.each(ng)("$input", ({ input, match, number, level, disguised }) => {
    const hit = hitFor(input, match);
    expect(hit.data?.number).toBe(number);
    if (level === "error") expect(hit.confidence).toBeGreaterThanOrEqual(ERROR);
    expect(hit.messageId).toBe(disguised ? "disguised" : "phone");
    expect(hit.data?.text).toBe(match);
  });

  test("emoji keycaps: the number is found and the finding starts at the first keycap", () => {
    const input = "call 1️⃣3️⃣9️⃣2️⃣2️⃣1️⃣1️⃣4️⃣4️⃣5️⃣5️⃣";
    const hits = runRule(rule, input).filter((h) => h.confidence >= ERROR);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.data?.number).toBe(CN);
    expect(hits[0]!.messageId).toBe("disguised");
    expect(hits[0]!.start).toBe(input.indexOf("1"));
    expect(hits[0]!.text.replace(/\D/g, "")).toBe("13922114455");
  });

  test("names the disguise in the message data", () => {
    expect(hitFor("手机 ①③⑨②②①①④④⑤⑤", "①③⑨②②①①④④⑤⑤").data?.disguise).toMatch(/circled/);
    expect(hitFor("加我 壹叁玖贰贰壹壹肆肆伍伍", "壹叁玖贰贰壹壹肆肆伍伍").data?.disguise).toMatch(/financial/);
    expect(hitFor("电话：１３９２２１１４４５５", "１３９２２１１４４５５").data?.disguise).toMatch(/full-width/);
  });

  test("two numbers in one text give two findings", () => {
    const hits = flagged(rule, "手机 13922114455 或 13766554433");
    expect(hits).toEqual(["13922114455", "13766554433"]);
  });

  test("defaultCountry option reads national numbers of another country", () => {
    const hits = runRule(rule, "Call 020 7946 0958 today", { options: { defaultCountry: "GB" } });
    expect(hits.some((h) => h.data?.number === "+442079460958" && h.confidence >= WARN)).toBe(true);
  });
});

/** Ids, quantities and codes that look like phone numbers. */
const ok: string[] = [
  // HS / customs codes
  "HS code 8517620000",
  "HS Code: 8517620000",
  "HTS 8517620000",
  "HS code 8517.62.0000",
  "海关编码 8517620000",
  // Barcodes
  "EAN 6901234567892",
  "EAN: 6912345678901",
  "barcode 6912345678901",
  "条码 6901234567892",
  "EAN 13922114455",
  // Order and tracking numbers with a label
  "Order No. 2024061812345678",
  "订单号 13922114455",
  "运单号 YT13922114455",
  "快递单号 SF1392211445512",
  "Tracking number: 773012345678",
  // Standards
  "ISO 9001:2015 certified",
  "ISO 9001:2015 and ISO 14001:2015",
  "GB/T 19001-2016",
  "GB/T 13922-2011",
  "GB 4943.1-2011",
  "IEC 60335-1",
  // Voltages, sizes, capacities, prices
  "AC 100-240V 50/60Hz",
  "input 100-240V, output 12V 2A",
  "size 138x200x300mm",
  "Size 138*200*300 mm",
  "138×200×300mm",
  "Dimensions 1380 x 2000 mm",
  "13800mAh power bank",
  "Capacity 13800 mAh",
  "price $13.80/pc, MOQ 100",
  "Price: $13.80/pc; MOQ 1000 pcs",
  "¥ 1392.00",
  "价格 13922114455 元",
  "1392211445 pcs in stock",
  // OE / part / model / serial / batch numbers
  "OE 13627512345",
  "P/N 13627512345",
  "Model A13922114455",
  "SKU 13922114455",
  "SKU 139-2211-4455",
  "S/N 13922114455",
  "serial 1 3 9 2 2 1 1 4 4 5 5 on nameplate",
  "Batch 13922114455",
  "Lot 13922114455",
  "证书编号 13922114455",
  "IMEI 356938035643809",
  // Lists of part numbers
  "Replaces part numbers 13627512345, 13627512346, 13627512347",
  "Compatible OE: 13627512345 / 13627512346 / 13627512347",
  "OE: 11427953129 / 13922114455 / 11427953130",
  "Fits OE 11427953129, 13922114455, 11427566327",
  // Short numeral runs, years, addresses
  "尺寸 一三八乘二百",
  "一二三木头人 toy",
  "Wall clock with ①②③④⑤⑥⑦⑧⑨⑩⑪⑫ numerals",
  "step ① ② ③",
  "Fits 2013-2018 models, 2019 2020 2021",
  "Years 2015 2016 2017 2018",
  "Kent WA 98032",
  "我们一起去，两个人",
];

describe("no-phone-number: must not flag", () => {
  test.each(ok)("%s", (input) => {
    expect(flagged(rule, input)).toEqual([]);
  });
});
