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
  return new LazyViews(text);
}

/** A class, not an object literal with getters: V8 builds a literal with accessors slowly (~2 µs a
 * field, more than folding a short field), and this runs for every field. */
class LazyViews implements FieldViews {
  private foldedView: MappedText | undefined;
  private digitsView: MappedText | undefined;
  private compactView: MappedText | undefined;

  constructor(readonly original: string) {}

  get folded(): TextView {
    return (this.foldedView ??= foldText(this.original));
  }

  get digits(): TextView {
    return (this.digitsView ??= digitView(this.folded as MappedText));
  }

  get compact(): TextView {
    return (this.compactView ??= compactView(this.digits as MappedText));
  }
}
