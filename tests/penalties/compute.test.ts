import { describe, expect, it } from "vitest";
import {
  DEFAULT_WARNING_WEIGHT,
  estimateMessage,
  exceedsMaxPenalty,
  messageEstimate,
  runTotal,
  thresholdReached,
  totalFor,
} from "../../src/penalties/compute.js";
import { getProfile, mergeProfile } from "../../src/penalties/profiles.js";
import { fatal, msg, result } from "./helpers.js";

const alibaba = getProfile("alibaba");

describe("estimateMessage", () => {
  it("uses the profile's estimate for an error", () => {
    expect(estimateMessage(alibaba, "im", 2)).toEqual({
      platform: "alibaba",
      points: 6,
      action: alibaba.perViolation.default.error.action.en,
    });
  });

  it("counts a warning at half an error (DEFAULT_WARNING_WEIGHT)", () => {
    expect(DEFAULT_WARNING_WEIGHT).toBe(0.5);
    expect(estimateMessage(alibaba, "phone", 1).points).toBe(3);
    expect(estimateMessage(getProfile("xiaohongshu"), "link", 1).points).toBe(5);
  });

  it("falls back to the default estimate without a category", () => {
    expect(estimateMessage(alibaba, undefined, 2).points).toBe(6);
  });

  it("localises the action", () => {
    expect(estimateMessage(alibaba, "im", 2, "zh-CN").action).toBe(alibaba.perViolation.default.error.action["zh-CN"]);
  });

  it("keeps unknown points null (never 0)", () => {
    for (const id of ["tiktok-shop", "amazon", "ebay", "aliexpress", "tmall", "douyin"]) {
      const e = estimateMessage(getProfile(id), "im", 2);
      expect(e.points, id).toBeNull();
      expect(estimateMessage(getProfile(id), "im", 1).points, id).toBeNull();
    }
  });

  it("carries fines with their currency, weighted like points", () => {
    const douyin = getProfile("douyin");
    expect(estimateMessage(douyin, "payment", 2)).toMatchObject({ points: null, fine: 500, currency: "CNY" });
    expect(estimateMessage(douyin, "payment", 1)).toMatchObject({ points: null, fine: 250, currency: "CNY" });
    expect(estimateMessage(alibaba, "im", 2)).not.toHaveProperty("fine");
  });

  it("uses an explicit warning estimate and a configured warning weight", () => {
    const explicit = mergeProfile(alibaba, { perViolation: { im: { warning: { points: 1 } } } });
    expect(estimateMessage(explicit, "im", 1).points).toBe(1);
    expect(estimateMessage(explicit, "link", 1).points).toBe(3);
    const none = mergeProfile(alibaba, { aggregation: { warningWeight: 0 } });
    expect(estimateMessage(none, "im", 1).points).toBe(0);
  });
});

describe("messageEstimate", () => {
  it("gives fatal messages no estimate", () => {
    expect(messageEstimate(fatal(), alibaba)).toBeNull();
  });

  it("uses the message's own estimate for the same platform only", () => {
    const own = msg(2, "im", { penalty: { platform: "alibaba", points: 12, action: "x" } });
    expect(messageEstimate(own, alibaba)?.points).toBe(12);
    const other = msg(2, "im", { penalty: { platform: "shopee", points: 2, action: "x" } });
    expect(messageEstimate(other, alibaba)?.points).toBe(6);
  });
});

