// HTML detail pages, and HTML inside a listing field (a CSV `description` cell holding `<p>…</p>`).
//
// A page becomes fields a rule can read: the text a buyer sees, the attributes that carry words or
// links (`href`, `src`, `alt`, `title`, meta description), comments, and text the page hides
// (inline `display:none`, white on white, `font-size:0`, `<input type=hidden>`). Hidden text is
// kept apart from the visible text because hiding a contact is itself the offence.
//
// Offsets: htmlparser2 reports where every text run, entity and attribute part starts in the
// source, so each decoded character is mapped back to its raw offset with an OffsetTextBuilder,
// and `mapBack` turns that into a file position (a LineMap for a page, the parent field's
// `position` for HTML inside a field). The work is one pass over the input.

import { Parser } from "htmlparser2";
import type { FieldOrigin, FieldText, Position, RawEdit, SourceInput, SourceReader, SourceRecord } from "../types.js";
import { LineMap, OffsetTextBuilder, VERBATIM_ESCAPER, placeEdit, type UnescapedText } from "./location.js";
import { readWholeText } from "./text-stream.js";
import { parseDirectives, parseDirectiveBody } from "../directives.js";

// ---------------------------------------------------------------------------
// Public API.

/** What a derived field holds: page text, a comment, hidden text, or an attribute value. */
export type HtmlPart = "text" | "comment" | "hidden" | "href" | "src" | "alt" | "title" | `meta.${string}`;

/** A field of an HTML text before it is placed in a file: offsets are into the HTML text. */
export interface HtmlPiece {
  part: HtmlPart;
  value: UnescapedText;
  origin?: FieldOrigin;
  hiddenBy?: string;
}

export const htmlReader: SourceReader = {
  extensions: [".html", ".htm"],
  // A detail page is part of a listing, not a reply template.
  kind: "listing",
  // A page is a file the seller keeps, like a template: fixed in place (text nodes only).
  fixes: "in-place",
  read: readHtml,
};

async function* readHtml(input: SourceInput): AsyncGenerator<SourceRecord> {
  const html = await readWholeText(input);
  const lines = new LineMap(html);
  const fields = extractHtmlPieces(html).map((piece) => {
    const field = fieldOfPiece(piece, piece.part, (offset) => lines.position(offset));
    if (isEditable(piece)) {
      field.rawEdit = (start, end, text) => {
        const placed = placeInHtml(piece, html, start, end, text);
        return placed && placeEdit({ text: html, rawOffsets: null }, 0, lines, VERBATIM_ESCAPER, placed.start, placed.end, placed.text);
      };
    }
    return field;
  });
  const record: SourceRecord = { index: 0, line: 1, fields };
  const directives = parseDirectives(html, "html");
  if (directives.length > 0) record.directives = directives;
  yield record;
}

// ---------------------------------------------------------------------------
// Fixes: only inside text nodes.

/** Text nodes (visible or hidden) can be edited; attributes (an `<input type=hidden>` value too) and comments cannot. */
function isEditable(piece: HtmlPiece): boolean {
  return (piece.part === "text" || (piece.part === "hidden" && piece.origin === "hidden" && piece.hiddenBy !== HIDDEN_INPUT)) && piece.value.rawOffsets !== null;
}

/** `&`, `<` and `>` as character references, so replacement text stays text. */
export function escapeHtmlText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

/**
 * Where replacing text range [start, end) of a text piece with `text` goes in the HTML: the raw
 * range and the escaped replacement. Null when the range crosses markup (a tag, a comment: the
 * rendered text joins what the markup separates) or ends inside a character reference.
 */
function placeInHtml(piece: HtmlPiece, html: string, start: number, end: number, text: string): { start: number; end: number; text: string } | null {
  const { text: value, rawOffsets } = piece.value;
  if (!rawOffsets || !(start >= 0 && start <= end && end <= value.length)) return null;
  const splits = (i: number) => i > 0 && i < value.length && rawOffsets[i] === rawOffsets[i - 1];
  if (splits(start) || splits(end)) return null;
  const rawStart = rawOffsets[start]!;
  let rawEnd = rawOffsets[end]!;
  // The next character may come after a closing tag (`<b>x</b> y`): the range ends before it.
  if (end > start) {
    const last = rawOffsets[end - 1]!;
    const tag = last < rawEnd ? html.slice(last, rawEnd).indexOf("<") : -1;
    if (tag !== -1) rawEnd = last + tag;
  }
  if (rawEnd < rawStart || html.slice(rawStart, rawEnd).includes("<")) return null;
  return { start: rawStart, end: rawEnd, text: escapeHtmlText(text) };
}

