// Benchmark data: a realistic B2B listing export, generated deterministically from a seed.
//
// Each row is a mixed English/Chinese listing (title, category, model number, price, tier pricing,
// MOQ, HS code, specs, a multi-line description, packaging, payment terms), about 600 bytes of CSV.
// Clean rows carry the honest text naive filters trip on (WX-2000 and VX9 model numbers,
// 138x200x300mm cartons, HS and EAN codes, AC 100-240V, "3.7V @ 1C", fishing line, Cuban link
// chain, 微型电机, 卫星天线, QR-code scanners, "supports WhatsApp video calls", Western Union in
// payment terms). About 3% of rows (exactly `rate` × 100 per block of 100 rows) carry one or two
// violations drawn from the families in ../shared/research/platforms-and-tricks.md §2: phone
// numbers in many notations, IM handles with homophones and disguises, e-mail addresses spelled
// out, links and short links, QR routes, offline-deal, off-platform payment and Trade Assurance
// refusal phrases in English and Chinese. The ground truth (row id → categories, and the exact
// inserted text) is written beside the data.
//
// Every contact value (number, handle, domain, address) is generated from the PRNG: none is copied
// from the labelled corpus.
//
//   node dist/src/bench/generate.js [--rows 100000] [--seed offsite-bench] [--rate 0.03] [--out <dir>]

import { closeSync, mkdirSync, mkdtempSync, openSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isMain } from "../paths.js";
import { parseArgs } from "node:util";
import { Rng } from "./prng.js";

export type Category = "phone" | "im" | "email" | "link" | "qr" | "offline-deal" | "payment" | "assurance";

export const COLUMNS = [
  "id",
  "title",
  "category",
  "model",
  "price",
  "tier_pricing",
  "moq",
  "hs_code",
  "specs",
  "description",
  "packaging",
  "payment_terms",
] as const;
export type Column = (typeof COLUMNS)[number];
export type Listing = Record<Column, string>;

export interface TruthSnippet {
  field: Column;
  family: string;
  categories: Category[];
  /** The inserted text, verbatim in the field's value. */
  text: string;
}

export interface TruthRow {
  id: string;
  /** 0-based record index (the linter's `record.index`). */
  index: number;
  categories: Category[];
  snippets: TruthSnippet[];
}

export interface GenerateOptions {
  rows: number;
  seed: string;
  /** Share of rows with a violation, 0..1; rows are drawn per block of 100. */
  rate: number;
}

export const DEFAULT_GENERATE: GenerateOptions = { rows: 100_000, seed: "offsite-bench", rate: 0.03 };

export interface GeneratedRow {
  listing: Listing;
  truth?: TruthRow;
}

/** Row ids: `SKU-000001`. Six digits up to 999,999 rows, so no id is a phone-length digit run. */
export function rowId(index: number): string {
  return `SKU-${String(index + 1).padStart(6, "0")}`;
}

// ---------------------------------------------------------------------------------------------
// Clean listing content

interface Kind {
  en: string;
  zh: string;
  category: string;
  unit: string;
  price: [number, number];
  hs: readonly string[];
  model: (r: Rng) => string;
  specs: (r: Rng) => string[];
  /** Kind-specific sentences, some of them the honest text naive filters trip on. */
  notes: readonly string[];
  adjectives: readonly string[];
}

const upper = "ABCDEFGHJKLMNPRSTUVWXYZ";
const series = (r: Rng, prefixes: readonly string[]) => {
  const prefix = r.pick(prefixes);
  const sep = /[- ]$/.test(prefix) ? "" : r.pick(["-", "", "-"]);
  return `${prefix}${sep}${r.int(1, 99) * r.pick([10, 100, 1, 50])}${r.chance(0.3) ? r.pick([...upper]) : ""}`;
};

