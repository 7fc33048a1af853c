import { describe, expect, it } from "vitest";
import { CorpusError, parseCorpus } from "../../src/eval/corpus.js";

const reply = { id: "r1", kind: "reply", lang: "en", text: "add me on WhatsApp", expect: ["im"], spans: [{ text: "WhatsApp", category: "im" }], note: "n" };
const listing = { id: "l1", kind: "listing", lang: "zh", fields: { title: "鱼线", description: "fishing line" }, expect: [], spans: [], note: "clean" };

describe("parseCorpus", () => {
  it("parses replies and listings, skipping blank lines and a BOM", () => {
    const text = "\ufeff" + JSON.stringify(reply) + "\r\n\n" + JSON.stringify(listing) + "\n";
    const { cases, warnings } = parseCorpus(text);
    expect(warnings).toEqual([]);
    expect(cases).toHaveLength(2);
    expect(cases[0]).toMatchObject({ id: "r1", kind: "reply", text: "add me on WhatsApp", expect: ["im"], sourceLine: 1 });
    expect(cases[1]).toMatchObject({ id: "l1", kind: "listing", fields: { title: "鱼线", description: "fishing line" }, sourceLine: 3 });
  });

  it("names the line of a bad case", () => {
    const bad = [
      "{not json",
      JSON.stringify({ ...reply, kind: "post" }),
      JSON.stringify({ ...reply, expect: ["contact"] }),
      JSON.stringify({ ...reply, text: undefined }),
      JSON.stringify({ ...listing, fields: { title: 3 } }),
      JSON.stringify({ ...reply, spans: [{ text: "", category: "im" }] }),
    ];
    for (const line of bad) {
      const text = JSON.stringify(listing) + "\n" + line + "\n";
      expect(() => parseCorpus(text)).toThrow(CorpusError);
      try {
        parseCorpus(text);
      } catch (error) {
        expect((error as CorpusError).line).toBe(2);
        expect((error as Error).message).toMatch(/^line 2: /);
      }
    }
  });

  it("rejects duplicate ids", () => {
    expect(() => parseCorpus(JSON.stringify(reply) + "\n" + JSON.stringify(reply))).toThrow(/duplicate id "r1" \(first on line 1\)/);
  });

  it("warns about a span that is not in the text or not expected", () => {
    const c = { ...reply, spans: [{ text: "Telegram", category: "im" }, { text: "WhatsApp", category: "phone" }] };
    const { warnings } = parseCorpus(JSON.stringify(c));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/"Telegram" does not occur/);
    expect(warnings[1]).toMatch(/"phone" is not in expect/);
  });
});