/**
 * The fields of an HTML text. `mapBack(offset)` is the file position of offset `offset` of `html`
 * (offsets 0..html.length); `name(part)` names each field (default: the part itself, `text`,
 * `href`, `hidden`…). Never throws on malformed HTML.
 */
export function extractHtmlFields(
  html: string,
  mapBack: (offset: number) => Position,
  name: (part: HtmlPart) => string = (part) => part,
): FieldText[] {
  return extractHtmlPieces(html).map((piece) => fieldOfPiece(piece, name(piece.part), mapBack));
}

/**
 * The derived fields of a field whose text looks like HTML, each mapped through the field's own
 * positions (so into the file's original characters, escapes and all), or null when it does not.
 * The visible text keeps the field's name; the others are `name.part` (`description.href`).
 */
export function htmlFieldsOf(field: FieldText): FieldText[] | null {
  if (!looksLikeHtml(field.text)) return null;
  const pieces = extractHtmlPieces(field.text);
  const fields = pieces.map((piece) => {
    const derived = fieldOfPiece(piece, piece.part === "text" ? field.name : `${field.name}.${piece.part}`, (offset) => field.position(offset));
    const parentEdit = field.rawEdit;
    if (parentEdit && isEditable(piece)) {
      // HTML in a CSV cell or JSON string: escaped as HTML here, then as the cell or string there.
      derived.rawEdit = (start: number, end: number, text: string): RawEdit | null => {
        const placed = placeInHtml(piece, field.text, start, end, text);
        return placed && parentEdit.call(field, placed.start, placed.end, placed.text);
      };
    }
    return derived;
  });
  for (const derived of fields) {
    if (field.cell !== undefined) derived.cell = field.cell;
    // Visible text inside, say, image metadata is still metadata.
    if (derived.origin === undefined && field.origin !== undefined) {
      derived.origin = field.origin;
      if (field.hiddenBy !== undefined) derived.hiddenBy = field.hiddenBy;
    }
  }
  return fields;
}

/** Names of tags that make a text HTML rather than prose with angle brackets. */
const TAG_NAMES =
  "a|abbr|b|big|blockquote|body|br|button|center|code|dd|del|div|dl|dt|em|figcaption|figure|font|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|ins|label|li|link|main|mark|meta|nav|noscript|ol|p|picture|pre|s|script|section|small|source|span|strike|strong|style|sub|sup|table|tbody|td|template|textarea|tfoot|th|thead|title|tr|u|ul|video";
/**
 * A closing tag, a bare tag (`<p>`, `<br/>`), or a tag with a `name=value` attribute. `a<b and c>d`
 * has no attribute value, so it stays prose. `[^<>=]*` cannot backtrack past the `=`, and no
 * part crosses a `<` or `>`, so the test stays linear.
 */
const HTML_TAG = new RegExp(`<(?:/(?:${TAG_NAMES})\\s*|(?:${TAG_NAMES})(?:\\s[^<>=]*=[^<>]*)?\\s*/?)>`, "i");

/**
 * Cheap test for HTML: a known tag written as a tag (`<p>`, `<br/>`, `<a href=…>`, `</div>`), a
 * comment, or a doctype. False for `size < 5cm > 3cm` and `a<b`.
 */
export function looksLikeHtml(text: string): boolean {
  if (!text.includes("<")) return false;
  if (HTML_TAG.test(text) || /<!doctype\s+html/i.test(text)) return true;
  const comment = text.indexOf("<!--");
  return comment !== -1 && text.includes("-->", comment + 4);
}

/** The pieces of an HTML text, with offsets into `html`; see `extractHtmlFields`. */
export function extractHtmlPieces(html: string): HtmlPiece[] {
  const collector = new HtmlCollector(html);
  try {
    new LocatingParser(collector).parseComplete(html);
  } catch {
    // htmlparser2 is lenient and should not throw; if it ever does (or the nesting is too deep),
    // lint the markup as plain text rather than lose the field.
    return html.trim() ? [{ part: "text", value: { text: html, rawOffsets: null } }] : [];
  }
  return collector.finish();
}