const KINDS: readonly Kind[] = [
  {
    en: "LED Strip Light",
    zh: "LED灯带",
    category: "Lights & Lighting > LED Strips",
    unit: "rolls",
    price: [2.5, 18],
    hs: ["9405409000", "8539500000", "9405.42.0000"],
    model: (r) => series(r, ["WS", "SK", "LS", "WX-"]),
    specs: (r) => [
      `Voltage: DC ${r.pick(["5V", "12V", "24V"])}`,
      `Chip: ${r.pick(["WS2812B", "SK6812", "SMD5050", "SMD2835"])}`,
      `LEDs: ${r.pick([30, 60, 96, 120])}/m, ${r.pick([5, 10])}m/roll`,
      `Waterproof: ${r.pick(["IP20", "IP65", "IP67", "IP68"])}`,
      `Color temp: ${r.pick(["2700K", "3000K", "4000K", "6500K", "RGB", "RGBW"])}`,
    ],
    notes: [
      "Works with the app over Bluetooth 5.0 and Wi-Fi, music sync supported.",
      "3M adhesive backing, cuttable every 3 LEDs.",
      "灯珠采用优质芯片，光衰小，寿命长达50000小时。",
      "WS2812B addressable pixels, 256 levels per channel.",
    ],
    adjectives: ["Flexible", "RGB", "Waterproof", "Smart", "COB", "Addressable"],
  },
  {
    en: "Micro Brushless DC Motor",
    zh: "微型无刷直流电机",
    category: "Electrical Equipment > Motors",
    unit: "pcs",
    price: [3, 45],
    hs: ["8501310000", "8501.10.9900"],
    model: (r) => series(r, ["VX9-", "BL", "JGB37-", "WX-"]),
    specs: (r) => [
      `Rated voltage: ${r.pick(["6V", "12V", "24V", "36V"])}`,
      `Speed: ${r.int(10, 60) * 100} rpm`,
      `Torque: ${r.fixed(0.1, 12, 1)} kg.cm`,
      `Shaft: ${r.pick(["3mm", "4mm", "6mm", "8mm"])} D-cut`,
      `Noise: <${r.int(35, 55)}dB`,
    ],
    notes: [
      "微型电机广泛用于智能家居、机器人、医疗设备。",
      "Low noise, long life, 20000 hours continuous running.",
      "Encoder and gearbox options available, ratio 1:10 to 1:1000.",
      "The VX9 series replaces the old VX7 with the same mounting holes.",
    ],
    adjectives: ["High Torque", "Low Noise", "Micro", "Brushless", "Geared"],
  },
  {
    en: "Countertop Microwave Oven",
    zh: "家用微波炉",
    category: "Home Appliances > Microwave Ovens",
    unit: "units",
    price: [35, 120],
    hs: ["8516500000"],
    model: (r) => series(r, ["MW", "MO-", "P70D"]),
    specs: (r) => [
      `Capacity: ${r.pick([20, 23, 25, 28, 30])}L`,
      `Power: ${r.pick([700, 800, 900, 1000])}W`,
      `Voltage: AC ${r.pick(["220-240V 50Hz", "110-120V 60Hz", "100-240V 50/60Hz"])}`,
      `Control: ${r.pick(["mechanical", "digital touch", "knob + LED display"])}`,
    ],
    notes: [
      "微波炉内腔采用不锈钢，易清洁。",
      "Child lock, defrost by weight, 8 auto menus.",
      "CB, CE, GS, SAA certified for EU and AU markets.",
    ],
    adjectives: ["Digital", "Stainless Steel", "Solo", "Grill"],
  },
  {
    en: "Satellite Dish Antenna",
    zh: "卫星天线",
    category: "Consumer Electronics > Satellite TV",
    unit: "sets",
    price: [8, 60],
    hs: ["8529109000"],
    model: (r) => series(r, ["KU-", "C-", "SAT"]),
    specs: (r) => [
      `Band: ${r.pick(["Ku band", "C band", "Ku/C band"])}`,
      `Dish size: ${r.pick([45, 60, 75, 90, 120])}cm`,
      `Gain: ${r.fixed(30, 42, 1)} dBi`,
      `Material: ${r.pick(["galvanized steel", "aluminium", "SMC"])}`,
    ],
    notes: [
      "卫星天线锅面采用镀锌钢板，抗风能力强。",
      "Offset design, elevation 15-65 degrees, azimuth 360 degrees.",
      "LNB and mounting bracket included.",
    ],
    adjectives: ["Offset", "Outdoor", "HD", "Galvanized"],
  },
  {
    en: "Handheld QR Code Scanner",
    zh: "二维码扫描枪",
    category: "Computer Hardware > Barcode Scanners",
    unit: "pcs",
    price: [9, 55],
    hs: ["8471900000", "8471.90.00"],
    model: (r) => series(r, ["QR", "HS-", "SC"]),
    specs: (r) => [
      `Symbologies: 1D, 2D, QR code, Data Matrix, PDF417`,
      `Interface: ${r.pick(["USB", "USB + Bluetooth", "2.4G wireless", "RS232"])}`,
      `Scan speed: ${r.pick([200, 300, 500])} scans/s`,
      `Battery: ${r.pick([1500, 2000, 2600])}mAh`,
    ],
    notes: [
      "Reads QR codes from phone screens and paper labels, ideal for retail POS.",
      "扫码速度快，支持屏幕二维码和纸质条码。",
      "Plug and play, no driver needed for Windows, macOS, Linux.",
      "二维码打印机和扫描枪可配套购买。",
    ],
    adjectives: ["Wireless", "2D", "Handheld", "Bluetooth"],
  },
  {
    en: "Braided PE Fishing Line",
    zh: "PE编织鱼线",
    category: "Sports & Entertainment > Fishing Line",
    unit: "spools",
    price: [1.2, 9],
    hs: ["9507900000"],
    model: (r) => series(r, ["PE", "X8-", "X4-"]),
    specs: (r) => [
      `Strands: ${r.pick([4, 8, 9, 12])}`,
      `Length: ${r.pick([100, 150, 300, 500, 1000])}m`,
      `Test: ${r.int(6, 100)}LB`,
      `Color: ${r.pick(["moss green", "multicolor", "grey", "yellow"])}`,
    ],
    notes: [
      "Braided fishing line with low stretch and high sensitivity.",
      "PE line 8 strands, smooth casting, abrasion resistant.",
      "Suitable for sea fishing, carp fishing and lure fishing.",
    ],
    adjectives: ["Super Strong", "8 Strands", "Braided", "Multifilament"],
  },
  {
    en: "Cuban Link Chain Necklace",
    zh: "古巴链项链",
    category: "Jewelry > Necklaces",
    unit: "pcs",
    price: [4, 380],
    hs: ["7113190000", "7117190000"],
    model: (r) => series(r, ["CL", "CU-", "JN"]),
    specs: (r) => [
      `Material: ${r.pick(["14K gold plated", "925 silver", "stainless steel 316L", "18K solid gold"])}`,
      `Width: ${r.pick([3, 5, 8, 10, 12, 15])}mm`,
      `Length: ${r.pick([16, 18, 20, 22, 24])} inch`,
      `Clasp: ${r.pick(["box clasp", "lobster clasp", "double safety lock"])}`,
    ],
    notes: [
      "Miami Cuban link chain, hand polished, tarnish free.",
      "Matching link bracelet available in the same width.",
      "古巴链经过多道抛光工序，佩戴不过敏。",
    ],
    adjectives: ["Hip Hop", "Iced Out", "Miami", "Gold Plated"],
  },
  {
    en: "Android Smartphone",
    zh: "安卓智能手机",
    category: "Consumer Electronics > Mobile Phones",
    unit: "pcs",
    price: [45, 260],
    hs: ["8517130000", "8517.13.00"],
    model: (r) => series(r, ["A", "X", "Note "]),
    specs: (r) => [
      `Screen: ${r.pick(["6.5", "6.67", "6.8", "7.0"])}" HD+`,
      `RAM/ROM: ${r.pick(["4GB+64GB", "6GB+128GB", "8GB+256GB"])}`,
      `Battery: ${r.pick([4000, 5000, 6000])}mAh`,
      `Network: 4G LTE, dual SIM`,
    ],
    notes: [
      "Supports WhatsApp, WeChat and Facebook video calls out of the box.",
      "Google Play preinstalled; Bluetooth 5.0, Wi-Fi 6, 4G LTE.",
      "全网通4G，支持双卡双待，5000mAh大电池。",
      "Face unlock and side fingerprint sensor.",
    ],
    adjectives: ["Unlocked", "Dual SIM", "Rugged", "Budget"],
  },
  {
    en: "Penguin Plush Toy",
    zh: "企鹅毛绒玩具",
    category: "Toys & Hobbies > Stuffed Animals",
    unit: "pcs",
    price: [1.5, 12],
    hs: ["9503002100"],
    model: (r) => series(r, ["PT", "PL-", "TY"]),
    specs: (r) => [
      `Size: ${r.pick([20, 25, 30, 40, 60])}cm`,
      `Filling: PP cotton`,
      `Age: 3+`,
      `Standard: EN71, ASTM F963`,
    ],
    notes: [
      "企鹅毛绒玩具手感柔软，可机洗。",
      "Soft penguin plush, embroidered eyes, safe for toddlers.",
      "Custom plush with your logo on the belly.",
    ],
    adjectives: ["Cute", "Soft", "Kawaii", "Custom"],
  },
  {
    en: "Paper Airplane Model Kit",
    zh: "纸飞机模型",
    category: "Toys & Hobbies > Model Building",
    unit: "sets",
    price: [0.8, 6],
    hs: ["9503006000"],
    model: (r) => series(r, ["PA", "AK-", "FM"]),
    specs: (r) => [`Pieces: ${r.int(12, 60)}`, `Material: ${r.pick(["foam board", "kraft paper", "EPP"])}`, `Wingspan: ${r.int(15, 48)}cm`],
    notes: [
      "纸飞机模型适合学校手工课和亲子活动。",
      "STEM toy: kids learn aerodynamics while they build.",
      "Each kit folds into 12 different planes, instructions included.",
    ],
    adjectives: ["DIY", "STEM", "Educational", "Foam"],
  },
  {
    en: "Universal Power Adapter",
    zh: "电源适配器",
    category: "Consumer Electronics > Chargers & Adapters",
    unit: "pcs",
    price: [1.6, 14],
    hs: ["8504409999", "8504.40.90"],
    model: (r) => series(r, ["PA-", "AD", "WX-"]),
    specs: (r) => [
      `Input: AC 100-240V 50/60Hz`,
      `Output: DC ${r.pick(["5V 2A", "9V 1A", "12V 1A", "12V 2A", "24V 3A"])}`,
      `Plug: ${r.pick(["US", "EU", "UK", "AU", "US/EU/UK/AU interchangeable"])}`,
      `Efficiency: Level ${r.pick(["VI", "V"])}`,
    ],
    notes: [
      "Over-voltage, over-current and short-circuit protection.",
      "适配器通过CE、FCC、UL认证。",
      "Ripple below 100mV, cable length 1.5m.",
    ],
    adjectives: ["Switching", "Universal", "Wall Mount", "Desktop"],
  },
  {
    en: "V-Neck Cotton T-Shirt",
    zh: "V领纯棉T恤",
    category: "Apparel > T-Shirts",
    unit: "pcs",
    price: [1.8, 9],
    hs: ["6109100021", "6109.10.00"],
    model: (r) => series(r, ["VN", "TS-", "V"]),
    specs: (r) => [
      `Fabric: ${r.pick(["100% cotton", "95% cotton 5% spandex", "cotton/poly 60/40"])}`,
      `Weight: ${r.pick([160, 180, 200, 220])}gsm`,
      `Sizes: ${r.pick(["S-XXL", "XS-3XL", "S-5XL"])}`,
      `Print: ${r.pick(["screen print", "DTG", "embroidery", "heat transfer"])}`,
    ],
    notes: [
      "Classic V-neck fit, pre-shrunk, side seamed.",
      "V领设计，面料透气吸汗，不起球。",
      "Please check the size chart in the pictures before ordering.",
    ],
    adjectives: ["Plain", "Slim Fit", "Custom Logo", "Blank"],
  },
  {
    en: "Monocrystalline Solar Panel",
    zh: "单晶太阳能板",
    category: "Renewable Energy > Solar Panels",
    unit: "pcs",
    price: [38, 140],
    hs: ["8541430000", "8541.40.20"],
    model: (r) => series(r, ["SP-", "MONO", "HJ"]),
    specs: (r) => [
      `Power: ${r.pick([100, 200, 300, 400, 450, 550])}W`,
      `Cells: ${r.pick(["144 half cut", "108 half cut", "72"])}`,
      `Voc: ${r.fixed(22, 50, 1)}V, Isc: ${r.fixed(5, 14, 2)}A`,
      `Efficiency: ${r.fixed(20, 23, 1)}%`,
    ],
    notes: [
      "25 years linear power output warranty, IEC 61215 and IEC 61730 certified.",
      "单晶硅电池片，转换效率高，弱光性能好。",
      "Anodized aluminium frame, 3.2mm tempered glass.",
    ],
    adjectives: ["Half Cell", "Bifacial", "High Efficiency", "Mono"],
  },
  {
    en: "Stainless Steel Water Bottle",
    zh: "不锈钢保温杯",
    category: "Home & Garden > Drinkware",
    unit: "pcs",
    price: [1.9, 8],
    hs: ["9617001900", "7323930000"],
    model: (r) => series(r, ["WB", "TB-", "VX"]),
    specs: (r) => [
      `Capacity: ${r.pick([350, 500, 750, 1000])}ml`,
      `Material: 304 stainless steel`,
      `Keeps hot ${r.pick([12, 24])}h / cold ${r.pick([24, 48])}h`,
      `Lid: ${r.pick(["bamboo lid", "straw lid", "flip lid", "sport cap"])}`,
    ],
    notes: [
      "BPA free, food grade, passed LFGB and FDA tests.",
      "真空双层保温，24小时保冷。",
      "Powder coated finish in 12 colors, laser engraving for your logo.",
    ],
    adjectives: ["Vacuum Insulated", "Double Wall", "Sports", "Custom"],
  },
  {
    en: "Industrial Waterproof Connector",
    zh: "工业防水连接器",
    category: "Electronic Components > Connectors",
    unit: "pcs",
    price: [0.3, 6],
    hs: ["8536690000", "8536.69.90"],
    model: (r) => `${r.pick(["WX-", "VX", "M12-", "SP"])}${r.pick([200, 2000, 9, 13, 16, 21])}`,
    specs: (r) => [
      `Pins: ${r.int(2, 12)}`,
      `Rated current: ${r.pick([5, 10, 16, 25, 32])}A`,
      `Rated voltage: ${r.pick([250, 380, 500])}V`,
      `Protection: ${r.pick(["IP67", "IP68"])}`,
    ],
    notes: [
      "Model WX-200 and WX-2000 share the same panel cut-out.",
      "The VX9 battery connector mates with all VX9 packs.",
      "无锡工厂（WX）生产，自动化装配线，月产能200万只。",
      "UL 94 V-0 nylon housing, brass contacts with gold plating.",
    ],
    adjectives: ["Waterproof", "Panel Mount", "Circular", "Quick Lock"],
  },
  {
    en: "18650 Lithium Ion Battery",
    zh: "18650锂电池",
    category: "Electrical Equipment > Batteries",
    unit: "pcs",
    price: [0.9, 4.5],
    hs: ["8507600090", "8507.60.00"],
    model: (r) => series(r, ["ICR", "INR", "LB-"]),
    specs: (r) => [
      `Nominal: 3.7V @ ${r.pick(["0.2C", "0.5C", "1C"])}, 25°C`,
      `Capacity: ${r.pick([1800, 2200, 2600, 3000, 3500])}mAh`,
      `Max discharge: ${r.pick([5, 10, 15, 20])}A`,
      `Cycle life: ${r.pick([500, 800, 1000])} cycles`,
    ],
    notes: [
      "Capacity tested @ 25°C, 0.2C discharge to 2.75V.",
      "UN38.3 and MSDS available, shipped as Class 9 dangerous goods.",
      "电芯一致性好，内阻≤25mΩ。",
    ],
    adjectives: ["Rechargeable", "High Drain", "Grade A", "Flat Top"],
  },
  {
    en: "Ergonomic Mesh Office Chair",
    zh: "人体工学网布办公椅",
    category: "Furniture > Office Chairs",
    unit: "pcs",
    price: [28, 150],
    hs: ["9401300000", "9401.31.00"],
    model: (r) => series(r, ["OC-", "EC", "M"]),
    specs: (r) => [
      `Seat height: ${r.int(42, 48)}-${r.int(52, 58)}cm`,
      `Backrest: ${r.pick(["mesh", "PU leather", "fabric"])}, tilt ${r.pick([90, 110, 135])}°`,
      `Base: ${r.pick(["nylon 320mm", "chrome 350mm", "aluminium 700mm"])}`,
      `Load: ${r.pick([120, 150, 180])}kg`,
    ],
    notes: [
      "BIFMA X5.1 tested, class 4 gas lift, SGS report available.",
      "可调节头枕和腰托，久坐不累。",
      "Knock-down packing: 40HQ loads 420 pcs.",
    ],
    adjectives: ["Ergonomic", "Executive", "High Back", "Swivel"],
  },
  {
    en: "Silent Wall Clock",
    zh: "静音挂钟",
    category: "Home Decor > Clocks",
    unit: "pcs",
    price: [2, 15],
    hs: ["9105210000"],
    model: (r) => series(r, ["WC", "CK-", "T"]),
    specs: (r) => [
      `Diameter: ${r.pick([25, 30, 35, 40, 50])}cm`,
      `Dial: ${r.pick(["①②③ circled numerals", "Roman numerals Ⅰ-Ⅻ", "Arabic numerals", "no numerals"])}`,
      `Movement: silent sweep, 1 x AA battery`,
      `Frame: ${r.pick(["metal", "wood", "plastic", "frameless"])}`,
    ],
    notes: [
      "Wall clock with ①②③ numerals for kids rooms and classrooms.",
      "扫秒静音机芯，夜间无滴答声。",
      "Glass lens, ready to hang, 12 inch.",
    ],
    adjectives: ["Modern", "Silent", "Nordic", "Vintage"],
  },
  {
    en: "Corrugated Shipping Carton Box",
    zh: "瓦楞纸箱",
    category: "Packaging & Printing > Paper Boxes",
    unit: "pcs",
    price: [0.05, 1.2],
    hs: ["4819100000", "4819.10.00"],
    model: (r) => `${r.int(100, 600)}x${r.int(100, 500)}x${r.int(100, 500)}`,
    specs: (r) => [
      `Size: ${r.int(100, 600)}x${r.int(100, 500)}x${r.int(100, 500)}mm`,
      `Flute: ${r.pick(["E flute", "B flute", "BC double wall", "A flute"])}`,
      `Printing: ${r.pick(["1 color", "2 colors", "CMYK offset", "blank"])}`,
      `Edge crush: ${r.int(32, 70)} ECT`,
    ],
    notes: [
      "Size 138x200x300mm fits most shoe boxes; custom sizes welcome.",
      "纸箱尺寸 138*200*300 毫米，可按需定制。",
      "FSC certified kraft paper, eco friendly water-based ink.",
    ],
    adjectives: ["Custom Printed", "Heavy Duty", "Mailer", "Kraft"],
  },
  {
    en: "Dual Band Wi-Fi Router",
    zh: "双频无线路由器",
    category: "Networking > Routers",
    unit: "pcs",
    price: [9, 48],
    hs: ["8517620000", "8517.62.00"],
    model: (r) => series(r, ["AX", "AC", "WR"]),
    specs: (r) => [
      `Wi-Fi: ${r.pick(["Wi-Fi 5 AC1200", "Wi-Fi 6 AX1800", "Wi-Fi 6 AX3000"])}`,
      `Ports: ${r.pick(["1 WAN + 3 LAN", "1 WAN + 4 LAN gigabit"])}`,
      `Antennas: ${r.pick([2, 4, 6])} x 5dBi`,
      `Default gateway: 192.168.1.1`,
    ],
    notes: [
      "HS code 8517620000, firmware v1.2.3 with WPA3.",
      "Setup page at 192.168.1.1, no app required.",
      "穿墙能力强，支持Mesh组网。",
    ],
    adjectives: ["Gigabit", "Mesh", "Long Range", "Dual Band"],
  },
  {
    en: "FR-4 PCB Prototype",
    zh: "FR-4电路板打样",
    category: "Electronic Components > PCB",
    unit: "pcs",
    price: [0.5, 20],
    hs: ["8534009000"],
    model: (r) => series(r, ["PCB-", "FR4-", "HDI"]),
    specs: (r) => [
      `Layers: ${r.pick([1, 2, 4, 6, 8])}`,
      `Material: FR-4, TG ${r.pick([135, 150, 170])}°C`,
      `Thickness: ${r.pick(["0.8", "1.0", "1.6", "2.0"])}mm`,
      `Surface: ${r.pick(["HASL", "ENIG", "OSP", "immersion silver"])}`,
    ],
    notes: [
      "High TG 170°C material for lead-free reflow.",
      "IPC-A-600 class 2, E-test 100%, AOI inspected.",
      "支持SMT贴片一站式服务，Gerber文件24小时报价。",
    ],
    adjectives: ["Multilayer", "Quick Turn", "High TG", "Rigid"],
  },
  {
    en: "Automatic Filling Production Line",
    zh: "全自动灌装生产线",
    category: "Machinery > Filling Machines",
    unit: "sets",
    price: [4800, 56000],
    hs: ["8422303090"],
    model: (r) => series(r, ["FL-", "CGF", "GZ"]),
    specs: (r) => [
      `Capacity: ${r.pick([2000, 6000, 12000, 24000])} bottles/hour`,
      `Bottle: ${r.pick(["200-2000ml PET", "330-1500ml PET", "glass 250-750ml"])}`,
      `Power: ${r.fixed(3, 22, 1)}kW, ${r.pick(["380V 50Hz 3 phase", "220V 60Hz"])}`,
      `PLC: ${r.pick(["Siemens", "Mitsubishi", "Delta"])}`,
    ],
    notes: [
      "Complete production line: rinsing, filling, capping, labeling, packing.",
      "Engineers available for installation abroad; assembly line layout designed free.",
      "生产线采用SUS304不锈钢，符合GMP标准。",
    ],
    adjectives: ["Automatic", "3 in 1", "Complete", "Turnkey"],
  },
  {
    en: "Ceramic Coffee Mug",
    zh: "陶瓷马克杯",
    category: "Home & Garden > Mugs",
    unit: "pcs",
    price: [0.6, 4],
    hs: ["6912001000", "6912.00.10"],
    model: (r) => series(r, ["MG", "CM-", "S"]),
    specs: (r) => [
      `Capacity: ${r.pick([250, 300, 350, 400, 450])}ml`,
      `Glaze: ${r.pick(["matte", "glossy", "speckled", "reactive"])}`,
      `Dishwasher safe, microwave safe`,
    ],
    notes: [
      "Sublimation blank mugs with AAA coating.",
      "马克杯可定制烫金logo，微波炉和洗碗机可用。",
      "Each mug in a white box, 36 pcs per carton.",
    ],
    adjectives: ["Sublimation", "Nordic", "Custom Logo", "Stoneware"],
  },
  {
    en: "Tactical Backpack",
    zh: "战术双肩包",
    category: "Luggage & Bags > Backpacks",
    unit: "pcs",
    price: [6, 32],
    hs: ["4202929000", "4202.92.00"],
    model: (r) => series(r, ["TB-", "MB", "5.11-"]),
    specs: (r) => [
      `Volume: ${r.pick([25, 35, 45, 60])}L`,
      `Fabric: ${r.pick(["600D Oxford", "900D polyester", "1000D Cordura"])}`,
      `Colors: ${r.pick(["black, khaki, army green", "multicam, coyote", "grey, navy"])}`,
    ],
    notes: [
      "MOLLE webbing on both sides, 5.11 style layout.",
      "YKK zippers, padded laptop sleeve up to 15.6\".",
      "防水面料，承重舒适，户外徒步首选。",
    ],
    adjectives: ["Military", "MOLLE", "Waterproof", "Large"],
  },
];