describe("totalFor", () => {
  it("adds errors and weighted warnings; fatal messages count 0", () => {
    const total = totalFor([msg(2, "im"), msg(2, "link"), msg(1, "phone"), fatal()], alibaba);
    expect(total).toEqual({ platform: "alibaba", points: 15, counted: 3, unknownPoints: 0, confidence: "low" });
  });

  it("is zero with nothing counted for a clean file or fatal-only file", () => {
    expect(totalFor([], alibaba)).toMatchObject({ points: 0, counted: 0, unknownPoints: 0, confidence: null });
    expect(totalFor([fatal()], alibaba)).toMatchObject({ points: 0, counted: 0 });
  });

  it("counts unknown points separately instead of as 0", () => {
    const tiktok = getProfile("tiktok-shop");
    const total = totalFor([msg(2, "im"), msg(1, "qr")], tiktok);
    expect(total.counted).toBe(2);
    expect(total.unknownPoints).toBe(2);
    expect(total.points).toBe(0); // the known part only; the text says "unknown"
  });

  it("mixes known and unknown points", () => {
    const partial = mergeProfile(alibaba, { perViolation: { qr: { error: { points: null } } } });
    const total = totalFor([msg(2, "im"), msg(2, "qr")], partial);
    expect(total).toMatchObject({ points: 6, counted: 2, unknownPoints: 1 });
  });

  it("sums fines", () => {
    const total = totalFor([msg(2, "im"), msg(2, "link"), msg(1, "phone")], getProfile("douyin"));
    expect(total).toMatchObject({ fine: 1250, currency: "CNY", unknownPoints: 3 });
  });

  it("counts one violation per listing when the profile says so (Lazada)", () => {
    const lazada = getProfile("lazada");
    expect(lazada.aggregation.per).toBe("listing");
    const messages = [
      msg(1, "phone", { record: { index: 0 } }),
      msg(2, "im", { record: { index: 0 } }),
      msg(2, "link", { record: { index: 0 } }),
      msg(1, "email", { record: { index: 1 } }),
    ];
    // record 0: max(1, 2, 2) = 2; record 1: warning = 1
    expect(totalFor(messages, lazada)).toMatchObject({ points: 3, counted: 2 });
    // messages without a record are one listing (a reply template)
    expect(totalFor([msg(2, "im"), msg(2, "link")], lazada)).toMatchObject({ points: 2, counted: 1 });
  });
});

describe("runTotal", () => {
  it("adds the files of a run", () => {
    const results = [
      result("/a.csv", [msg(2, "im"), msg(1, "phone")]),
      result("/b.txt", [msg(2, "link")]),
      result("/c.json", [fatal()]),
      result("/d.csv", []),
    ];
    expect(runTotal(results, alibaba)).toEqual({
      platform: "alibaba",
      points: 15,
      counted: 3,
      unknownPoints: 0,
      confidence: "low",
    });
  });

  it("keeps listings per file (record 0 of two files are two listings)", () => {
    const lazada = getProfile("lazada");
    const results = [
      result("/a.csv", [msg(2, "im", { record: { index: 0 } })]),
      result("/b.csv", [msg(2, "im", { record: { index: 0 } })]),
    ];
    expect(runTotal(results, lazada)).toMatchObject({ points: 4, counted: 2 });
  });
});

describe("thresholdReached", () => {
  const cases: [number, number | null, number | null][] = [
    [0, null, 6],
    [5.5, null, 6],
    [6, 6, 12],
    [11, 6, 12],
    [12, 12, 24],
    [18, 12, 24],
    [24, 24, 36],
    [36, 36, 48],
    [47, 36, 48],
    [48, 48, null],
    [100, 48, null],
  ];
  it.each(cases)("alibaba at %d points: reached %s, next %s", (points, reached, next) => {
    const standing = thresholdReached(alibaba, points);
    expect(standing.reached?.points ?? null).toBe(reached);
    expect(standing.next?.points ?? null).toBe(next);
  });

  it("names the official Alibaba.com actions", () => {
    expect(thresholdReached(alibaba, 12).reached?.short.en).toBe("restricted 7 days");
    expect(thresholdReached(alibaba, 48).reached?.short.en).toBe("membership ended");
    expect(thresholdReached(alibaba, 36).reached?.action.en).toMatch(/all products removed/);
  });

  it("knows the other ladders", () => {
    const tiktok = getProfile("tiktok-shop");
    expect(tiktok.thresholds.map((t) => t.points)).toEqual([12, 24, 36, 48]);
    expect(thresholdReached(tiktok, 47).next?.short.en).toBe("deactivated");
    const shopee = getProfile("shopee");
    expect(thresholdReached(shopee, 15).reached?.short.en).toBe("frozen 28 days");
    const lazada = getProfile("lazada");
    expect(thresholdReached(lazada, 48).reached?.short.en).toBe("deactivated");
    expect(thresholdReached(lazada, 47).reached).toBeNull();
  });

  it("has nothing to reach without a ladder", () => {
    expect(thresholdReached(getProfile("amazon"), 100)).toEqual({ reached: null, next: null });
    expect(thresholdReached(getProfile("xiaohongshu"), 100)).toEqual({ reached: null, next: null });
  });
});

describe("exceedsMaxPenalty", () => {
  it("compares the known points with the limit", () => {
    expect(exceedsMaxPenalty({ platform: "alibaba", points: 18 }, 12)).toBe(true);
    expect(exceedsMaxPenalty({ platform: "alibaba", points: 12 }, 12)).toBe(false);
    expect(exceedsMaxPenalty({ platform: "alibaba", points: 18 }, undefined)).toBe(false);
  });
});