function fieldOfPiece(piece: HtmlPiece, name: string, mapBack: (offset: number) => Position): FieldText {
  const { text, rawOffsets } = piece.value;
  const field: FieldText = {
    name,
    text,
    position(offset: number): Position {
      const i = Math.max(0, Math.min(Math.trunc(offset) || 0, text.length));
      return mapBack(rawOffsets ? rawOffsets[i]! : i);
    },
  };
  if (piece.origin) field.origin = piece.origin;
  if (piece.hiddenBy) field.hiddenBy = piece.hiddenBy;
  return field;
}

// ---------------------------------------------------------------------------
// Rendered text: what a browser shows, with every character's raw offset.

/**
 * Collects text the way a browser lays it out: a whitespace run becomes one space, a block
 * boundary one line break and a table cell boundary one tab (each mapped to the tag that caused
 * it), and whitespace at the start, at the end and around a break is dropped. Inline tags add
 * nothing, so `<b>138</b>0013` stays joined.
 */
class RenderedText {
  private readonly out = new OffsetTextBuilder();
  private length = 0;
  /** Raw offset of a whitespace run not written yet (-1: none). */
  private pendingSpace = -1;
  /** Raw offset of a block or cell boundary not written yet (-1: none), and its separator. */
  private pendingBreak = -1;
  private breakChar: "\n" | "\t" = "\n";
  /** Raw offset just after the last character written. */
  private rawEnd = 0;

  /** Appends html[from, to); `preserve` keeps whitespace as is (`<pre>`, `<textarea>`). */
  addRaw(html: string, from: number, to: number, preserve: boolean): void {
    if (preserve) return this.addContent(html, from, to);
    let i = from;
    while (i < to) {
      let j = i;
      while (j < to && isHtmlSpace(html.charCodeAt(j))) j++;
      if (j > i) {
        this.space(i);
        i = j;
        continue;
      }
      while (j < to && !isHtmlSpace(html.charCodeAt(j))) j++;
      this.addContent(html, i, j);
      i = j;
    }
  }

  /** Appends a decoded character reference that spans html[rawStart, rawEnd). */
  addDecoded(char: string, rawStart: number, rawEnd: number, preserve: boolean): void {
    if (!preserve && char.length === 1 && isHtmlSpace(char.charCodeAt(0))) return this.space(rawStart);
    this.flushPending();
    this.out.append(char, rawStart);
    this.length += char.length;
    this.rawEnd = rawEnd;
  }

  /** A block element starts or ends at raw offset `offset`. */
  boundary(offset: number, separator: "\n" | "\t" = "\n"): void {
    if (this.length === 0) return;
    if (this.pendingBreak < 0) {
      this.pendingBreak = offset;
      this.breakChar = separator;
    } else if (separator === "\n") {
      this.breakChar = "\n"; // `</td></tr>`: the row ends, not just the cell
    }
  }

  finish(): UnescapedText | null {
    return this.length > 0 ? this.out.finish(this.rawEnd) : null;
  }

  private space(offset: number): void {
    if (this.length > 0 && this.pendingSpace < 0) this.pendingSpace = offset;
  }

  private addContent(html: string, from: number, to: number): void {
    if (to <= from) return;
    this.flushPending();
    this.out.appendVerbatim(html, from, to);
    this.length += to - from;
    this.rawEnd = to;
  }

  private flushPending(): void {
    if (this.pendingBreak >= 0) this.out.append(this.breakChar, this.pendingBreak);
    else if (this.pendingSpace >= 0) this.out.append(" ", this.pendingSpace);
    if (this.pendingBreak >= 0 || this.pendingSpace >= 0) this.length += 1;
    this.pendingBreak = -1;
    this.pendingSpace = -1;
  }
}

/** ASCII whitespace as HTML defines it (space, tab, LF, FF, CR). */
function isHtmlSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
}

// ---------------------------------------------------------------------------
// The parser: htmlparser2's Parser, told to report raw offsets.

/**
 * htmlparser2's Parser computes the element tree (implied closes, void elements); its tokenizer
 * callbacks, overridden here, carry the raw offsets of text, entities and attribute parts that
 * the decoded events lose.
 */
class LocatingParser extends Parser {
  constructor(private readonly collector: HtmlCollector) {
    super(collector.handler());
  }