const EN_GENERIC = [
  "Factory direct supply with 15 years of OEM/ODM experience.",
  "Strict QC: 100% inspection before shipment, AQL 2.5.",
  "Custom logo and color box available for bulk orders.",
  "Samples ready in 3-5 days; mass production 15-25 days after order confirmation.",
  "Place your order through Trade Assurance to protect your payment.",
  "Send us an inquiry on this page for OEM customization.",
  "Packed in export cartons with foam protection, suitable for sea and air freight.",
  "Certificates: CE, RoHS, FCC; factory audited to ISO 9001:2015.",
  "Warranty: 2 years, spare parts free of charge within warranty.",
  "Our sales manager Mr.Li will reply within 24 hours in the platform chat.",
  "Ships from Shenzhen, Ningbo or Yiwu; FOB, CIF and DDP terms quoted on request.",
  "Complies with GB/T 19001-2016 and IEC 60335-1.",
  "Fast delivery by DHL, FedEx, UPS or sea freight.",
  "Mixed models accepted in one order, no extra charge.",
  "Quality is our culture; your satisfaction is our goal.",
  "Quote valid for 30 days, price @ $2/pc above 5000 pcs.",
  "Please confirm the plug type and voltage before ordering.",
  "Drop shipping and private label supported for platform stores.",
  "After-sales: replacement parts are sent with your next order.",
  "We attend the Canton Fair every spring and autumn.",
  "Official website certification is printed on every carton.",
  "Payment terms follow the order; Trade Assurance protects on-time shipment.",
];

