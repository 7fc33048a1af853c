// Detectors shared by several rules (phones, e-mails, links) run once per field: the result is kept
// on the field's view object, which the kernel builds once and drops after the field.
const caches = new WeakMap<object, Map<string, unknown>>();

export function memo<T>(owner: object, key: string, compute: () => T): T {
  let cache = caches.get(owner);
  if (!cache) caches.set(owner, (cache = new Map()));
  if (cache.has(key)) return cache.get(key) as T;
  const value = compute();
  cache.set(key, value);
  return value;
}