  override ontext(start: number, endIndex: number): void {
    // An unterminated tag at the end of input (`</pa a</p`) comes back as text from a stale
    // section start (-1): a browser drops it, and its offsets point nowhere.
    if (start < 0 || endIndex <= start || endIndex > this.collector.html.length) return;
    this.collector.text(start, endIndex);
    super.ontext(start, endIndex);
  }

  override ontextentity(codePoint: number, endIndex: number): void {
    this.collector.textEntity(String.fromCodePoint(codePoint), endIndex);
    super.ontextentity(codePoint, endIndex);
  }

  override onopentagname(start: number, endIndex: number): void {
    this.collector.tagStart(start - 1);
    super.onopentagname(start, endIndex);
  }

  override onclosetag(start: number, endIndex: number): void {
    this.collector.tagStart(start - 2); // after "</"
    super.onclosetag(start, endIndex);
  }

  override onattribname(start: number, endIndex: number): void {
    this.collector.attributeName(endIndex);
    super.onattribname(start, endIndex);
  }

  override onattribdata(start: number, endIndex: number): void {
    this.collector.attributeData(start, endIndex);
    super.onattribdata(start, endIndex);
  }

  override onattribentity(codePoint: number): void {
    this.collector.attributeEntity(String.fromCodePoint(codePoint));
    super.onattribentity(codePoint);
  }

  override oncomment(start: number, endIndex: number, offset: number): void {
    this.collector.comment(start, endIndex - offset);
    super.oncomment(start, endIndex, offset);
  }

  override onend(): void {
    this.collector.tagStart(this.collector.html.length); // implied closes at the end of input
    super.onend();
  }
}

// ---------------------------------------------------------------------------
// The collector: element stack, visibility, and the pieces.

/** One open element and what it means for the text inside it. */
interface Frame {
  /** Text inside is not rendered at all (script, style). */
  excluded: boolean;
  /** Whitespace is kept (pre, textarea). */
  preserve: boolean;
  /** A reason no descendant can undo (display:none, opacity:0, the hidden attribute). */
  hardHidden: string | null;
  visibilityHidden: boolean;
  /** Set while the effective font size is (close to) zero: the declaration that made it so. */
  tinyFont: string | null;
  /** Effective text colour and background (inherited); `unknown` = an image or unparsed value. */
  color: Colour | null;
  background: Colour | "unknown" | null;
  hiddenBy: string | null;
  /** Where text inside goes: the visible text or a hidden group. */
  sink: RenderedText;
}

interface HiddenGroup {
  kind: "hidden-group";
  reason: string;
  sink: RenderedText;
}

/** Deepest element nesting parsed as HTML; deeper markup is linted as plain text (see `extractHtmlPieces`). */
const MAX_HTML_DEPTH = 4096;
/** Elements whose text is never shown (raw-text fallbacks included). */
const EXCLUDED = new Set(["script", "style", "iframe", "noembed", "noframes"]);
/** Elements whose content is not shown in a normal browser, as the hidden reason. */
const HIDDEN_CONTAINERS: Record<string, string> = { noscript: "noscript", template: "template" };
const PRESERVE_WHITESPACE = new Set(["pre", "textarea", "xmp", "plaintext", "listing"]);
/** Elements that start a new line of text. */
const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details",
  "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
  "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "legend", "li", "main", "nav", "ol",
  "option", "p", "pre", "section", "summary", "table", "tbody", "td", "textarea", "tfoot", "th",
  "thead", "title", "tr", "ul",
]);
/** Cells keep a row on one line (`Model<TAB>VB-750S`), so a label stays next to its value. */
const TABLE_CELLS = new Set(["td", "th"]);
/** The hidden reason of an `<input type=hidden>` value (an attribute, not text). */
const HIDDEN_INPUT = "input type=hidden";
/** Attributes whose values are fields. */
const TEXT_ATTRIBUTES = new Set(["href", "src", "alt", "title"]);
/** `tag attribute` pairs that load page machinery a buyer never reads or clicks. */
const RESOURCE_ATTRIBUTES = new Set(["link href", "base href", "script src"]);
/** `<meta name|property=…>` whose content is shown as the page's description. */
const META_NAMES = new Set(["description", "keywords", "og:title", "og:description"]);

