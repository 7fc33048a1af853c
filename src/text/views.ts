// The normalised views of one field, built lazily and shared by every rule.
import type { TextView } from "../types.js";
import { MappedText } from "./view.js";
import { foldText } from "./fold.js";
import { digitView } from "./digits.js";
import { compactView } from "./compact.js";

export interface FieldViews {
  /** The field text as it is in the file. */
  readonly original: string;
  /** Invisibles removed; width, case, homoglyphs, styled letters and traditional Chinese folded. */
  readonly folded: TextView;
  /** `folded` with numerals in any notation (一三八, ①③⑧, 壹叁捌, eight, l38) as ASCII digits. */
  readonly digits: TextView;
  /** `digits` with separators inside letter and digit runs collapsed, `at`/`dot` spelled-out as `@`/`.`. */
  readonly compact: TextView;
}

export function buildViews(text: string): FieldViews {
  let folded: MappedText | undefined;
  let digits: MappedText | undefined;
  let compact: MappedText | undefined;
  const views: FieldViews = {
    original: text,
    get folded() {
      return (folded ??= foldText(text));
    },
    get digits() {
      return (digits ??= digitView(views.folded as MappedText));
    },
    get compact() {
      return (compact ??= compactView(views.digits as MappedText));
    },
  };
  return views;
}
