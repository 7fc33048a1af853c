// Link candidates: linkify-it (fuzzy links, the full IANA TLD list) on the compact view, where
// `abc dot com`, `www。abc。com` and `abc .com` are already plain domains, then the false-positive
// guards of the research (Mr.Li, China.cn, 15.Pro, file names, version strings).

import { createRequire } from "node:module";
import { LinkifyIt } from "linkify-it";
import type { TextView } from "../../src/types.js";
import { findEmailCandidates } from "./emails.js";
import { memo } from "./memo.js";

const require = createRequire(import.meta.url);
const ALL_TLDS: string[] = require("tlds");

// fuzzyIP off: "192.168.1.1 router setting" is a manual, not a link; schemed IP URLs are still found.
const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: false, fuzzyIP: false });
linkify.tlds([...ALL_TLDS, "example", "test"], false);

/** Top-level domains shops and link pages commonly use: a bare domain on one of these is a link. */
const WEB_TLDS = new Set(
  "com net org cn top shop store site online xyz co io me vip info biz ly gl cc tv app link club asia pro ltd tech live life world hk tw us uk de ru in br es mx vn th my id ph sg jp kr au ca fr it ae sa tr pk eu ink art fun icu buzz cloud page website space example".split(" "),
);

/** File extensions that are also TLDs (manual.pdf is no link; design.ai, readme.md, photos.zip neither). */
const FILE_EXTENSIONS = new Set(
  "ai md zip mov rar psd pdf doc docx xls xlsx ppt pptx csv txt dwg dxf stl step stp igs iges jpg jpeg png gif webp svg eps cdr mp4 mp3 wav avi exe apk dmg py js ts json xml html htm sh bat bin hex gcode obj fbx 3ds skp max".split(" "),
);

/** Words before a dot that are abbreviations, not hosts: Mr.Li, Dr.Wang, No.5, Fig.2. */
const ABBREVIATIONS = new Set("mr ms mrs miss dr st no vol fig ref approx etc inc ltd co corp dept tel mob jr sr prof".split(" "));

/** Link shorteners and messenger deep links: always a way off the platform. */
export const SHORTENERS = new Set(
  "bit.ly t.cn tinyurl.com dwz.cn goo.gl ow.ly is.gd buff.ly rb.gy cutt.ly t.ly s.id shorturl.at v.gd tiny.cc url.cn suo.im dwz.lc reurl.cc lnkd.in".split(" "),
);
export const MESSENGER_LINKS: Record<string, string> = {
  "wa.me": "WhatsApp",
  "api.whatsapp.com": "WhatsApp",
  "chat.whatsapp.com": "WhatsApp",
  "t.me": "Telegram",
  "telegram.me": "Telegram",
  "m.me": "Messenger",
  "line.me": "LINE",
  "u.wechat.com": "WeChat",
  "weixin.qq.com": "WeChat",
  "qm.qq.com": "QQ",
  "zalo.me": "Zalo",
  "viber.me": "Viber",
  "join.skype.com": "Skype",
  "ig.me": "Instagram",
  "open.kakao.com": "KakaoTalk",
};

const LINK_SHAPED = /[a-z0-9-]\.[a-z]{2,}|:\/\//;

export type LinkKind = "shortener" | "messenger" | "url" | "domain";

export interface LinkCandidate {
  /** Range in the original text. */
  start: number;
  end: number;
  url: string;
  host: string;
  kind: LinkKind;
  messenger?: string;
}

/**
 * Links in a field: on the folded view (schemed URLs and IP addresses keep their dots there) and on
 * the compact view (where spelled-out and split links are plain). Ranges are original offsets.
 */
export function findLinks(views: { folded: TextView; compact: TextView }, original: string): LinkCandidate[] {
  return memo(views, "links", () => computeLinks(views, original));
}