class HtmlCollector {
  private readonly visible = new RenderedText();
  /** Non-text pieces and hidden groups, in document order. */
  private readonly pieces: Array<HtmlPiece | HiddenGroup> = [];
  private readonly stack: Frame[];
  /** Raw offset of the `<` of the tag being parsed. */
  private currentTagStart = 0;
  /** Attributes of the tag being parsed, first occurrence wins (as in the parser). */
  private attributes = new Map<string, UnescapedText>();
  /** The attribute value being read: its text so far and the raw offset just after it. */
  private attribute: { cursor: number; out: OffsetTextBuilder } | null = null;

  constructor(readonly html: string) {
    this.stack = [rootFrame(this.visible)];
  }

  /** Callbacks for the tree events (open/close with implied closes resolved). */
  handler() {
    return {
      onattribute: (name: string) => this.endAttribute(name),
      onopentag: (name: string) => this.open(name),
      onclosetag: (name: string) => this.close(name),
    };
  }

  tagStart(offset: number): void {
    this.currentTagStart = Math.max(0, offset);
    this.attributes = new Map();
  }

  text(start: number, end: number): void {
    const frame = this.top();
    if (!frame.excluded) frame.sink.addRaw(this.html, start, end, frame.preserve);
  }

  textEntity(char: string, end: number): void {
    const frame = this.top();
    // The reference ends at `end` and starts at its `&` (references contain no other `&`).
    const start = Math.max(0, this.html.lastIndexOf("&", end - 1));
    if (!frame.excluded) frame.sink.addDecoded(char, start, end, frame.preserve);
  }

  comment(start: number, end: number): void {
    const text = this.html.slice(start, end);
    if (!text.trim()) return;
    // An `offsite-lint-disable…` directive is not page text (its rule names would be linted);
    // its reason still is, since the comment ships with the page.
    const directive = parseDirectiveBody(text);
    if (directive) {
      const reason = directive.reason;
      if (reason) this.pieces.push({ part: "comment", value: verbatimAt(reason.text, start + reason.start), origin: "comment" });
      return;
    }
    this.pieces.push({ part: "comment", value: verbatimAt(text, start), origin: "comment" });
  }

  attributeName(nameEnd: number): void {
    this.attribute = { cursor: nameEnd, out: new OffsetTextBuilder() };
  }

  attributeData(start: number, end: number): void {
    if (!this.attribute) return;
    this.attribute.out.appendVerbatim(this.html, start, end);
    this.attribute.cursor = end;
  }

  attributeEntity(char: string): void {
    const attribute = this.attribute;
    if (!attribute) return;
    // Parts are reported in order with nothing between them but references, so this reference
    // starts at the first `&` after the previous part (the name, for the first).
    const start = this.html.indexOf("&", attribute.cursor);
    const at = start === -1 ? attribute.cursor : start;
    attribute.out.append(char, at);
    attribute.cursor = at + 1;
  }

  private endAttribute(name: string): void {
    const attribute = this.attribute;
    this.attribute = null;
    if (!attribute || this.attributes.has(name)) return;
    this.attributes.set(name, attribute.out.finish(attribute.cursor));
  }

  private open(name: string): void {
    // htmlparser2's element stack costs time quadratic in the nesting depth (200,000 nested
    // `<div>`s take minutes); no real page nests this deep, so such markup is read as plain text.
    if (this.stack.length > MAX_HTML_DEPTH) throw new RangeError(`HTML nested deeper than ${MAX_HTML_DEPTH} elements`);
    const parent = this.top();
    const attributes = this.attributes;
    this.attributes = new Map();
    const frame = childFrame(parent, name, attributes, {
      visible: this.visible,
      hidden: (reason) => this.hiddenSink(parent, reason),
    });
    this.stack.push(frame);
    if (BLOCK.has(name)) blockBoundary(name, parent, frame, this.currentTagStart);
    if (!parent.excluded) this.collectAttributes(name, attributes);
  }

  private close(name: string): void {
    if (this.stack.length <= 1) return;
    const frame = this.stack.pop()!;
    if (BLOCK.has(name) && name !== "br") blockBoundary(name, this.top(), frame, this.currentTagStart);
  }

  /** The sink for text hidden for `reason`: the parent's group when it hides for the same reason. */
  private hiddenSink(parent: Frame, reason: string): RenderedText {
    if (parent.hiddenBy === reason) return parent.sink;
    const group: HiddenGroup = { kind: "hidden-group", reason, sink: new RenderedText() };
    this.pieces.push(group);
    return group.sink;
  }

