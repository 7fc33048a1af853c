import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { getFormatter } from "../../src/formatters/index.js";
import { junit, stripInvalidXml, xmlAttr } from "../../src/formatters/junit.js";
import { estimateMessage } from "../../src/penalties/compute.js";
import { getProfile } from "../../src/penalties/profiles.js";
import { fatal, msg, result } from "../penalties/helpers.js";

const platform = getProfile("alibaba");
const ctx = (cwd = "/w") => ({ cwd, locale: "zh-CN" as const, color: false, platform });

interface El {
  name: string;
  attribs: Record<string, string>;
  children: Node[];
}
type Node = El | { type: string; data?: string; children?: Node[] };

const isEl = (n: Node): n is El => "name" in n;
const children = (el: El, name: string): El[] => el.children.filter(isEl).filter((c) => c.name === name);
const textOf = (n: Node): string =>
  "data" in n && typeof n.data === "string" ? n.data : ((n as { children?: Node[] }).children ?? []).map(textOf).join("");

/** Parses the report as XML (entities decoded, CDATA read) and returns <testsuites>. */
function parseXml(xml: string): El {
  const doc = parseDocument(xml, { xmlMode: true, recognizeCDATA: true, decodeEntities: true }) as unknown as { children: Node[] };
  const root = doc.children.filter(isEl).find((c) => c.name === "testsuites");
  if (!root) throw new Error("no <testsuites>");
  return root;
}

describe("junit", () => {
  const results = [
    result("/w/exports/listings.csv", [
      msg(2, "im", {
        ruleId: "no-im-contact",
        message: "以 微信 作为联系方式：「V信: lamp_88」",
        line: 12,
        column: 41,
        record: { index: 10, id: "SKU-1042" },
        field: "description",
        penalty: estimateMessage(platform, "im", 2, "zh-CN"),
      }),
      msg(1, "link", { ruleId: "no-external-link", message: 'Link "a<b>&c" \'d\'\nnext line\u0007\u001b[31m ]]> end', line: 3, column: 7 }),
    ]),
    result("/w/broken.json", [fatal("Parsing error: Unexpected end of JSON input", 4, 2)]),
    result("/w/clean.txt", []),
  ];

  it("writes ESLint's shape: one <testsuite> per file, one <testcase> per problem", () => {
    const out = junit(results, ctx());
    expect(out.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n')).toBe(true);
    expect(out.endsWith("</testsuites>\n")).toBe(true);
    const suites = children(parseXml(out), "testsuite");
    expect(suites.map((s) => s.attribs)).toEqual([
      { package: "exports/listings.csv", time: "0", tests: "2", errors: "0", failures: "2", name: "exports/listings.csv" },
      { package: "broken.json", time: "0", tests: "1", errors: "1", failures: "0", name: "broken.json" },
      { package: "clean.txt", time: "0", tests: "1", errors: "0", failures: "0", name: "clean.txt" },
    ]);
    const [im, link] = children(suites[0]!, "testcase");
    expect(im!.attribs).toEqual({ time: "0", name: "no-im-contact", classname: "exports/listings.csv" });
    const failure = children(im!, "failure")[0]!;
    expect(failure.attribs).toEqual({ message: "以 微信 作为联系方式：「V信: lamp_88」", type: "error" });
    expect(textOf(failure)).toBe("line 12, col 41, Error - 以 微信 作为联系方式：「V信: lamp_88」 (no-im-contact)\nrecord SKU-1042, field description\n扣 6 分");
    expect(children(link!, "failure")[0]!.attribs.type).toBe("warning");
    // A file that could not be parsed is an <error>, not a <failure>.
    const broken = children(suites[1]!, "testcase")[0]!;
    expect(broken.attribs.name).toBe("offsite-lint/fatal");
    expect(children(broken, "error")[0]!.attribs.message).toBe("Parsing error: Unexpected end of JSON input");
    // A clean file passes.
    const clean = children(suites[2]!, "testcase")[0]!;
    expect(clean.attribs).toEqual({ time: "0", name: "clean.txt", classname: "clean.txt" });
    expect(clean.children.filter(isEl)).toEqual([]);
  });

  it("escapes quotes, <, >, & and newlines, strips control characters, keeps CJK", () => {
    const out = junit(results, ctx());
    expect(out).toContain('message="Link &quot;a&lt;b&gt;&amp;c&quot; &apos;d&apos;&#10;next line[31m ]]&gt; end"');
    expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(out).toContain("以 微信 作为联系方式");
    const link = children(children(parseXml(out), "testsuite")[0]!, "testcase")[1]!;
    const failure = children(link, "failure")[0]!;
    expect(failure.attribs.message).toBe("Link \"a<b>&c\" 'd'\nnext line[31m ]]> end");
    // "]]>" inside the details is split across two CDATA sections and reads back whole.
    expect(textOf(failure)).toBe("line 3, col 7, Warning - Link \"a<b>&c\" 'd'\nnext line[31m ]]> end (no-external-link)\n" + `扣 ${estimateMessage(platform, "link", 1).points} 分`);
  });

  it("drops what XML 1.0 cannot hold and escapes attributes fully", () => {
    expect(stripInvalidXml("a\u0000b\u0008c\td\ne\rf\u000bg\ufffeh\ud800i😀j")).toBe("abc\td\ne\rfghi😀j");
    expect(xmlAttr("<a href=\"x\">'&'\t\r\n")).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&#9;&#13;&#10;");
  });

  it("names suites by the path relative to cwd, Windows paths with forward slashes", () => {
    const out = junit([result("C:\\Users\\运营\\shop\\exports\\春季 新品.csv", [msg(2, "im", { ruleId: "no-im-contact" })])], ctx("C:\\Users\\运营\\shop"));
    const suite = children(parseXml(out), "testsuite")[0]!;
    expect(suite.attribs.name).toBe("exports/春季 新品.csv");
    expect(suite.attribs.package).toBe("exports/春季 新品.csv");
  });

  it("writes an empty <testsuites> for no files, and is registered", () => {
    expect(junit([], ctx())).toBe('<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n</testsuites>\n');
    expect(getFormatter("junit")).toBe(junit);
  });
});
