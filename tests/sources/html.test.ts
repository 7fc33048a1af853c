import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  extractHtmlFields,
  extractHtmlPieces,
  htmlFieldsOf,
  htmlReader,
  looksLikeHtml,
} from "../../src/sources/html.js";
import { LineMap, createFieldText, unescapeJsonString } from "../../src/sources/location.js";
import type { FieldText, SourceRecord } from "../../src/types.js";
import { encode, field, fileInput, filePositionOf, makeTempDir, positionOf, writeFixture } from "./helpers.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir()));
afterAll(() => cleanup());

/** The fields of `html` as a page: positions are line/column in `html`. */
function pageFields(html: string): FieldText[] {
  const lines = new LineMap(html);
  return extractHtmlFields(html, (offset) => lines.position(offset));
}

function fieldsNamed(fields: FieldText[], name: string): FieldText[] {
  return fields.filter((f) => f.name === name);
}

function only(fields: FieldText[], name: string): FieldText {
  const found = fieldsNamed(fields, name);
  if (found.length !== 1) throw new Error(`${found.length} fields "${name}" in ${JSON.stringify(fields.map((f) => f.name))}`);
  return found[0]!;
}

function textOf(html: string): string {
  return fieldsNamed(pageFields(html), "text")[0]?.text ?? "";
}

/** The hidden fields of `html` as [text, hiddenBy]. */
function hiddenOf(html: string): Array<[string, string | undefined]> {
  return fieldsNamed(pageFields(html), "hidden").map((f) => [f.text, f.hiddenBy]);
}

async function readPage(path: string, encoding?: string): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  for await (const record of htmlReader.read(fileInput(path, encoding))) records.push(record);
  return records;
}