const ZH_GENERIC = [
  "工厂直销，支持来图来样定制。",
  "出货前100%全检，品质有保障。",
  "支持信用保障订单，请直接在平台下单。",
  "包装：出口纸箱，内衬珍珠棉。",
  "交期：打样3-5天，大货15-25天。",
  "可定制logo、彩盒、说明书。",
  "欢迎通过平台询盘，24小时内回复。",
  "产品符合CE、RoHS标准。",
  "如有尺寸需求，请先咨询在线客服。",
  "适用于家庭、酒店、办公室等场所。",
  "一件代发，支持混批。",
  "官网同款，品质一致。",
  "支持微信支付和支付宝的买家请在平台收银台付款。",
  "我们有完整的产品线和自有品牌。",
  "老客户返单享受优先排产。",
  "样品费在大货订单中返还。",
];

const QUOTED = [
  'Our "Eco" series uses recycled packaging.',
  'Colors: "Matte Black", "Pearl White" and "Navy Blue".',
  'Marked "Made in China" on every unit.',
  'Rated "Best Seller 2024" in our category.',
  '包装印有"小心轻放"标识。',
];

const PAYMENT_TERMS = [
  "T/T",
  "T/T, L/C",
  "T/T, L/C, D/P, Western Union",
  "Trade Assurance, T/T",
  "30% deposit by T/T, balance before shipment",
  "信用保障, T/T",
  "L/C at sight",
  "T/T, Western Union, MoneyGram",
  "Trade Assurance",
  "信用保障订单",
];

// ---------------------------------------------------------------------------------------------
// Violation families

interface Snippet {
  family: string;
  categories: Category[];
  text: string;
}

const CN_MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156", "157", "158", "159", "166", "176", "177", "178", "180", "181", "182", "183", "185", "186", "187", "188", "189", "198", "199"];
const US_AREA = ["212", "213", "305", "310", "312", "347", "415", "646", "718", "917"];

const cnMobile = (r: Rng) => r.pick(CN_MOBILE_PREFIXES) + r.digits(8);
const split344 = (d: string, sep: string) => `${d.slice(0, 3)}${sep}${d.slice(3, 7)}${sep}${d.slice(7)}`;