function computeLinks(views: { folded: TextView; compact: TextView }, original: string): LinkCandidate[] {
  // The domain of an e-mail address (also a spelled-out one) is part of the e-mail, not a link.
  const emails = findEmailCandidates(views.compact).map((e) => views.compact.toOriginal(e.start, e.end));
  const found = [...linksInView(views.compact, original), ...linksInView(views.folded, original)].filter(
    (c) => !emails.some(([s, e]) => c.start < e && s < c.end),
  );
  return found.filter((c, i) => !found.some((o, j) => j !== i && o.start <= c.start && o.end >= c.end && (o.end - o.start > c.end - c.start || j < i)));
}

function linksInView(view: TextView, original: string): LinkCandidate[] {
  const text = view.text;
  // linkify's matcher is the costliest regex here: skip text with nothing link-shaped in it.
  if (!LINK_SHAPED.test(text)) return [];
  // linkify-it wants a boundary before a fuzzy host; CJK text and "：" glue onto it (官网：abc.com).
  // Blank them out in a same-length copy so match offsets stay view offsets.
  const scan = text.replace(/[^\x00-\x7f]/g, " ").replace(/:(?!\/\/)/g, " ");
  const matches = linkify.match(scan) ?? [];
  const out: LinkCandidate[] = [];
  for (const m of matches) {
    if (m.schema === "mailto:") continue;
    const host = hostOf(m.url);
    const candidate = classify(m.schema, m.raw, host);
    if (!candidate) continue;
    // Don't let a link swallow the e-mail it is part of (`sales@abc.com` is an e-mail).
    if (text[m.index - 1] === "@") continue;
    const [os, oe] = view.toOriginal(m.index, m.lastIndex);
    if (!candidate.scheme && isCapitalisedWordDomain(original.slice(os, oe), host)) continue;
    out.push({ start: os, end: oe, url: m.url, host, kind: candidate.kind, messenger: MESSENGER_LINKS[host] });
  }
  return out;
}

function hostOf(url: string): string {
  const withoutScheme = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  return withoutScheme.split(/[/?#:]/)[0]!.toLowerCase().replace(/^www\./, "");
}

function classify(schema: string, raw: string, host: string): { kind: LinkKind; scheme: boolean } | undefined {
  const scheme = schema !== "";
  const hasWww = /^www\./i.test(raw);
  const hasPath = /[/?#]/.test(raw.replace(/^[a-z]+:\/\//i, ""));
  if (SHORTENERS.has(host)) return { kind: "shortener", scheme };
  if (MESSENGER_LINKS[host]) return { kind: "messenger", scheme };
  if (scheme || hasWww) return { kind: "url", scheme: true };
  const labels = host.split(".");
  const tld = labels.at(-1)!;
  const name = labels.at(-2) ?? "";
  if (labels.slice(0, -1).every((l) => /^\d+$/.test(l))) return undefined; // 15.pro, 5.11
  if (ABBREVIATIONS.has(labels[0]!)) return undefined;
  if (FILE_EXTENSIONS.has(tld) && !hasPath) return undefined;
  if (name.length < 2 && !hasPath) return undefined;
  if (!WEB_TLDS.has(tld) && !hasPath) return undefined;
  return { kind: hasPath ? "url" : "domain", scheme: false };
}

/** "Made in China.cn", "Color.Red": a capitalised English word glued to a word by a period. */
function isCapitalisedWordDomain(originalRaw: string, host: string): boolean {
  const tld = host.split(".").at(-1)!;
  if (["com", "net", "org", "shop", "store", "top", "xyz", "site", "online"].includes(tld)) return false;
  return /^[A-Z]/.test(originalRaw.trim()) || /\.[A-Z]/.test(originalRaw);
}

/** Whether `host` is covered by an allow-list entry (`example.com` or `*.example.com`). */
export function hostAllowed(host: string, allow: readonly string[]): boolean {
  return allow.some((entry) => {
    const pattern = entry.toLowerCase().replace(/^https?:\/\//, "").replace(/\/.*$/, "");
    if (pattern.startsWith("*.")) {
      const base = pattern.slice(2);
      return host === base || host.endsWith("." + base);
    }
    return host === pattern || host.endsWith("." + pattern);
  });
}