describe("html: visible text", () => {
  it("decodes entities, mapping each decoded character to the start of its reference", () => {
    const html = "<p>Tom &amp; Jerry&nbsp;mugs, &#x5FAE;&#20449; &#x1F600;ok</p>";
    const text = only(pageFields(html), "text");
    expect(text.text).toBe("Tom & Jerry\u00a0mugs, 微信 \u{1F600}ok");
    expect(positionOf(text, "&")).toEqual(filePositionOf(html, "&amp;"));
    expect(positionOf(text, "\u00a0")).toEqual(filePositionOf(html, "&nbsp;"));
    expect(positionOf(text, "微")).toEqual(filePositionOf(html, "&#x5FAE;"));
    expect(positionOf(text, "信")).toEqual(filePositionOf(html, "&#20449;"));
    // Both UTF-16 halves of an astral character map to its reference.
    const emoji = text.text.indexOf("\u{1F600}");
    expect(text.position(emoji + 1)).toEqual(filePositionOf(html, "&#x1F600;"));
    expect(positionOf(text, "ok")).toEqual(filePositionOf(html, "ok"));
    expect(text.position(text.text.length)).toEqual(filePositionOf(html, "</p>"));
  });

  it("joins a number split across inline tags, each digit mapped to its own character", () => {
    const html = [
      "<div class=\"contact\">",
      "  <p>Call <b>138</b>0013<span class=\"x\">8000</span>",
      "  today</p>",
      "</div>",
    ].join("\n");
    const text = only(pageFields(html), "text");
    expect(text.text).toBe("Call 13800138000 today");
    const start = text.text.indexOf("13800138000");
    expect(text.position(start)).toEqual({ line: 2, column: 14 });
    expect(text.position(start)).toEqual(filePositionOf(html, "138"));
    expect(text.position(start + 3)).toEqual(filePositionOf(html, "0013"));
    expect(text.position(start + 7)).toEqual(filePositionOf(html, "8000"));
    expect(text.position(start + 10)).toEqual({ line: 2, column: filePositionOf(html, "8000").column + 3 });
    // The space that stands for the line break and indentation maps to where that whitespace
    // starts, which is also where the number's range ends (after the closing tag).
    expect(text.position(start + 11)).toEqual(filePositionOf(html, "\n  today"));
  });

  it("puts a line break at block boundaries, mapped to the tag, and collapses whitespace", () => {
    const html = "<h1>Bottle</h1>\n  <p>Keeps   cold\n\t24 h</p><ul><li>one<li>two</ul>a<br>b<table><tr><td>Model</td><td>VB-750S</td></tr></table>";
    const text = only(pageFields(html), "text");
    expect(text.text).toBe("Bottle\nKeeps cold 24 h\none\ntwo\na\nb\nModel\tVB-750S");
    expect(text.position(text.text.indexOf("\n"))).toEqual(filePositionOf(html, "</h1>"));
    expect(text.position(text.text.indexOf("\nb"))).toEqual(filePositionOf(html, "<br>"));
  });

  it("keeps a table row on one line, cells separated by tabs", () => {
    const html = "<table>\n<tr><th>Model</th><td>VB-750S</td></tr>\n<tr><th>HS code</th>\n<td> 8517130000 </td></tr></table>";
    const text = only(pageFields(html), "text");
    expect(text.text).toBe("Model\tVB-750S\nHS code\t8517130000");
    expect(text.position(text.text.indexOf("\t"))).toEqual(filePositionOf(html, "</th>"));
  });

  it("keeps whitespace inside <pre>", () => {
    expect(textOf("<p>Sizes:</p><pre>S  36\nM  38</pre>")).toBe("Sizes:\nS  36\nM  38");
  });

  it("leaves out script and style content, and keeps the title", () => {
    const html =
      "<html><head><title>Lamp</title><style>p::after{content:'wechat: abc'}</style>" +
      '<script>var phone = "13800138000"; document.write("<p>x</p>");</script></head>' +
      "<body><p>Desk lamp</p><script type=\"application/ld+json\">{\"tel\":\"1\"}</script></body></html>";
    expect(textOf(html)).toBe("Lamp\nDesk lamp");
  });

  it("gives no text field when there is no text", () => {
    expect(pageFields("<html><body>  <img src=a.jpg>  </body></html>").map((f) => f.name)).toEqual(["src"]);
  });

  it("drops an unterminated tag at the end of input, as a browser does (found by fuzzing)", () => {
    // htmlparser2 hands `</pa a</p` back as text from offset -1: it must not become page text.
    const html = '<img alt="13800138000"><p>x</pa a</p';
    expect(textOf(html)).toBe("x");
    expect(only(pageFields(html), "alt").text).toBe("13800138000");
  });
});

