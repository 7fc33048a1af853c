// Which field of a record identifies it in reports (`"record": { "index": 10, "id": "SKU-1042" }`).

/** Id-like field names, compared after `normalizeIdName`. */
export const ID_FIELD_NAMES: readonly string[] = ["id", "sku", "product_id", "item_id", "spu", "listing_id"];

/** `Product ID`, `product-id` and `PRODUCT_ID` all name the same column. */
export function normalizeIdName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, "_");
}

export function isIdFieldName(name: string): boolean {
  return ID_FIELD_NAMES.includes(normalizeIdName(name));
}

/** Index of the first name (in the given order) that is id-like, or -1. */
export function findIdColumn(names: readonly string[]): number {
  return names.findIndex(isIdFieldName);
}

/** A usable id value: trimmed, non-empty. */
export function cleanId(value: unknown): string | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const id = String(value).trim();
  return id ? id : undefined;
}
