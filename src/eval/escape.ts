// Escapers that also say where each source character landed, so a span of a value can be placed
// exactly in the written file.

export interface Escaped {
  /** The escaped text (without surrounding quotes). */
  text: string;
  /** map[i] = offset in `text` where source unit i starts; map[source.length] = text.length. */
  map: Int32Array;
}

function escapeBy(source: string, escapeUnit: (code: number, index: number) => string | undefined): Escaped {
  const map = new Int32Array(source.length + 1);
  let out = "";
  for (let i = 0; i < source.length; i++) {
    map[i] = out.length;
    const code = source.charCodeAt(i);
    const replacement = escapeUnit(code, i);
    out += replacement ?? source[i];
  }
  map[source.length] = out.length;
  return { text: out, map };
}

/** A CSV cell's content inside its quotes: every `"` doubled. */
export function escapeCsv(source: string): Escaped {
  return escapeBy(source, (code) => (code === 0x22 ? '""' : undefined));
}

const SHORT_ESCAPES: Record<number, string> = {
  0x22: '\\"',
  0x5c: "\\\\",
  0x08: "\\b",
  0x0c: "\\f",
  0x0a: "\\n",
  0x0d: "\\r",
  0x09: "\\t",
};

function unicodeEscape(code: number): string {
  return "\\u" + code.toString(16).padStart(4, "0");
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

export interface JsonEscapeOptions {
  /**
   * Escape every non-ASCII unit as `\uXXXX`, as Python's `json.dumps` does by default
   * (`ensure_ascii=True`): Chinese text becomes `\u4e2d\u6587`.
   */
  asciiOnly?: boolean;
}

/**
 * A JSON string's content inside its quotes. Without options this is exactly what
 * `JSON.stringify` writes, except that U+2028 and U+2029 are written `\u2028` / `\u2029`
 * (valid JSON, and no reader can take them for line breaks).
 */
export function escapeJson(source: string, options: JsonEscapeOptions = {}): Escaped {
  return escapeBy(source, (code, i) => {
    const short = SHORT_ESCAPES[code];
    if (short !== undefined) return short;
    if (code < 0x20) return unicodeEscape(code);
    if (code === 0x2028 || code === 0x2029) return unicodeEscape(code);
    if (options.asciiOnly && code > 0x7f) return unicodeEscape(code);
    // Lone surrogates (well-formed JSON.stringify, ES2019).
    if (isHighSurrogate(code) && !isLowSurrogate(source.charCodeAt(i + 1))) return unicodeEscape(code);
    if (isLowSurrogate(code) && !isHighSurrogate(source.charCodeAt(i - 1))) return unicodeEscape(code);
    return undefined;
  });
}