describe("html: attributes, comments and meta", () => {
  const html = [
    "<head><meta name=\"description\" content=\"Steel bottle, OEM logo\">",
    '<link rel="stylesheet" href="https://cdn.example.com/site.css"><script src="https://cdn.example.com/app.js"></script></head>',
    '<p>See <a href="https://shop.example.com/?a=1&amp;b=2" title=\'Our &quot;shop&quot;\'>our shop</a>',
    "<img src=img/front.jpg alt=\"Front view &amp; box\"></p>",
    "<!-- sales: ask for the factory price -->",
  ].join("\n");
  const fields = pageFields(html);

  it("makes one field per href, src, alt and title, with the attribute origin", () => {
    expect(fields.map((f) => [f.name, f.text, f.origin])).toEqual([
      ["text", "See our shop", undefined],
      ["meta.description", "Steel bottle, OEM logo", "attribute"],
      ["href", "https://shop.example.com/?a=1&b=2", "attribute"],
      ["title", 'Our "shop"', "attribute"],
      ["src", "img/front.jpg", "attribute"],
      ["alt", "Front view & box", "attribute"],
      ["comment", " sales: ask for the factory price ", "comment"],
    ]);
  });

  it("positions attribute values inside the quotes, through entities, and unquoted values", () => {
    const href = only(fields, "href");
    expect(href.position(0)).toEqual(filePositionOf(html, "https://shop"));
    expect(positionOf(href, "&")).toEqual(filePositionOf(html, "&amp;b=2"));
    expect(positionOf(href, "b=2")).toEqual(filePositionOf(html, "b=2"));
    expect(href.position(href.text.length)).toEqual({ line: 3, column: filePositionOf(html, "b=2").column + 3 });
    const title = only(fields, "title");
    expect(positionOf(title, '"')).toEqual(filePositionOf(html, "&quot;"));
    expect(positionOf(title, '"', 2)).toEqual(filePositionOf(html, "&quot;", 2));
    expect(only(fields, "src").position(0)).toEqual(filePositionOf(html, "img/front.jpg"));
    expect(positionOf(only(fields, "alt"), "box")).toEqual(filePositionOf(html, "box"));
    expect(only(fields, "meta.description").position(0)).toEqual(filePositionOf(html, "Steel"));
  });

  it("positions comment text in the comment", () => {
    const comment = only(fields, "comment");
    expect(positionOf(comment, "factory")).toEqual(filePositionOf(html, "factory"));
    expect(comment.position(0)).toEqual({ line: 5, column: 5 });
  });

  it("skips empty attribute values and empty comments", () => {
    expect(pageFields('<img alt="" src=" "><!--   --><a href>x</a>').map((f) => f.name)).toEqual(["text"]);
  });

  it("reads an attribute value that starts with a reference", () => {
    const page = '<img alt="&lt;new&gt; &amp;lamp">';
    const alt = only(pageFields(page), "alt");
    expect(alt.text).toBe("<new> &lamp");
    expect(alt.position(0)).toEqual(filePositionOf(page, "&lt;"));
    expect(positionOf(alt, ">")).toEqual(filePositionOf(page, "&gt;"));
    expect(positionOf(alt, "&")).toEqual(filePositionOf(page, "&amp;"));
    expect(positionOf(alt, "lamp")).toEqual(filePositionOf(page, "lamp"));
  });
});

