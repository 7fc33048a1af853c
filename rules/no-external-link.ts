// no-external-link: URLs, bare domains, short links and links spelled out to dodge filters.
import type { Rule } from "../src/types.js";
import { findLinks, hostAllowed } from "./utils/links.js";
import { appNameZh } from "./utils/messengers.js";
import { bi, docsUrl } from "./utils/meta.js";
import { isImageText } from "./utils/context.js";
import { mayHoldAddress } from "./utils/triggers.js";
import { PLATFORM_CHAT, removalFix, sentenceFix } from "../src/text/fixes.js";

/** The platforms' own domains: linking there keeps the buyer on the platform. */
export const PLATFORM_DOMAINS = [
  "alibaba.com", "alibaba.com.cn", "alicdn.com", "1688.com", "aliexpress.com", "aliexpress.us", "taobao.com", "tmall.com",
  "alipay.com", "douyin.com", "xiaohongshu.com", "tiktok.com", "shopee.com", "lazada.com", "amazon.com", "ebay.com",
];

/** "link in bio", "主页有链接": the link is one tap away in the profile. */
const LINK_ROUTE = /\blink (?:is )?in (?:my |our |the )?bio\b|\b(?:bio|profile) link\b|(?:主页|简介|签名)(?:里|中|上)?(?:有|放了?)?(?:购买)?链接|链接(?:在|见)(?:主页|简介|签名)/gu;

/** "search 'Brand' on Google", "百度搜索 XX官网": the address given as a search instead of a link. */
const SEARCH_ROUTE =
  /\b(?:search|google|look up|find)\s+(?:for\s+)?(?:us\s+)?["'“‘][^"'”’\n]{2,40}["'”’]\s*(?:on|in|via)\s+(?:google|bing|baidu|yandex|naver)\b|\b(?:google|search)\s+(?:for\s+)?["'“‘]?[^"'”’\n.]{2,30}?\s+official\s+(?:site|website|store|shop)\b|(?:百度|谷歌|google)?(?:搜索|搜一下|搜)\s*[「“"']?[^」”"'\s，。]{2,20}?[」”"']?\s*(?:官网|官方网站|官方商城|独立站)/giu;

/** A word every SEARCH_ROUTE match holds: tested first, as the route's optional lead-in makes V8
 * try it at every position of every field (~5 µs a row). */
const SEARCH_WORD = /search|google|look up|find|搜/iu;

/** 淘口令-style share tokens (￥AbC123xYz￥) and "copy this and open App X" blocks. */
const SHARE_TOKEN = /[￥¥$€₤]\s?[a-z0-9]{8,16}\s?[￥¥$€₤]|(?:复制|copy)[^\n。！!]{0,12}(?:打开|open)[^\n。！!]{0,8}(?:淘宝|天猫|抖音|拼多多|京东|小红书|快手|闲鱼|taobao|tiktok|douyin|pinduoduo|jd)/giu;

const rule: Rule = {
  meta: {
    id: "no-external-link",
    category: "link",
    defaultSeverity: "error",
    description: bi(
      "Links and domains that lead off the platform: URLs, bare domains, short links, messenger links, links spelled out (abc dot com, www。abc。com)",
      "引导离开平台的链接：网址、裸域名、短链接、聊天工具链接、拆写的链接（abc dot com、www。abc。com）",
    ),
    docs: {
      url: docsUrl("no-external-link"),
      why: bi(
        "Independent-site links in product descriptions are forbidden on Alibaba.com, including short links and watermarks; crawlers find click-to-jump links too. TikTok Shop, Amazon, eBay and Shopee ban links that lead buyers to order elsewhere.",
        "阿里国际站禁止在商品详情中放独立站链接（包括短链接、图片水印），“点击跳转”也会被爬虫识别。TikTok Shop、Amazon、eBay、Shopee 同样禁止引导买家站外下单的链接。",
      ),
      fix: bi(
        "Remove the link. Alibaba.com allows the official website only on the company-introduction page; you may say you have a brand website without giving the address.",
        "删除链接。阿里国际站只允许在公司介绍页放官网；可以说明有品牌官网，但不要写出网址。",
      ),
    },
    messages: {
      link: bi('Link that leads off the platform: "{text}"', "引导站外的链接：「{text}」"),
      shortener: bi('Short link hides where it leads: "{text}"', "短链接隐藏了真实去向：「{text}」"),
      messenger: bi('{app} chat link: "{text}"', "{appZh} 聊天链接：「{text}」"),
      disguised: bi('Link spelled out to dodge filters: "{text}"', "拆写以躲避审核的链接：「{text}」"),
      route: bi('Points the buyer to a link in the profile/bio: "{text}"', "引导买家去主页/简介里的链接：「{text}」"),
      search: bi('Sends the buyer to a search engine to find the shop: "{text}"', "引导买家用搜索引擎找到站外店铺：「{text}」"),
      shareToken: bi('Another app\'s share token (口令) that opens a listing elsewhere: "{text}"', "其他平台的分享口令，会打开站外商品：「{text}」"),
    },
    schema: {
      type: "object",
      properties: {
        allow: { type: "array", items: { type: "string" }, description: "Allowed domains (example.com or *.example.com)" },
      },
      additionalProperties: false,
    },
    fixable: "code",
    hasSuggestions: true,
    replacement: PLATFORM_CHAT,
  },
  check(context) {
    if (isImageText(context.field)) return; // no-image-contact reports contacts read from images
    const allow = [...PLATFORM_DOMAINS, ...((context.options.allow as string[] | undefined) ?? [])];
    for (const link of findLinks(context.views, context.field.text)) {
      if (hostAllowed(link.host, allow)) continue;
      const { start, end } = link;
      const original = context.field.text.slice(start, end);
      const spelledOut = original.replace(/\s+/g, "").toLowerCase() !== link.url.replace(/^https?:\/\//, "").toLowerCase() &&
        /dot|点|點|。|\s\.|\.\s|punto|ponto|\[|\(|（|【/i.test(original);
      const messageId = link.kind === "messenger" ? "messenger" : link.kind === "shortener" ? "shortener" : spelledOut ? "disguised" : "link";
      const confidence = link.kind === "domain" && !spelledOut ? 0.8 : 0.95;
      const edits = removalFix(context.field.text, start, end, confidence);
      context.report({ start, end, messageId, data: { text: original, app: link.messenger ?? "", appZh: appNameZh(link.messenger ?? "") }, confidence, ...edits });
    }
    const folded = context.views.folded;
    const routes = [
      [LINK_ROUTE, "route", 0.8],
      [SHARE_TOKEN, "shareToken", 0.85],
      [SEARCH_ROUTE, "search", 0.7],
    ] as const;
    for (const [pattern, messageId, confidence] of routes) {
      for (const m of folded.text.matchAll(pattern)) {
        const [start, end] = folded.toOriginal(m.index!, m.index! + m[0].length);
        // A share token is a value to cut out; a route ("link in bio") is a sentence to reword.
        const edits = messageId === "shareToken"
          ? removalFix(context.field.text, start, end, confidence)
          : sentenceFix(context.field.text, start, end, PLATFORM_CHAT, { confidence });
        context.report({ start, end, messageId, data: { text: context.field.text.slice(start, end) }, confidence, ...edits });
      }
    }
  },
  mayReport: ({ views }) =>
    mayHoldAddress(views.folded) ||
    [LINK_ROUTE, SHARE_TOKEN].some((route) => views.folded.text.search(route) >= 0) ||
    (SEARCH_WORD.test(views.folded.text) && views.folded.text.search(SEARCH_ROUTE) >= 0),
};

export default rule;
