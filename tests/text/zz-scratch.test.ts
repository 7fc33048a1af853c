import { test } from "vitest";
import { compilePattern, patternToRegexSource, PhraseSet } from "../../src/text/phrases.js";
import { buildViews } from "../../src/text/views.js";
test("x", () => {
  for (const p of ["contact us … (better|best) price*", "don't accept", "线下 交易 更? 划算", "*سعر أفضل", "+ <num> %", "liên hệ"]) {
    const c = compilePattern(p);
    console.log(p, "=>", c.regex.source, c.anchors);
  }
  const set = new PhraseSet([{ spec: { lang: "en", entries: [
    { id: "a", patterns: ["contact us … (better|best) price*"], confidence: 0.9, unless: ["via alibaba"] },
    { id: "b", patterns: ["线下 交易 更? 划算"], confidence: 0.9 },
  ] } }], { defaultMessageId: "m" });
  for (const t of ["Con\u200btact ＵＳ for a much better prices!", "Contact us via Alibaba for better price", "咱们線下交易更劃算", "contactus for better price"]) {
    const v = buildViews(t);
    console.log(t, set.match(v.folded).map(h => [t.slice(h.start, h.end), h.confidence]));
  }
});