describe("html: hidden text", () => {
  it.each([
    ['<div style="display:none">X</div>', "display:none"],
    ['<div style="DISPLAY: none !important">X</div>', "display:none"],
    ['<span style="visibility:hidden">X</span>', "visibility:hidden"],
    ['<span style="font-size:0">X</span>', "font-size:0"],
    ['<span style="font-size: 0px">X</span>', "font-size:0px"],
    ['<span style="opacity:0">X</span>', "opacity:0"],
    ['<span style="opacity:0.0">X</span>', "opacity:0"],
    ['<p style="color:#fff;background:#fff">X</p>', "color:#fff on #fff"],
    ['<div style="background-color:#FFFFFF"><p><span style="color: white">X</span></p></div>', "color:white on #ffffff"],
    ['<div style="background: rgb(0, 0, 0) no-repeat"><b style="color:#000000">X</b></div>', "color:#000000 on rgb(0, 0, 0)"],
    ['<p style="color:#fefefe">X</p>', "color:#fefefe on white page"],
    ['<table bgcolor="#336699"><tr><td><font color="#336699">X</font></td></tr></table>', "color:#336699 on #336699"],
    ['<span style="color:transparent">X</span>', "color:transparent"],
    ["<div hidden>X</div>", "hidden attribute"],
    ['<div style="text-indent:-9999px">X</div>', "off-screen"],
    ['<div style="height:0;overflow:hidden">X</div>', "size:0"],
    ["<noscript>X</noscript>", "noscript"],
  ])("%s is hidden text (%s), not visible text", (html, reason) => {
    const page = `<p>Shop</p>${html}<p>Thanks</p>`;
    expect(hiddenOf(page)).toEqual([["X", reason]]);
    expect(textOf(page)).toBe("Shop\nThanks");
    const hidden = only(pageFields(page), "hidden");
    expect(hidden.origin).toBe("hidden");
    expect(hidden.position(0)).toEqual(filePositionOf(page, "X"));
  });

  it.each([
    '<div style="display:block">X</div>',
    '<span style="font-size:10px">X</span>',
    '<span style="font-size:1.2em">X</span>',
    '<span style="opacity:0.8">X</span>',
    '<p style="color:#333;background:#fff">X</p>',
    '<p style="color:#fff;background-color:#1a73e8">X</p>',
    '<div style="background:#000"><span style="color:#fff">X</span></div>',
    '<div style="background:url(banner.jpg)"><span style="color:#fff">X</span></div>',
    '<div style="color:#fff;background:#fff"><span style="color:#222">X</span></div>',
    '<div style="visibility:hidden"><span style="visibility:visible">X</span></div>',
    '<div hidden style="display:block">X</div>',
    '<div style="text-indent:-2em">X</div>',
  ])("%s is visible text", (html) => {
    const page = `<p>Shop</p>${html}`;
    expect(hiddenOf(page)).toEqual([]);
    expect(textOf(page)).toBe("Shop\nX");
  });

  it("keeps hidden text together, blocks and inline tags included", () => {
    const html = '<div style="display:none"><p>WhatsApp <b>+1</b> 555</p><p><span style="font-size:0">0100</span></p></div>';
    expect(hiddenOf(html)).toEqual([["WhatsApp +1 555\n0100", "display:none"]]);
  });

  it("gives hidden elements in different places their own fields, in document order", () => {
    const html = '<p style="display:none">A</p><p>shown</p><span style="font-size:0">B</span><input type="hidden" name="t" value="C">';
    expect(hiddenOf(html)).toEqual([
      ["A", "display:none"],
      ["B", "font-size:0"],
      ["C", "input type=hidden"],
    ]);
    const input = fieldsNamed(pageFields(html), "hidden")[2]!;
    expect(input.origin).toBe("hidden");
    expect(input.position(0)).toEqual(filePositionOf(html, "C"));
  });

  it("shows children that reset a font-size:0 container (the inline-block gap trick)", () => {
    const html = '<div style="font-size:0"> <span style="font-size:14px">Battery 5000 mAh</span> <span style="font-size:1em">x</span></div>';
    expect(textOf(html)).toBe("Battery 5000 mAh");
    expect(hiddenOf(html)).toEqual([["x", "font-size:0"]]);
  });

  it("keeps text joined around an inline hidden element, as a browser shows it", () => {
    const html = '<p>138<span style="display:none">junk</span>00138000</p>';
    expect(textOf(html)).toBe("13800138000");
    expect(hiddenOf(html)).toEqual([["junk", "display:none"]]);
  });
});

describe("looksLikeHtml", () => {
  it.each([
    "<p>Great lamp</p>",
    "Great lamp<br>Call us",
    "Great lamp<br/>",
    "<div class=\"desc\">x</div>",
    'see <a href="https://example.com">here</a>',
    "<span>1</span>",
    "<img src=a.jpg>",
    "text <!-- note --> more",
    "<!DOCTYPE html><title>x</title>",
    "<B>bold</B>",
    "<li>one",
  ])("%s is HTML", (text) => expect(looksLikeHtml(text)).toBe(true));

  it.each([
    "size < 5cm > 3cm",
    "a<b",
    "a<b and c>d",
    "x <p",
    "price <10 USD>",
    "1 <= 2 >= 0",
    "<<< best >>>",
    "<!-- unclosed",
    "<wechat>",
    "plain text",
    "",
  ])("%s is not HTML", (text) => expect(looksLikeHtml(text)).toBe(false));
});

