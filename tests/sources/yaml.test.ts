import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SourceError } from "../../src/types.js";
import { field, fieldNames, filePositionOf, makeTempDir, positionOf, readContent, rejection } from "./helpers.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir()));
afterAll(() => cleanup());

const readYaml = (content: string) => readContent(dir, "templates.yaml", content);

const LIBRARY = [
  "# after-sales templates",
  "after_sales:",
  '  refund: "Sorry! \\"Refunds\\" go\\tfast.\\n Add V\\u200b信: lamp88"',
  "  single: 'It''s easy: add wx lamp88'",
  "  plain: Contact us on",
  "    WhatsApp for a better price",
  "  block: |",
  "    Dear buyer,",
  "    add our QQ 12345 please",
  "  folded: >-",
  "    first line",
  "    then Telegram @lamp",
  "replies:",
  "  - Thanks!",
  "  - 42",
  "  - anchor: &note scan the code",
  "  - ref: *note",
  "",
].join("\n");

describe("yaml reader: fields", () => {
  it("makes one record whose fields are the string scalars, named by key path", async () => {
    const records = await readYaml(LIBRARY);
    expect(records).toHaveLength(1);
    expect(fieldNames(records[0])).toEqual([
      "after_sales.refund",
      "after_sales.single",
      "after_sales.plain",
      "after_sales.block",
      "after_sales.folded",
      "replies[0]",
      "replies[2].anchor",
    ]);
    expect(field(records[0], "after_sales.plain").text).toBe("Contact us on WhatsApp for a better price");
    expect(field(records[0], "after_sales.folded").text).toBe("first line then Telegram @lamp");
  });

  it("names a document that is a single string `text`, and skips empty documents", async () => {
    expect(fieldNames((await readYaml("just a reply, add wx\n"))[0])).toEqual(["text"]);
    expect(await readYaml("")).toEqual([]);
    expect(await readYaml("# only a comment\n")).toEqual([]);
  });

  it("yields one record per document", async () => {
    const records = await readYaml("a: one\n---\nb: two\n");
    expect(records.map((r) => [r.index, r.line, fieldNames(r)])).toEqual([
      [0, 1, ["a"]],
      [1, 3, ["b"]],
    ]);
  });
});

describe("yaml reader: locations", () => {
  const expectAt = async (name: string, needle: string) => {
    const f = field((await readYaml(LIBRARY))[0], name);
    expect(positionOf(f, needle)).toEqual(filePositionOf(LIBRARY, needle));
  };

  it("is exact inside a double-quoted scalar after escapes", async () => {
    await expectAt("after_sales.refund", "信");
    await expectAt("after_sales.refund", "lamp88");
    const refund = field((await readYaml(LIBRARY))[0], "after_sales.refund");
    expect(refund.text).toBe('Sorry! "Refunds" go\tfast.\n Add V\u200b信: lamp88');
  });

  it("is exact inside a single-quoted scalar after ''", async () => {
    await expectAt("after_sales.single", "wx");
  });

  it("is exact on the continuation line of a folded plain scalar", async () => {
    await expectAt("after_sales.plain", "WhatsApp");
  });

  it("is on the right physical line (and column) inside block scalars", async () => {
    await expectAt("after_sales.block", "QQ");
    await expectAt("after_sales.folded", "Telegram");
  });

  it("is exact for tagged, anchored and flow-collection scalars", async () => {
    const content = 'a: !!str "tagged wx: 1"\nb: &x anchored QQ 2\nc: [one, "two V信", {d: three Line}]\n';
    const record = (await readYaml(content))[0];
    expect(fieldNames(record)).toEqual(["a", "b", "c[0]", "c[1]", "c[2].d"]);
    expect(positionOf(field(record, "a"), "wx")).toEqual(filePositionOf(content, "wx"));
    expect(positionOf(field(record, "b"), "QQ")).toEqual(filePositionOf(content, "QQ"));
    expect(positionOf(field(record, "c[1]"), "V信")).toEqual(filePositionOf(content, "V信"));
    expect(positionOf(field(record, "c[2].d"), "Line")).toEqual(filePositionOf(content, "Line"));
  });

  it.each([
    ["literal with blank and more-indented lines", "k: |\n  one\n\n    indented two\n  three\n"],
    ["folded keep", "k: >+\n  alpha\n  beta\n\n  gamma\n\n"],
    ["explicit indentation", "k: |2\n    lead spaces\n  body\n"],
    ["leading blank line", "k: >\n\n  after blank\n  more\n"],
    ["in a sequence", "- |\n  item one\n  item two\n- x\n"],
  ])("maps every letter of a block scalar to itself: %s", async (_label, content) => {
    const [f] = (await readYaml(content))[0]!.fields;
    for (let i = 0; i < f!.text.length; i++) {
      if (!/[a-z]/.test(f!.text[i]!)) continue;
      const { line, column } = f!.position(i);
      expect(content.split("\n")[line - 1]![column - 1]).toBe(f!.text[i]);
    }
  });

  it("handles Windows line endings in quoted and block scalars", async () => {
    const content = 'a: "x\\ty\r\n  wx: abc"\r\nb: |\r\n  one\r\n  two QQ\r\n';
    const records = await readYaml(content);
    expect(field(records[0], "a").text).toBe("x\ty wx: abc");
    expect(positionOf(field(records[0], "a"), "wx")).toEqual({ line: 2, column: 3 });
    expect(positionOf(field(records[0], "b"), "QQ")).toEqual({ line: 5, column: 7 });
  });
});

describe("yaml reader: errors", () => {
  it("reports a parse error with its line", async () => {
    const error = await rejection(readYaml('ok: fine\nbad: "never closed\nnext: 1\n'));
    expect(error).toBeInstanceOf(SourceError);
    expect(error.message).toMatch(/^Invalid YAML: /);
    expect(error.line).toBe(4);
  });

  it("reports bad indentation at the offending line", async () => {
    const error = await rejection(readYaml("a:\n  - x\n - y\n"));
    expect(error.line).toBe(3);
  });

  it("accepts duplicate keys and lints both values", async () => {
    const records = await readYaml("greeting: hello\ngreeting: add wx\n");
    expect(records[0]!.fields.map((f) => f.text)).toEqual(["hello", "add wx"]);
  });
});
