// E-mail candidates on the compact view, where `[at]`, `(dot)`, `艾特`, `#` for @, spaced letters and
// full-width ＠/． are already plain; the top-level domain must be real (IANA list).

import { createRequire } from "node:module";
import type { TextView } from "../../src/types.js";
import { memo } from "./memo.js";

const require = createRequire(import.meta.url);
/** The IANA list, plus the reserved documentation TLDs that templates and examples use. */
const TLDS = new Set<string>([...(require("tlds") as string[]).map((t) => t.toLowerCase()), "example", "test"]);

const ADDRESS = /(?<![a-z0-9._%+-])[a-z0-9][a-z0-9._%+-]{0,63}@[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)*\.([a-z]{2,24})(?![a-z0-9])/g;

/** "QQ邮箱 12345678" / "163邮箱: abc": the mail host named, the local part given. */
const HOSTED_MAILBOX = /(qq|163|126|gmail|outlook|hotmail|yahoo|sina|foxmail)\s*(?:邮箱|邮件|mail|email|e-mail)\s*[:：是为]?\s*([a-z0-9][a-z0-9._-]{3,30})/g;

export interface EmailCandidate {
  start: number;
  end: number;
  address: string;
}

export function findEmailCandidates(view: TextView): EmailCandidate[] {
  return memo(view, "emails", () => computeEmails(view));
}

function computeEmails(view: TextView): EmailCandidate[] {
  const text = view.text;
  const out: EmailCandidate[] = [];
  if (text.includes("@")) {
    for (const m of text.matchAll(ADDRESS)) {
      if (!TLDS.has(m[1]!)) continue;
      out.push({ start: m.index!, end: m.index! + m[0].length, address: m[0] });
    }
  }
  for (const m of text.matchAll(HOSTED_MAILBOX)) {
    const host = m[1] === "gmail" || m[1] === "outlook" || m[1] === "hotmail" || m[1] === "yahoo" ? `${m[1]}.com` : `${m[1]}.com`;
    out.push({ start: m.index!, end: m.index! + m[0].length, address: `${m[2]}@${host}` });
  }
  return out;
}