describe("htmlFieldsOf: HTML inside a listing field", () => {
  it("maps derived fields through a field that starts mid-file", () => {
    const file = 'sku,description\nLAMP-1,<p>Desk lamp. Call <b>138</b>0013<i>8000</i></p><a href="https://shop.example.com">shop</a>\n';
    const lines = new LineMap(file);
    const start = file.indexOf("<p>");
    const end = file.lastIndexOf("\n");
    const description = createFieldText("description", { text: file.slice(start, end), rawOffsets: null }, start, lines);
    const fields = htmlFieldsOf(description)!;
    expect(fields.map((f) => [f.name, f.text, f.origin])).toEqual([
      ["description", "Desk lamp. Call 13800138000\nshop", undefined],
      ["description.href", "https://shop.example.com", "attribute"],
    ]);
    const text = fields[0]!;
    expect(positionOf(text, "138")).toEqual({ line: 2, column: filePositionOf(file, "138").column });
    expect(positionOf(text, "8000")).toEqual(filePositionOf(file, "8000"));
    expect(fields[1]!.position(0)).toEqual(filePositionOf(file, "https"));
  });

  it("maps through JSON escapes into the original characters", () => {
    const file = '[\n  {"sku": "B-2",\n   "description": "<p>Add <b>W\\u200bhats</b>App: <span>+1 555\\u00a00100</span></p>\\n<!-- wx: \\"lamp88\\" -->"}\n]\n';
    const open = file.indexOf('"<p>') + 1;
    const close = file.indexOf('"}');
    const value = unescapeJsonString(file.slice(open, close))!;
    const description = createFieldText("description", value, open, new LineMap(file));
    const fields = htmlFieldsOf(description)!;
    expect(fields.map((f) => [f.name, f.text])).toEqual([
      ["description", "Add W\u200bhatsApp: +1 555\u00a00100"],
      ["description.comment", ' wx: "lamp88" '],
    ]);
    const text = fields[0]!;
    expect(positionOf(text, "\u200b")).toEqual(filePositionOf(file, "\\u200b"));
    expect(positionOf(text, "App")).toEqual(filePositionOf(file, "App"));
    expect(positionOf(text, "\u00a0")).toEqual(filePositionOf(file, "\\u00a0"));
    expect(positionOf(text, "0100")).toEqual(filePositionOf(file, "0100"));
    const comment = fields[1]!;
    expect(comment.origin).toBe("comment");
    expect(positionOf(comment, '"')).toEqual(filePositionOf(file, '\\"lamp88'));
    expect(positionOf(comment, "lamp88")).toEqual(filePositionOf(file, "lamp88"));
  });

  it("keeps the parent's cell and origin", () => {
    const parent: FieldText = { ...createFieldText("B3", { text: "<p>hi</p><img alt=x>", rawOffsets: null }, 0, new LineMap("<p>hi</p><img alt=x>")), cell: "Sheet1!B3", origin: "metadata" };
    const fields = htmlFieldsOf(parent)!;
    expect(fields.map((f) => [f.name, f.cell, f.origin])).toEqual([
      ["B3", "Sheet1!B3", "metadata"],
      ["B3.alt", "Sheet1!B3", "attribute"],
    ]);
  });

  it("returns null for text that is not HTML", () => {
    const plain = createFieldText("description", { text: "Size < 5cm > 3cm, a<b", rawOffsets: null }, 0, new LineMap("Size < 5cm > 3cm, a<b"));
    expect(htmlFieldsOf(plain)).toBeNull();
  });
});