const ZH_DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
const ZH_FIN = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];
const CIRCLED = ["⓪", "①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨"];
const DINGBAT = ["⓿", "❶", "❷", "❸", "❹", "❺", "❻", "❼", "❽", "❾"];
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const mapDigits = (d: string, f: (digit: number, i: number) => string) => [...d].map((c, i) => f(Number(c), i)).join("");

/** A number rendered in one of the notations sellers use to slip past digit filters. */
function renderCnMobile(r: Rng, d: string): { family: string; text: string; intl: boolean } {
  return r.weighted<{ family: string; text: string; intl: boolean }>([
    [6, { family: "phone/plain", text: d, intl: false }],
    [5, { family: "phone/intl-spaced", text: `+86 ${split344(d, " ")}`, intl: true }],
    [3, { family: "phone/dashes", text: split344(d, "-"), intl: false }],
    [2, { family: "phone/intl-paren", text: `(+86)${d}`, intl: true }],
    [2, { family: "phone/0086", text: `0086-${split344(d, "-")}`, intl: true }],
    [2, { family: "phone/86-prefix", text: `86${d}`, intl: true }],
    [2, { family: "phone/dots", text: split344(d, "."), intl: false }],
    [2, { family: "phone/spaced-digits", text: [...d].join(" "), intl: false }],
    [3, { family: "phone/zh-numerals", text: mapDigits(d, (n) => (n === 1 && r.chance(0.3) ? "幺" : n === 0 && r.chance(0.5) ? "〇" : ZH_DIGITS[n]!)), intl: false }],
    [2, { family: "phone/zh-financial", text: mapDigits(d, (n) => ZH_FIN[n]!), intl: false }],
    [2, { family: "phone/circled", text: mapDigits(d, (n) => CIRCLED[n]!), intl: false }],
    [1, { family: "phone/dingbat", text: mapDigits(d, (n) => DINGBAT[n]!), intl: false }],
    [2, { family: "phone/full-width", text: fullWidth(d), intl: false }],
    [
      2,
      {
        family: "phone/mixed-notation",
        text: mapDigits(d, (n, i) => [String(n), ZH_DIGITS[n]!, CIRCLED[n]!, fullWidth(String(n))][(i + r.int(0, 3)) % 4]!),
        intl: false,
      },
    ],
    [1, { family: "phone/keycaps", text: mapDigits(d, (n) => `${n}\uFE0F\u20E3`), intl: false }],
    [1, { family: "phone/split-by-words", text: `${d.slice(0, 3)}哈${d.slice(3, 7)}哈${d.slice(7)}`, intl: false }],
    [1, { family: "phone/zero-width", text: `${d.slice(0, 3)}\u200B${d.slice(3, 7)}\u2060${d.slice(7)}`, intl: false }],
    [1, { family: "phone/letters-for-digits", text: split344(d.replace(/1/g, "l").replace(/0/g, "O"), " "), intl: false }],
  ]);
}

const PHONE_LEADS_EN = ["Tel: ", "Call: ", "Mobile: ", "Call or text ", "Hotline ", "For samples call ", "Mob. ", "Phone: "];
const PHONE_LEADS_ZH = ["电话：", "手机：", "联系电话 ", "热线：", "欢迎来电 ", "手机号 ", "订货电话："];
const PHONE_IM_LEADS = ["WhatsApp: ", "WhatsApp/WeChat: ", "Phone/WeChat same number: ", "电话同微信 ", "手机微信同号 ", "Call/WhatsApp ", "vx同号 "];

function phoneSnippet(r: Rng): Snippet {
  const kind = r.weighted<string>([
    [8, "cn"],
    [1, "us"],
    [1, "landline"],
  ]);
  if (kind === "us") {
    const text = `+1 (${r.pick(US_AREA)}) ${r.int(2, 9)}${r.digits(2)}-${r.digits(4)}`;
    return { family: "phone/us", categories: ["phone"], text: `${r.pick(PHONE_LEADS_EN)}${text}` };
  }
  if (kind === "landline") {
    const text = r.chance(0.5) ? `0${r.pick(["755", "757", "769", "579", "571"])}-${r.int(2, 8)}${r.digits(7)}` : `400-${r.int(6, 8)}${r.digits(2)}-${r.digits(4)}`;
    return { family: "phone/landline", categories: ["phone"], text: `${r.pick([...PHONE_LEADS_EN, ...PHONE_LEADS_ZH])}${text}` };
  }
  const rendered = renderCnMobile(r, cnMobile(r));
  if (r.chance(0.2)) return { family: rendered.family, categories: ["phone", "im"], text: `${r.pick(PHONE_IM_LEADS)}${rendered.text}` };
  const lead = /[\u4e00-\u9fff〇]/.test(rendered.text) || r.chance(0.4) ? r.pick(PHONE_LEADS_ZH) : r.pick(PHONE_LEADS_EN);
  return { family: rendered.family, categories: ["phone"], text: `${lead}${rendered.text}` };
}

const HANDLE_WORDS = ["sunny", "lucky", "star", "best", "king", "global", "tech", "home", "trade", "factory", "export", "mall", "shop", "china", "led", "tony", "amy", "jack", "lily", "kevin", "anna", "mike", "ocean", "golden", "happy", "smart", "top", "cool", "green", "east"];

function handle(r: Rng): string {
  const a = r.pick(HANDLE_WORDS);
  const b = r.chance(0.6) ? r.pick(HANDLE_WORDS) : "";
  const sep = b ? r.pick(["_", "", "-", "_"]) : "";
  const digits = r.chance(0.75) ? r.digits(r.int(2, 4)) : "";
  return `${a}${sep}${b}${digits}`;
}

function imSnippet(r: Rng): Snippet {
  const app = r.weighted<string>([
    [10, "wechat"],
    [9, "whatsapp"],
    [3, "telegram"],
    [3, "qq"],
    [3, "other"],
  ]);
  const intlPhone = () => {
    const d = cnMobile(r);
    return r.pick([`+86 ${split344(d, " ")}`, `+86${d}`, `86 ${d}`, `+86-${split344(d, "-")}`]);
  };
  if (app === "wechat") {
    const [family, lead] = r.weighted<readonly [string, string]>([
      [4, ["im/wechat-plain", r.pick(["WeChat: ", "WeChat ID: ", "Wechat ", "Add my WeChat for more pictures: ", "微信：", "微信号 "])]],
      [4, ["im/wechat-homophone", r.pick(["V信：", "薇信 ", "威信号：", "维信 ", "嶶信：", "加我薇信 ", "绿泡泡 ", "卫星：", "迦我薇信 "])]],
      [3, ["im/wechat-abbrev", r.pick(["加vx ", "wx: ", "VX: ", "加V：", "+V ", "➕V ", "V: ", "vx号 "])]],
      [2, ["im/wechat-disguised", r.pick(["w e c h a t: ", "微-信：", "微\u200B信：", "ＷｅＣｈａｔ：", "微❤️ ", "We-Chat: ", "wechaaat "])]],
    ]);
    const id = r.chance(0.15) ? `wxid_${r.digits(4)}${handle(r).replace(/[^a-z]/g, "").slice(0, 6)}` : handle(r);
    return { family, categories: ["im"], text: `${lead}${id}` };
  }
  if (app === "whatsapp") {
    const [family, lead] = r.weighted<readonly [string, string]>([
      [4, ["im/whatsapp-plain", r.pick(["WhatsApp: ", "Whatsapp ", "WhatsApp me at ", "Add WhatsApp ", "Chat on WhatsApp "])]],
      [3, ["im/whatsapp-misspelt", r.pick(["whatsap ", "Whats App: ", "watsapp ", "whatapp ", "WA: ", "wsp ", "W/A: ", "瓦次普 "])]],
      [2, ["im/whatsapp-disguised", r.pick(["w.h.a.t.s.a.p.p ", "wh@tsapp: ", "W-h-a-t-s-A-p-p ", "Wh\u0430ts\u0410pp: ", "ｗｈａｔｓａｐｐ "])]],
    ]);
    if (r.chance(0.15)) {
      const d = cnMobile(r);
      return { family: "link/wa-me", categories: ["link", "im", "phone"], text: `${r.pick(["Click ", "Chat: ", "", "Order via "])}wa.me/86${d}` };
    }
    return { family, categories: ["im", "phone"], text: `${lead}${intlPhone()}` };
  }
  if (app === "telegram") {
    const [family, text] = r.weighted<readonly [string, string]>([
      [3, ["im/telegram", `${r.pick(["Telegram: @", "TG: @", "telegram @", "Telegrm: @"])}${handle(r).replace(/-/g, "_")}`]],
      [2, ["im/telegram-codeword", `${r.pick(["纸飞机 @", "飞机号：", "电报：", "✈️ @"])}${handle(r).replace(/-/g, "_")}`]],
      [1, ["link/t-me", `t.me/${handle(r).replace(/-/g, "_")}`]],
    ]);
    return { family, categories: family === "link/t-me" ? ["link", "im"] : ["im"], text };
  }
  if (app === "qq") {
    const digits = `${r.int(1, 9)}${r.digits(r.int(6, 9))}`;
    return {
      family: "im/qq",
      categories: ["im"],
      text: `${r.pick(["QQ: ", "QQ号 ", "扣扣 ", "企鹅号：", "Q号 ", "🐧 ", "扣扣号码 "])}${digits}`,
    };
  }
  const [family, categories, text] = r.weighted<readonly [string, Category[], string]>([
    [2, ["im/skype", ["im"], `Skype: live:.cid.${r.digits(4)}${handle(r).replace(/[^a-z]/g, "").slice(0, 4)}`]],
    [2, ["im/line", ["im"], `LINE ID: ${handle(r)}`]],
    [1, ["im/viber", ["im", "phone"], `Viber ${intlPhone()}`]],
    [1, ["im/zalo", ["im", "phone"], `Zalo: +84 ${r.pick(["90", "91", "93", "98"])}${r.digits(7)}`]],
    [2, ["im/instagram", ["im"], `${r.pick(["Follow our Instagram @", "IG: @", "Instagram @"])}${handle(r).replace(/-/g, ".")}`]],
    [1, ["im/messenger", ["im", "link"], `Messenger m.me/${handle(r).replace(/-/g, "")}`]],
  ]);
  return { family, categories, text };
}