  private collectAttributes(tag: string, attributes: Map<string, UnescapedText>): void {
    for (const [name, value] of attributes) {
      if (!TEXT_ATTRIBUTES.has(name) || RESOURCE_ATTRIBUTES.has(`${tag} ${name}`)) continue;
      this.addAttribute(name as HtmlPart, value, "attribute");
    }
    if (tag === "meta") {
      const metaName = (attributes.get("name") ?? attributes.get("property"))?.text.trim().toLowerCase();
      const content = attributes.get("content");
      if (metaName && content && META_NAMES.has(metaName)) this.addAttribute(`meta.${metaName}`, content, "attribute");
    }
    if (tag === "input" && attributes.get("type")?.text.trim().toLowerCase() === "hidden") {
      const value = attributes.get("value");
      if (value) this.addAttribute("hidden", value, "hidden", HIDDEN_INPUT);
    }
  }

  private addAttribute(part: HtmlPart, value: UnescapedText, origin: FieldOrigin, hiddenBy?: string): void {
    if (!value.text.trim()) return;
    this.pieces.push(hiddenBy ? { part, value, origin, hiddenBy } : { part, value, origin });
  }

  private top(): Frame {
    return this.stack[this.stack.length - 1]!;
  }

  finish(): HtmlPiece[] {
    const result: HtmlPiece[] = [];
    const text = this.visible.finish();
    if (text) result.push({ part: "text", value: text });
    for (const piece of this.pieces) {
      if (!("kind" in piece)) {
        result.push(piece);
        continue;
      }
      const hidden = piece.sink.finish();
      if (hidden) result.push({ part: "hidden", value: hidden, origin: "hidden", hiddenBy: piece.reason });
    }
    return result;
  }
}

/**
 * A block element starts or ends: a separator in the text around it and in the text inside it
 * (they differ when one of them is hidden). A block never joins the text before and after it.
 */
function blockBoundary(name: string, parent: Frame, frame: Frame, offset: number): void {
  const separator = TABLE_CELLS.has(name) ? "\t" : "\n";
  frame.sink.boundary(offset, separator);
  if (parent.sink !== frame.sink) parent.sink.boundary(offset, separator);
}

/** `text` found verbatim at raw offset `start`. */
function verbatimAt(text: string, start: number): UnescapedText {
  const rawOffsets = new Int32Array(text.length + 1);
  for (let i = 0; i <= text.length; i++) rawOffsets[i] = start + i;
  return { text, rawOffsets };
}

function rootFrame(visible: RenderedText): Frame {
  return {
    excluded: false,
    preserve: false,
    hardHidden: null,
    visibilityHidden: false,
    tinyFont: null,
    color: null,
    background: null,
    hiddenBy: null,
    sink: visible,
  };
}

/**
 * The frame of element `name` under `parent`: inherits what CSS inherits, applies the element's
 * inline style and legacy colour attributes, and decides whether its text is hidden and why.
 */
function childFrame(
  parent: Frame,
  name: string,
  attributes: Map<string, UnescapedText>,
  sinks: { visible: RenderedText; hidden: (reason: string) => RenderedText },
): Frame {
  const style = parseInlineStyle(attributes.get("style")?.text ?? "");
  const frame: Frame = {
    ...parent,
    excluded: parent.excluded || EXCLUDED.has(name),
    preserve: parent.preserve || PRESERVE_WHITESPACE.has(name),
    hardHidden: parent.hardHidden ?? hardHiddenReason(name, attributes, style),
    visibilityHidden: visibilityOf(style.get("visibility"), parent.visibilityHidden),
    tinyFont: tinyFontOf(style.get("font-size"), parent.tinyFont),
    color: declaredColour(style, attributes, name) ?? parent.color,
    background: declaredBackground(style, attributes, parent.background),
  };
  frame.hiddenBy = hiddenReason(frame);
  // A child can show again inside a hidden parent (`font-size:0` reset by `font-size:14px`).
  frame.sink = frame.hiddenBy === null ? sinks.visible : sinks.hidden(frame.hiddenBy);
  return frame;
}

function hiddenReason(frame: Frame): string | null {
  if (frame.hardHidden) return frame.hardHidden;
  if (frame.visibilityHidden) return "visibility:hidden";
  if (frame.tinyFont) return frame.tinyFont;
  return colourReason(frame.color, frame.background);
}