describe("html: malformed input", () => {
  it.each([
    "<div style=\"display:none\">unterminated",
    "<p>one<p>two</div></span></p></p>",
    '<a href="https://example.com',
    "<img alt='x",
    "< p>not a tag</ p>",
    "&&&;&#xZZ;&#99999999;&amp",
    "<!-- never closed",
    "<![CDATA[x]]><?php echo 1 ?><!bogus>",
    "<svg><text>svg text</text><![CDATA[cdata]]></svg>",
    "\u0000\u0001\ufffd<\u0000div>\u0000",
    "<" + "div>".repeat(2000) + "deep",
  ])("does not throw on %s", (html) => {
    const fields = pageFields(html);
    for (const f of fields) {
      for (let i = 0; i <= f.text.length; i++) {
        const { line, column } = f.position(i);
        expect(line).toBeGreaterThanOrEqual(1);
        expect(column).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it("keeps the text after a stray tag and a lone ampersand", () => {
    const html = "<p>A & B <3 </p> C";
    const text = only(pageFields(html), "text");
    expect(text.text).toBe("A & B <3\nC");
    expect(positionOf(text, "<3")).toEqual(filePositionOf(html, "<3"));
  });

  it("returns pieces for a huge flat document in one pass", () => {
    const html = "<p>a&amp;b</p>".repeat(20000);
    const started = performance.now();
    const pieces = extractHtmlPieces(html);
    expect(pieces[0]!.value.text.length).toBe(20000 * 4 - 1);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("html reader", () => {
  const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/pages/${name}`, import.meta.url));

  it("reads a page as one listing record", async () => {
    expect(htmlReader.extensions).toEqual([".html", ".htm"]);
    expect(htmlReader.kind).toBe("listing");
    const records = await readPage(fixture("detail.html"));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ index: 0, line: 1 });
  });

  it("finds the hidden contact, the comment and the external link of the detail fixture", async () => {
    const path = fixture("detail.html");
    const raw = await readFile(path, "utf8");
    const [record] = await readPage(path);
    const text = field(record, "text");
    expect(text.text).toContain("VB-750S Vacuum Insulated Water Bottle, 750 ml");
    expect(text.text).toContain("Ø 7.5 × 26.5 cm");
    expect(text.text).toContain("保冷24小时");
    expect(text.text).not.toContain("WhatsApp");
    expect(text.text).not.toContain("WeChat");
    expect(text.text).not.toContain("text-align");
    expect(positionOf(text, "Ø")).toEqual(filePositionOf(raw, "&Oslash;"));
    expect(positionOf(text, "保冷")).toEqual(filePositionOf(raw, "保冷"));

    const hidden = field(record, "hidden");
    expect(hidden).toMatchObject({ origin: "hidden", hiddenBy: "display:none" });
    expect(hidden.text).toBe("Fast quote on WhatsApp +86 139 0013 7000");
    expect(positionOf(hidden, "+86")).toEqual(filePositionOf(raw, "+86"));

    const comment = field(record, "comment");
    expect(comment.origin).toBe("comment");
    expect(positionOf(comment, "WeChat")).toEqual(filePositionOf(raw, "WeChat"));

    const hrefs = record!.fields.filter((f) => f.name === "href").map((f) => f.text);
    expect(hrefs).toEqual(["https://shop.example.com/bottles/vb-750s"]);
    expect(field(record, "href").position(0)).toEqual(filePositionOf(raw, "https://shop"));
    expect(field(record, "alt").text).toBe("VB-750S bottle in matte black, front view");
    expect(field(record, "meta.description").origin).toBe("attribute");
  });

  it("keeps the traps of the clean fixture visible and its packing list hidden", async () => {
    const [record] = await readPage(fixture("clean.html"));
    const text = field(record, "text");
    expect(text.text).toContain("Supports WhatsApp video calls");
    expect(text.text).toContain("New arrival – ships in 48 h"); // white on blue is visible
    expect(text.text).toContain("Battery 5000 mAh · Charger 18 W"); // font-size:0 container, reset children
    expect(record!.fields.filter((f) => f.origin === "hidden").map((f) => [f.text, f.hiddenBy])).toEqual([
      ["Packing list: phone, charger, USB-C cable, manual", "hidden attribute"],
    ]);
  });

  it("decodes other encodings and keeps positions on CRLF lines", async () => {
    const html = "<html>\r\n<body>\r\n<p>保温杯 <b>VB</b>-750S</p>\r\n<!-- 微信 -->\r\n</body></html>\r\n";
    for (const encoding of ["utf-16le", "gb18030"] as const) {
      const path = await writeFixture(dir, `page-${encoding}.htm`, encode(html, encoding));
      const [record] = await readPage(path, encoding === "gb18030" ? "gb18030" : undefined);
      const text = field(record, "text");
      expect(text.text).toBe("保温杯 VB-750S");
      expect(positionOf(text, "VB")).toEqual({ line: 3, column: 11 });
      expect(positionOf(field(record, "comment"), "微信")).toEqual({ line: 4, column: 6 });
    }
  });

  it("gives an empty page a record without fields", async () => {
    const path = await writeFixture(dir, "empty.html", "<html><body>\n</body></html>");
    expect(await readPage(path)).toEqual([{ index: 0, line: 1, fields: [] }]);
  });
});