const DOMAIN_WORDS = ["sunrise", "brightway", "goldstar", "everbest", "topline", "greenleaf", "bluesea", "hongda", "xinyuan", "jiahe", "tianli", "haoyun", "fortune", "unitech", "primeway", "oriental", "grandview", "newera", "silkroad", "dragon"];
const PRODUCT_WORDS = ["led", "lighting", "motor", "toys", "bags", "pack", "solar", "power", "tools", "home", "tech", "cable", "textile", "mold", "glass"];

function domainName(r: Rng): string {
  const w = r.pick(DOMAIN_WORDS);
  const p = r.pick(PRODUCT_WORDS);
  return r.pick([`${w}${p}`, `${w}-${p}`, `${w}${r.digits(2)}`, `${p}${w}`]);
}

const MAIL_HOSTS = ["qq.com", "163.com", "126.com", "gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "foxmail.com", "sina.com"];

function emailSnippet(r: Rng): Snippet {
  const company = r.chance(0.55);
  const local = company
    ? r.pick(["sales", "info", "export", "service", "inquiry", r.pick(HANDLE_WORDS)]) + (r.chance(0.3) ? r.digits(2) : "")
    : r.chance(0.4)
      ? `${r.int(1, 9)}${r.digits(r.int(6, 9))}`
      : `${r.pick(HANDLE_WORDS)}${r.pick(["", ".", "_"])}${r.pick(HANDLE_WORDS)}${r.digits(r.int(0, 3))}`;
  const numeric = /^\d+$/.test(local);
  const host = company
    ? `${domainName(r)}.${r.pick(["com", "com", "net", "cn", "com.cn"])}`
    : r.pick(numeric ? ["qq.com", "163.com", "126.com", "foxmail.com"] : MAIL_HOSTS);
  const [name, tld] = [host.slice(0, host.indexOf(".")), host.slice(host.indexOf(".") + 1)];
  const lead = r.pick(["Email: ", "E-mail: ", "Send your inquiry to ", "邮箱：", "发邮件至 ", "Mail us at ", "Contact: "]);
  const [family, value] = r.weighted<readonly [string, string]>([
    [6, ["email/plain", `${local}@${host}`]],
    [2, ["email/at-dot-brackets", `${local} [at] ${name} [dot] ${tld.replace(/\./g, " [dot] ")}`]],
    [2, ["email/at-dot-parens", `${local} (at) ${name} (dot) ${tld.replace(/\./g, " (dot) ")}`]],
    [1, ["email/at-dot-words", `${local} at ${name} dot ${tld.replace(/\./g, " dot ")}`]],
    [2, ["email/hash-for-at", `${local}#${host}${r.pick([" (replace # with @)", "（#换成@）", ""])}`]],
    [1, ["email/zh-words", `${local}艾特${name}点${tld.replace(/\./g, "点")}`]],
    [1, ["email/full-width", fullWidth(`${local}@${host}`)]],
    [1, ["email/spaced", `${local} @ ${name} . ${tld}`]],
  ]);
  return { family, categories: ["email"], text: `${lead}${value}` };
}

function linkSnippet(r: Rng): Snippet {
  const dom = domainName(r);
  const slug = r.pick(["products", "catalog", "shop", "p", "collections/new"]) + (r.chance(0.5) ? `/${r.int(100, 99999)}` : "");
  const code = () => {
    let s = "";
    for (let i = 0; i < r.int(5, 7); i++) s += r.pick([..."abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"]);
    return s;
  };
  const lead = r.pick(["Visit ", "More designs: ", "Full catalog on our website ", "官网：", "更多款式请看 ", "Shop online at ", "Download the manual at ", "Order here: ", "网址 "]);
  const [family, value] = r.weighted<readonly [string, string]>([
    [4, ["link/www", `www.${dom}.${r.pick(["com", "net", "cn", "com.cn"])}`]],
    [4, ["link/https", `https://www.${dom}.com/${slug}`]],
    [2, ["link/scheme-less-tld", `${dom}.${r.pick(["shop", "top", "store", "xyz", "site", "online"])}${r.chance(0.5) ? `/${slug}` : ""}`]],
    [1, ["link/shopify", `${dom}.myshopify.com`]],
    [3, ["link/shortener", `${r.pick(["bit.ly", "t.cn", "tinyurl.com", "dwz.cn", "s.id"])}/${code()}`]],
    [2, ["link/dot-word", `${dom} ${r.pick(["dot", "DOT", "(dot)", "点"])} com`]],
    [1, ["link/ideographic-dot", `www。${dom}。com`]],
    [1, ["link/full-width", fullWidth(`www.${dom}.com`)]],
    [1, ["link/spaced-dots", `www . ${dom} . com`]],
    [1, ["link/ip", `http://${r.int(39, 123)}.${r.int(1, 254)}.${r.int(1, 254)}.${r.int(1, 254)}/shop`]],
  ]);
  return { family, categories: ["link"], text: `${lead}${value}` };
}

function qrSnippet(r: Rng): Snippet {
  return r.pick<Snippet>([
    { family: "qr/scan-to-add", categories: ["qr", "im"], text: "Scan the QR code in the last picture to add our WeChat." },
    { family: "qr/scan-to-add", categories: ["qr", "im"], text: "扫码加我微信，获取最新报价。" },
    { family: "qr/scan-to-add", categories: ["qr"], text: "扫描详情页最后一张图的二维码加好友。" },
    { family: "qr/scan-to-add", categories: ["qr", "link"], text: "The QR code on the packing card leads to our online store with member prices." },
    { family: "qr/scan-to-add", categories: ["qr"], text: "头像有码，扫一扫直接联系老板。" },
  ]);
}

const OFFLINE_EN = [
  "Contact us for a better price!",
  "Contact us for better price.",
  "CONTACT US FOR THE BEST PRICE.",
  "Message us directly for a lower price than listed here.",
  "Order on our own website and save 10%.",
  "Exclusive discount on our official site, not available here.",
  "Buy direct from us outside the platform and save the commission.",
  "Deal with us directly for the factory price, no platform fee.",
  "Prices here are for reference only, ask us privately for the real price.",
  "Email us for the real wholesale price list.",
];
const OFFLINE_ZH = [
  "线下交易更划算。",
  "私聊优惠更多。",
  "加我拿底价。",
  "官网下单更便宜。",
  "私下交易价格更低。",
  "不走平台可以再便宜10%。",
  "独立站专属折扣，平台不参加。",
  "联系我要低价，量大从优。",
  "平台外下单立减5%。",
];
const PAYMENT_EN = [
  "Pay the deposit to our personal account and we ship faster.",
  "PayPal friends and family only, please.",
  "Send payment directly to my personal bank account to save fees.",
  "We also take USDT and Bitcoin for faster clearance.",
  "Western Union to the owner's personal name gets an extra 3% off.",
];
const PAYMENT_ZH = ["支付宝私转更快发货。", "付定金到个人账户，发货更快。", "可微信转账到个人。", "直接打款到我私人账户。", "对私账户付款有优惠。"];
const ASSURANCE_EN = [
  "We don't accept Trade Assurance orders.",
  "Trade Assurance fee is too high, please pay by T/T directly.",
  "No TA, bank transfer only.",
  "TA orders cost 3% more; direct payment is cheaper.",
  "Sorry, Trade Assurance is not supported for this item.",
];
const ASSURANCE_ZH = ["信保手续费太高，建议直接打款。", "不走信保，走线下T/T。", "信保流程太麻烦，直接付款更快。", "不接受信用保障订单。"];

function phraseSnippet(r: Rng, category: "offline-deal" | "payment" | "assurance"): Snippet {
  const zh = r.chance(0.45);
  const pool =
    category === "offline-deal" ? (zh ? OFFLINE_ZH : OFFLINE_EN) : category === "payment" ? (zh ? PAYMENT_ZH : PAYMENT_EN) : zh ? ASSURANCE_ZH : ASSURANCE_EN;
  const phrase = r.pick(pool);
  if (category === "offline-deal" && r.chance(0.25)) {
    // With a contact route attached: "Contact us on WhatsApp +86 … for a better price".
    const d = cnMobile(r);
    const text = zh ? `加微信${handle(r)}拿底价。` : `Contact us on WhatsApp +86 ${split344(d, " ")} for the best price.`;
    return { family: "offline-deal/with-contact", categories: zh ? ["offline-deal", "im"] : ["offline-deal", "im", "phone"], text };
  }
  const prefix = zh ? r.pick(["", "亲，", "温馨提示：", "注意："]) : r.pick(["", "Dear buyer! ", "Note: ", "PS: "]);
  return { family: `${category}/${zh ? "zh" : "en"}`, categories: [category], text: `${prefix}${phrase}` };
}

function violation(r: Rng): Snippet {
  const family = r.weighted<string>([
    [20, "phone"],
    [30, "im"],
    [12, "email"],
    [13, "link"],
    [3, "qr"],
    [10, "offline-deal"],
    [6, "payment"],
    [6, "assurance"],
  ]);
  switch (family) {
    case "phone":
      return phoneSnippet(r);
    case "im":
      return imSnippet(r);
    case "email":
      return emailSnippet(r);
    case "link":
      return linkSnippet(r);
    case "qr":
      return qrSnippet(r);
    default:
      return phraseSnippet(r, family as "offline-deal" | "payment" | "assurance");
  }
}

// ---------------------------------------------------------------------------------------------
// Rows

function ean13(r: Rng): string {
  const body = `69${r.digits(10)}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 ? 3 : 1);
  return body + String((10 - (sum % 10)) % 10);
}

function moqText(n: number, unit: string): string {
  return n === 1 ? `1 ${unit === "pcs" ? "pc" : unit.replace(/s$/, "")}` : `${n} ${unit}`;
}

function money(x: number): string {
  return x >= 100 ? x.toFixed(0) : x.toFixed(2);
}

function tierPricing(r: Rng, base: number, unit: string, zh: boolean): string {
  if (r.chance(0.2)) return "";
  const breaks = r.pick([
    [1, 100, 500],
    [2, 50, 200, 1000],
    [100, 1000, 5000],
    [1, 10, 50],
  ]);
  const parts: string[] = [];
  let price = base;
  for (let i = 0; i < breaks.length; i++) {
    const lo = breaks[i]!;
    const hi = breaks[i + 1];
    const range = hi === undefined ? `>=${lo}` : `${lo}-${hi - 1}`;
    parts.push(zh ? `${range}件 ¥${money(price * 7.1)}` : `${range} ${unit}: US$${money(price)}`);
    price *= 0.9 + r.next() * 0.07;
  }
  return parts.join(zh ? "；" : r.pick([" | ", "; ", "\n"]));
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV row (no line terminator). */
export function csvRow(listing: Listing): string {
  return COLUMNS.map((c) => csvCell(listing[c])).join(",");
}

export function csvHeader(): string {
  return COLUMNS.join(",");
}

export function jsonlRow(listing: Listing): string {
  return JSON.stringify(listing);
}

function buildListing(r: Rng, index: number): Listing {
  const kind = r.pick(KINDS);
  const zhTitle = r.chance(0.5);
  const model = kind.model(r);
  const year = r.pick(["", "2024 ", "2025 ", "New ", "Hot Sale "]);
  const title = `${year}${r.pick(kind.adjectives)} ${kind.en}${r.chance(0.5) ? ` ${model}` : ""}${zhTitle ? ` ${kind.zh}` : ""}${r.chance(0.4) ? ` for ${r.pick(["Home", "Wholesale", "Export", "Retail", "OEM"])}` : ""}`;
  const base = kind.price[0] + r.next() * (kind.price[1] - kind.price[0]);
  const zhPrice = r.chance(0.25);
  const price = zhPrice ? `¥${money(base * 7.1)}/${r.pick(["件", "个", "套"])}` : r.chance(0.5) ? `US$${money(base * 0.88)}-${money(base)}` : `$${money(base)}/${kind.unit === "pcs" ? "pc" : kind.unit.replace(/s$/, "")}`;
  const specList = [...kind.specs(r)];
  const nSpecs = r.int(2, Math.min(4, specList.length));
  const specs = specList.slice(0, nSpecs);
  if (r.chance(0.25)) specs.push(`EAN: ${ean13(r)}`);
  if (r.chance(0.15)) specs.push(`HS Code ${r.pick(kind.hs).replace(/\./g, "")}`);
  const cartonPcs = r.pick([10, 20, 24, 36, 50, 100, 200]);
  const packaging = `${cartonPcs} ${kind.unit}/carton, carton ${r.int(100, 700)}x${r.int(100, 500)}x${r.int(100, 500)}mm, G.W. ${r.fixed(2, 25, 1)}kg${r.chance(0.3) ? "; 外箱尺寸见图" : ""}`;
  const listing: Listing = {
    id: rowId(index),
    title,
    category: kind.category,
    model,
    price,
    tier_pricing: tierPricing(r, base, kind.unit, zhPrice),
    moq: zhPrice ? `起订量 ${r.pick([1, 10, 50, 100, 500])}${r.pick(["件", "个"])}` : moqText(r.pick([1, 2, 10, 50, 100, 200, 500, 1000]), kind.unit),
    hs_code: r.pick(kind.hs),
    specs: specs.join(r.chance(0.6) ? "\n" : "; "),
    description: "",
    packaging,
    payment_terms: r.pick(PAYMENT_TERMS),
  };

  // Fill the description up to a target row size (uniform 440..700 bytes of CSV; rows average about 600).
  const target = r.int(440, 700);
  const multiLine = r.chance(0.65);
  const bullets = multiLine && r.chance(0.3);
  const sentences: string[] = [];
  const pools = [kind.notes, EN_GENERIC, ZH_GENERIC, QUOTED];
  const used = new Set<string>();
  let size = Buffer.byteLength(csvRow(listing), "utf8") + 2;
  do {
    const pool = r.weighted<readonly string[]>([
      [4, pools[0]!],
      [4, pools[1]!],
      [3, pools[2]!],
      [1, pools[3]!],
    ]);
    const s = r.pick(pool);
    if (used.has(s) && used.size < 12) continue;
    used.add(s);
    const line = bullets ? `• ${s}` : s;
    sentences.push(line);
    size += Buffer.byteLength(line, "utf8") + 1 + (s.includes('"') ? (s.match(/"/g)?.length ?? 0) : 0);
  } while (size < target || sentences.length < 2);
  listing.description = sentences.join(multiLine ? "\n" : " ");
  return listing;
}

/** Insert `text` into a field at a sentence or line boundary; returns the new value. */
function insertInto(r: Rng, field: Column, value: string, text: string): string {
  switch (field) {
    case "description": {
      // Between two lines of a multi-line description, or between two sentences of a single-line one.
      const multiLine = value.includes("\n");
      const parts = multiLine ? value.split("\n") : value.split(/(?<=[.!?。！？])\s/);
      const at = r.int(0, parts.length);
      const sentence = multiLine || /[.!?。！？]$/.test(text) ? text : `${text}${/[\u4e00-\u9fff]/.test(text) ? "。" : "."}`;
      parts.splice(at, 0, value.startsWith("• ") ? `• ${sentence}` : sentence);
      return parts.join(multiLine ? "\n" : " ");
    }
    case "title":
      return `${value} ${r.pick(["- ", "| ", ""])}${text}`;
    case "specs":
      return `${value}${value.includes("\n") ? "\n" : "; "}${text}`;
    case "packaging":
      return `${value}; ${text}`;
    case "tier_pricing":
      return value ? `${value} | ${text}` : text;
    case "payment_terms":
      return `${value}. ${text}`;
    default:
      return `${value} ${text}`;
  }
}

function fieldFor(r: Rng, snippet: Snippet): Column {
  const phrase = snippet.categories[0] === "offline-deal" || snippet.categories[0] === "payment" || snippet.categories[0] === "assurance";
  if (phrase) {
    if (snippet.categories[0] === "offline-deal") return r.weighted<Column>([[80, "description"], [20, "tier_pricing"]]);
    return r.weighted<Column>([[80, "description"], [20, "payment_terms"]]);
  }
  if (snippet.categories.includes("qr")) return "description";
  return r.weighted<Column>([
    [65, "description"],
    [10, "title"],
    [15, "specs"],
    [10, "packaging"],
  ]);
}

const BLOCK = 100;

/** The rows, in order. Deterministic in (seed, rate); a prefix of a longer run equals a shorter run. */
export function* generateRows(options: Partial<GenerateOptions> = {}): Generator<GeneratedRow> {
  const { rows, seed, rate } = { ...DEFAULT_GENERATE, ...options };
  const r = new Rng(seed);
  const perBlock = Math.round(rate * BLOCK);
  let bad = new Set<number>();
  for (let index = 0; index < rows; index++) {
    if (index % BLOCK === 0) bad = new Set(r.sample(BLOCK, perBlock));
    const listing = buildListing(r, index);
    if (!bad.has(index % BLOCK)) {
      yield { listing };
      continue;
    }
    const snippets: TruthSnippet[] = [];
    const count = r.chance(0.12) ? 2 : 1;
    for (let k = 0; k < count; k++) {
      const s = violation(r);
      const field = fieldFor(r, s);
      // One snippet per field keeps each truth text verbatim in its field.
      if (snippets.some((x) => x.field === field)) continue;
      listing[field] = insertInto(r, field, listing[field], s.text);
      snippets.push({ field, family: s.family, categories: s.categories, text: s.text });
    }
    const categories = [...new Set(snippets.flatMap((s) => s.categories))].sort() as Category[];
    yield { listing, truth: { id: listing.id, index, categories, snippets } };
  }
}

export interface GeneratedFiles {
  dir: string;
  csv: string;
  jsonl: string;
  truth: string;
  rows: number;
  violating: number;
  csvBytes: number;
  jsonlBytes: number;
}

export interface TruthFile {
  seed: string;
  rows: number;
  rate: number;
  columns: readonly string[];
  /** How rows are identified: the `id` column, `SKU-000001` for record index 0. */
  violations: TruthRow[];
}

/** Buffered writer: synchronous, chunked writes of UTF-8 text. */
class Sink {
  private fd: number;
  private parts: string[] = [];
  private pending = 0;
  bytes = 0;
  constructor(path: string) {
    this.fd = openSync(path, "w");
  }
  write(text: string): void {
    this.parts.push(text);
    this.pending += text.length;
    if (this.pending > 1 << 20) this.flush();
  }
  flush(): void {
    if (!this.parts.length) return;
    const buf = Buffer.from(this.parts.join(""), "utf8");
    writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.parts = [];
    this.pending = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** Write `listings.csv` (CRLF rows, LF inside quoted cells, as Excel does), `listings.jsonl` and
 * `listings.truth.json` into `dir`. */
export function writeBenchFiles(dir: string, options: Partial<GenerateOptions> = {}): GeneratedFiles {
  const opts = { ...DEFAULT_GENERATE, ...options };
  mkdirSync(dir, { recursive: true });
  const csvPath = join(dir, "listings.csv");
  const jsonlPath = join(dir, "listings.jsonl");
  const truthPath = join(dir, "listings.truth.json");
  const csv = new Sink(csvPath);
  const jsonl = new Sink(jsonlPath);
  const violations: TruthRow[] = [];
  csv.write(csvHeader() + "\r\n");
  let rows = 0;
  for (const { listing, truth } of generateRows(opts)) {
    csv.write(csvRow(listing) + "\r\n");
    jsonl.write(jsonlRow(listing) + "\n");
    if (truth) violations.push(truth);
    rows++;
  }
  csv.close();
  jsonl.close();
  const truthFile: TruthFile = { seed: opts.seed, rows, rate: opts.rate, columns: COLUMNS, violations };
  const t = new Sink(truthPath);
  t.write(JSON.stringify(truthFile, null, 1) + "\n");
  t.close();
  return { dir, csv: csvPath, jsonl: jsonlPath, truth: truthPath, rows, violating: violations.length, csvBytes: csv.bytes, jsonlBytes: jsonl.bytes };
}

export function makeTempDir(prefix = "offsite-bench-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}


export const GENERATE_USAGE = `usage: node dist/src/bench/generate.js [--rows N] [--seed S] [--rate R] [--out DIR]

Writes listings.csv, listings.jsonl and listings.truth.json (the ground truth: violating row ids,
their categories and the inserted text) into DIR (default: a new directory under the OS temp dir).
Same seed and rows → the same bytes.
`;

function main(argv: string[]): number {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        rows: { type: "string" },
        seed: { type: "string" },
        rate: { type: "string" },
        out: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${GENERATE_USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(GENERATE_USAGE);
    return 0;
  }
  const rows = values.rows === undefined ? DEFAULT_GENERATE.rows : Number(values.rows);
  const rate = values.rate === undefined ? DEFAULT_GENERATE.rate : Number(values.rate);
  if (!Number.isInteger(rows) || rows < 1 || rows > 999_999) {
    process.stderr.write(`--rows must be an integer from 1 to 999999\n`);
    return 2;
  }
  if (!(rate >= 0 && rate <= 1)) {
    process.stderr.write(`--rate must be between 0 and 1\n`);
    return 2;
  }
  const dir = values.out ?? makeTempDir();
  const files = writeBenchFiles(dir, { rows, rate, seed: values.seed ?? DEFAULT_GENERATE.seed });
  process.stdout.write(
    `${files.csv} (${(files.csvBytes / 1e6).toFixed(1)} MB)\n${files.jsonl} (${(files.jsonlBytes / 1e6).toFixed(1)} MB)\n` +
      `${files.truth} (${files.violating} of ${files.rows} rows with a violation)\n`,
  );
  return 0;
}

if (isMain(import.meta.url)) process.exitCode = main(process.argv.slice(2));