// ---------------------------------------------------------------------------
// Inline CSS: just enough to tell hidden text from visible text.

/** `prop: value; …` → lower-case property → trimmed value without `!important`. */
export function parseInlineStyle(style: string): Map<string, string> {
  const declarations = new Map<string, string>();
  if (!style) return declarations;
  for (const declaration of stripCssComments(style).split(";")) {
    const colon = declaration.indexOf(":");
    if (colon === -1) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration
      .slice(colon + 1)
      .replace(/!\s*important\s*$/i, "")
      .trim()
      .toLowerCase();
    if (property && value) declarations.set(property, value);
  }
  return declarations;
}

function stripCssComments(css: string): string {
  if (!css.includes("/*")) return css;
  const parts: string[] = [];
  let from = 0;
  for (let open = css.indexOf("/*"); open !== -1; open = css.indexOf("/*", from)) {
    parts.push(css.slice(from, open));
    const close = css.indexOf("*/", open + 2);
    from = close === -1 ? css.length : close + 2;
  }
  parts.push(css.slice(from));
  return parts.join(" ");
}

/** Reasons an element and everything in it is hidden, whatever its descendants declare. */
function hardHiddenReason(name: string, attributes: Map<string, UnescapedText>, style: Map<string, string>): string | null {
  const display = style.get("display");
  if (display === "none") return "display:none";
  // `hidden` is a UA `display:none`, which an inline display overrides.
  if (attributes.has("hidden") && display === undefined) return "hidden attribute";
  const opacity = style.get("opacity");
  if (opacity !== undefined && parseFloat(opacity) === 0) return "opacity:0";
  if (isOffScreen(style)) return "off-screen";
  if (isCollapsedBox(style)) return "size:0";
  return HIDDEN_CONTAINERS[name] ?? null;
}

/** `text-indent:-9999px`, `left:-10000px`: moved out of the viewport. */
function isOffScreen(style: Map<string, string>): boolean {
  for (const property of ["text-indent", "left", "top", "margin-left", "margin-top"]) {
    const value = style.get(property);
    if (!value) continue;
    const match = /^(-\d+(?:\.\d+)?)(px|pt|em|rem|vw|vh)?$/.exec(value);
    if (!match) continue;
    const amount = parseFloat(match[1]!);
    const unit = match[2] ?? "px";
    if (amount <= (unit === "px" || unit === "pt" ? -999 : -50)) return true;
  }
  return false;
}

/** `height:0; overflow:hidden` and the like: a box with no room to show its text. */
function isCollapsedBox(style: Map<string, string>): boolean {
  if (style.get("overflow") !== "hidden") return false;
  return ["height", "width", "max-height", "max-width"].some((property) => {
    const value = style.get(property);
    return value !== undefined && /^0(?:\.0+)?(?:px|em|rem|%)?$/.test(value);
  });
}

function visibilityOf(value: string | undefined, inherited: boolean): boolean {
  if (value === "hidden" || value === "collapse") return true;
  if (value === "visible") return false;
  return inherited;
}

/**
 * The effective "too small to read" state after a `font-size` declaration: zero (or 1px) hides,
 * an absolute size shows again (the `font-size:0` container trick for inline-block gaps), a
 * relative one (`1em`, `100%`) scales what it inherits, so zero stays zero.
 */
function tinyFontOf(value: string | undefined, inherited: string | null): string | null {
  if (value === undefined) return inherited;
  const match = /^(\d*\.?\d+)([a-z%]*)$/.exec(value);
  if (!match) return /^(?:inherit|smaller|larger)$/.test(value) ? inherited : null;
  const amount = parseFloat(match[1]!);
  const unit = match[2] ?? "";
  if (amount === 0) return `font-size:${value}`;
  if (unit === "em" || unit === "%" || unit === "ex" || unit === "ch") return inherited;
  if ((unit === "px" || unit === "pt") && amount <= 1) return `font-size:${value}`;
  return null;
}

/** A CSS colour as RGB, with the text it was written as (for the hidden reason). */
interface Colour {
  declared: string;
  rgb: [number, number, number] | null;
  transparent: boolean;
}

