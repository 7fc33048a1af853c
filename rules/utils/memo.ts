// Detectors shared by several rules (phones, e-mails, links) run once per field: the result is kept
// on the field's view object, which the kernel builds once and drops after the field. The cache
// is a property of that object (not a WeakMap entry), so it dies young with the field.
const CACHE = Symbol("offsite-lint memo");

export function memo<T>(owner: object, key: string, compute: () => T): T {
  const holder = owner as { [CACHE]?: Map<string, unknown> };
  let cache = holder[CACHE];
  if (!cache) holder[CACHE] = cache = new Map();
  if (cache.has(key)) return cache.get(key) as T;
  const value = compute();
  cache.set(key, value);
  return value;
}
