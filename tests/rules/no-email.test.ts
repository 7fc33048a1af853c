// no-email: e-mail addresses, plain or spelled out to dodge filters (research §2.3), and not the
// ordinary uses of "@", "at" and "dot" (research §3 #31-32).
import { describe, expect, test } from "vitest";
import rule from "../../rules/no-email.js";
import { flagged, runRule } from "../helpers/run-rule.js";

interface Ng {
  input: string;
  /** The exact original characters the finding covers. */
  match: string;
  /** The address as the rule reads it. */
  address: string;
  disguised: boolean;
}

const ng: Ng[] = [
  { input: "Email: lucy.trade@gmail.com for catalog", match: "lucy.trade@gmail.com", address: "lucy.trade@gmail.com", disguised: false },
  { input: "send to sales2024@163.com", match: "sales2024@163.com", address: "sales2024@163.com", disguised: false },
  { input: "Mail Kevin.Wu@BrightLamp.com", match: "Kevin.Wu@BrightLamp.com", address: "kevin.wu@brightlamp.com", disguised: false },
  { input: "kevin [at] brightlamp [dot] com", match: "kevin [at] brightlamp [dot] com", address: "kevin@brightlamp.com", disguised: true },
  { input: "kevin (at) brightlamp (dot) com", match: "kevin (at) brightlamp (dot) com", address: "kevin@brightlamp.com", disguised: true },
  { input: "kevin{at}outlook{dot}com", match: "kevin{at}outlook{dot}com", address: "kevin@outlook.com", disguised: true },
  { input: "kevin（at）gmail（dot）com", match: "kevin（at）gmail（dot）com", address: "kevin@gmail.com", disguised: true },
  { input: "kevin (at) gmail.com", match: "kevin (at) gmail.com", address: "kevin@gmail.com", disguised: true },
  { input: "kevin at brightlamp dot com", match: "kevin at brightlamp dot com", address: "kevin@brightlamp.com", disguised: true },
  { input: "K E V I N AT GMAIL DOT COM", match: "K E V I N AT GMAIL DOT COM", address: "kevin@gmail.com", disguised: true },
  { input: "kevin【at】qq.com", match: "kevin【at】qq.com", address: "kevin@qq.com", disguised: true },
  { input: "邮箱 kevin艾特163点com", match: "kevin艾特163点com", address: "kevin@163.com", disguised: true },
  { input: "kevin 圈a 163.com", match: "kevin 圈a 163.com", address: "kevin@163.com", disguised: true },
  { input: "kevin#qq.com（#替换成@）", match: "kevin#qq.com", address: "kevin@qq.com", disguised: true },
  { input: "ｋｅｖｉｎ＠ｑｑ．ｃｏｍ", match: "ｋｅｖｉｎ＠ｑｑ．ｃｏｍ", address: "kevin@qq.com", disguised: true },
  { input: "kevin＠qq.com", match: "kevin＠qq.com", address: "kevin@qq.com", disguised: true },
  { input: "kev\u200Bin@brightlamp.com", match: "kev\u200Bin@brightlamp.com", address: "kevin@brightlamp.com", disguised: true },
  { input: "kevin@bright\u200Blamp.com", match: "kevin@bright\u200Blamp.com", address: "kevin@brightlamp.com", disguised: true },
  { input: "k e v i n @ g m a i l . c o m", match: "k e v i n @ g m a i l . c o m", address: "kevin@gmail.com", disguised: true },
  { input: "kevin @ gmail . com", match: "kevin @ gmail . com", address: "kevin@gmail.com", disguised: true },
  // QQ mail implied by the number
  { input: "QQ邮箱 12345678", match: "QQ邮箱 12345678", address: "12345678@qq.com", disguised: true },
];

describe("no-email: must flag", () => {
  test.each(ng)("$input", ({ input, match, address, disguised }) => {
    const hits = runRule(rule, input);
    const hit = hits.find((h) => h.text === match);
    expect(hit, JSON.stringify(hits.map((h) => h.text))).toBeDefined();
    expect(hit!.confidence).toBeGreaterThanOrEqual(0.75);
    expect(hit!.data?.address).toBe(address);
    expect(hit!.messageId).toBe(disguised ? "disguised" : "email");
  });

  test("an address in a longer reply covers only the address", () => {
    expect(flagged(rule, "Hi, thanks for asking. Please write to kevin [at] brightlamp [dot] com and we will reply.")).toEqual([
      "kevin [at] brightlamp [dot] com",
    ]);
  });

  test("an address whose top-level domain does not exist is not an address", () => {
    expect(flagged(rule, "kevin@brightlamp.notatld")).toEqual([]);
  });
});

const ok: string[] = [
  "store @ 25°C",
  "Store @25°C",
  "3.7V @ 1C discharge",
  "battery rated 2000mAh @ 0.2C",
  "Tested @ 1khz.",
  "price @ $2/pc",
  "sold at cost",
  "at 50% off",
  "charge at 0.5C to 4.2V",
  "polka dot dress",
  "red polka dot at the hem",
  "email marketing software",
  "Email us through the platform chat",
  "follow @brightlamp on the store page",
  "Order #12345 shipped",
  "look at china dot map",
  "ships at gmail speed",
];

describe("no-email: must not flag", () => {
  test.each(ok)("%s", (input) => {
    expect(flagged(rule, input)).toEqual([]);
  });
});
