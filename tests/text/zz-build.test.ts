import { test } from "vitest";
import { readPhrasePacks } from "../../src/text/phrase-packs.js";
import { PhraseSet } from "../../src/text/phrases.js";
import { foldText } from "../../src/text/fold.js";
test("build", () => {
  let t = performance.now();
  foldText("線下");
  console.log("fold warm", performance.now() - t);
  for (const r of ["no-offline-deal", "no-offsite-payment", "no-assurance-refusal", "no-qr-code"]) {
    t = performance.now();
    const packs = readPhrasePacks(r);
    const a = performance.now() - t;
    t = performance.now();
    new PhraseSet(packs, { defaultMessageId: "x" });
    console.log(r, "read+validate", a.toFixed(1), "set", (performance.now() - t).toFixed(1));
  }
});