const NAMED_COLOURS: Record<string, [number, number, number]> = {
  white: [255, 255, 255],
  black: [0, 0, 0],
  red: [255, 0, 0],
  green: [0, 128, 0],
  blue: [0, 0, 255],
  yellow: [255, 255, 0],
  gray: [128, 128, 128],
  grey: [128, 128, 128],
  silver: [192, 192, 192],
  whitesmoke: [245, 245, 245],
  snow: [255, 250, 250],
  ivory: [255, 255, 240],
  orange: [255, 165, 0],
  navy: [0, 0, 128],
};

/** A colour value (`#fff`, `#ffffff`, `rgb(255, 255, 255)`, `white`, `transparent`), or null. */
function parseColour(value: string): Colour | null {
  const text = value.trim().toLowerCase();
  if (text === "transparent") return { declared: text, rgb: null, transparent: true };
  const named = NAMED_COLOURS[text];
  if (named) return { declared: text, rgb: named, transparent: false };
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(text)?.[1];
  if (hex) {
    const full = hex.length <= 4 ? [...hex].map((c) => c + c).join("") : hex;
    const alpha = full.length === 8 ? parseInt(full.slice(6, 8), 16) : 255;
    const rgb: [number, number, number] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
    return { declared: text, rgb: alpha === 0 ? null : rgb, transparent: alpha === 0 };
  }
  const functional = /^rgba?\(([^)]*)\)$/.exec(text)?.[1];
  if (functional) {
    const parts = functional.split(/[\s,/]+/).filter(Boolean);
    if (parts.length < 3) return null;
    const channel = (part: string) => (part.endsWith("%") ? (parseFloat(part) * 255) / 100 : parseFloat(part));
    const rgb = parts.slice(0, 3).map(channel) as [number, number, number];
    if (rgb.some(Number.isNaN)) return null;
    const alpha = parts[3] === undefined ? 1 : parseFloat(parts[3]);
    return { declared: text, rgb: alpha === 0 ? null : rgb, transparent: alpha === 0 };
  }
  return null;
}

/** The text colour an element declares: inline `color`, or `<font color>`. */
function declaredColour(style: Map<string, string>, attributes: Map<string, UnescapedText>, name: string): Colour | null {
  const value = style.get("color") ?? (name === "font" ? attributes.get("color")?.text : undefined);
  return value === undefined ? null : parseColour(value);
}

/**
 * The background after an element's declarations: `background-color`, the colour in a
 * `background` shorthand, or the legacy `bgcolor`. An image or gradient makes it unknown (text on
 * a picture cannot be judged); a transparent background shows the parent's.
 */
function declaredBackground(
  style: Map<string, string>,
  attributes: Map<string, UnescapedText>,
  inherited: Colour | "unknown" | null,
): Colour | "unknown" | null {
  const image = style.get("background-image");
  const shorthand = style.get("background");
  if ((image && image !== "none") || (shorthand && /url\(|gradient\(/.test(shorthand))) return "unknown";
  const value = style.get("background-color") ?? shorthand ?? attributes.get("bgcolor")?.text;
  if (value === undefined) return inherited;
  const colour = parseColour(value) ?? colourInShorthand(value);
  if (!colour) return "unknown";
  return colour.transparent ? inherited : colour;
}

/** The first colour among the words of a `background` shorthand (`#fff no-repeat`). */
function colourInShorthand(value: string): Colour | null {
  for (const token of value.match(/rgba?\([^)]*\)|#[0-9a-f]+|[a-z]+/gi) ?? []) {
    const colour = parseColour(token);
    if (colour) return colour;
  }
  return null;
}

/** How close two colours may be and still read as the same (`#fefefe` on `#fff`). */
const SAME_COLOUR_TOLERANCE = 8;
/** A page without a declared background is white: detail-page editors keep inline styles only. */
const DEFAULT_BACKGROUND: Colour = { declared: "white page", rgb: [255, 255, 255], transparent: false };

function colourReason(color: Colour | null, background: Colour | "unknown" | null): string | null {
  if (!color) return null;
  if (color.transparent) return "color:transparent";
  if (background === "unknown" || !color.rgb) return null;
  const against = background ?? DEFAULT_BACKGROUND;
  if (!against.rgb) return null;
  const close = color.rgb.every((channel, i) => Math.abs(channel - against.rgb![i]!) <= SAME_COLOUR_TOLERANCE);
  return close ? `color:${color.declared} on ${against.declared}` : null;
}
