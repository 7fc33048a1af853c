// Context scoring shared by the contact rules (Presidio's model: a candidate has a base score,
// words nearby raise or lower it). Windows are in characters so CJK and Latin text work alike.

/** The sentence-bounded text before `start` (at most `width` characters). */
export function before(text: string, start: number, width: number): string {
  const from = Math.max(0, start - width);
  const slice = text.slice(from, start);
  const cut = Math.max(slice.lastIndexOf("\n"), lastSentenceEnd(slice));
  return cut >= 0 ? slice.slice(cut + 1) : slice;
}

/** The sentence-bounded text after `end` (at most `width` characters). */
export function after(text: string, end: number, width: number): string {
  const slice = text.slice(end, end + width);
  const m = /[\n。！？!?]|\.(?:\s|$)/.exec(slice);
  return m ? slice.slice(0, m.index) : slice;
}

/** Words whose trailing period is an abbreviation, not the end of a sentence: "Order No. 123". */
const ABBREVIATION_BEFORE_DOT = /(?:^|[^a-z])(?:no|nos|tel|ref|fig|approx|mr|ms|mrs|dr|vol|art|p|pp|st|inc|ltd|co|corp|mob|ph|min|max|dia|qty|pcs|vs|etc|e\.g|i\.e)$/i;

function lastSentenceEnd(slice: string): number {
  let best = -1;
  for (const m of slice.matchAll(/[。！？!?]/g)) best = Math.max(best, m.index!);
  for (const m of slice.matchAll(/\.(?=\s)/g)) {
    if (!ABBREVIATION_BEFORE_DOT.test(slice.slice(0, m.index!))) best = Math.max(best, m.index!);
  }
  return best;
}

/** Contact verbs and labels, in the languages of the phrase packs (folded: lower-case, simplified). */
export const CONTACT_WORDS =
  /(?:\b(?:add|adding|contact|contacts? us|reach|reach out|message|msg|text|call|talk|chat|dm|pm|inbox|ping|ask|send|write|drop|find|follow|hit|connect|move|switch|continue|join|go|come|transfer|tel|phone|mobile|mob|cell|hotline)\b|加|联系|聊|私|找|咨询|沟通|添加|留言|私信|移步|转到|来|电话|手机|号码|热线|客服|请|\bcontact[oa]|\bllam|\bescr[ií]b|\bagr[eé]g|\bmensaje|\bfale|\bligue|\bcham[ae]|\bib\b|\bhubungi|\bwa aja|\bchat|\bcontactez|\bécri|\bappel|문의|연락|톡|напис|напиш|связ|свяж|звон|пиш|تواص|اتصل|راسل|연락|liên hệ|nhắn|ติดต่อ|แอด)/u;

/** Words that make a mention part of a product description rather than a contact offer. */
export const PRODUCT_CONTEXT =
  /\b(?:support(?:s|ed|ing)?|compatible|compatibility|works? with|install(?:ed)?|pre-?installed|apps?|video calls?|voice calls?|notifications?|feature[sd]?|function|runs?|built-in|sync|share to|sharing|integrat\w*|like|such as|including|plays?|live ?stream\w*|streaming|live(?!\s*[:：])|reels?|vlog\w*|selfies?|creators?|influencers?|content|profiles?)\b|支持|兼容|功能|通话|安装|内置|应用|软件|提醒|如|例如|等应用|直播|短视频|自拍|博主|поддерж|приложен|soporta|compatib\w*|suporta|compatível|llamadas|videollamadas|chamadas|appels?|звонк|يدعم|مكالمات|panggilan|cuộc gọi/u;

/** Declining to share a contact: the mention is a refusal, not an offer. */
export const REFUSAL_CONTEXT =
  /\b(?:can(?:not|'t)|could not|couldn't|do(?:es)? not|don't|doesn't|won't|will not|not allowed|unable|never|no need)\b[^.!?]{0,25}\b(?:share|give|add|provide|exchange|contact|use|ask(?: for)?|accept|continue|move|switch|communicate)\b|\b(?:is|are)(?: not|n't) (?:allowed|permitted)|\bnot (?:allowed|permitted) (?:here|on)|不能|不可以|不方便(?:加|给|留|提供|交换)|无法|不加|不提供|不允许|不支持站外|不交换|平台规定|请勿|不要|骗子|诈骗|谨防|警惕|冒充|不会(?:要求|让|请|主动|向)|不要求|绝不|从不|从来不|\b(?:nunca|jam[aá]s|jamais)\b[^.!?]{0,40}\b(?:ped\w*|solicit\w*|escrib\w*|escrev\w*|contact\w*|contat\w*|agreg\w*|adicion\w*|añad\w*|compart\w*|cham\w*)|\bscam|\bfraud|\bbeware|\bimpersonat/u;

/** Keeping the conversation on the platform: "please contact us through the platform chat". */
export const PLATFORM_CHANNEL =
  /\b(?:platform|alibaba(?:\.com)?|trade ?manager|on-?platform|in-?app|message ?center|order page)(?:'s)?(?:\s+\w+){0,2}\s+(?:chat|messag\w*|inbox|messenger)\b|\b(?:chat|message) (?:here|on (?:the )?platform)|平台(?:内)?(?:聊天|消息|沟通|客服)|站内(?:信|沟通|聊天)|旺旺|阿里旺旺/u;

/**
 * Text read from an image file (its metadata or OCR of what is drawn on it). Contacts there are
 * reported once, by `no-image-contact`, so the contact rules leave such fields to it.
 */
export function isImageText(field: { origin?: string }): boolean {
  return field.origin === "metadata" || field.origin === "ocr";
}
