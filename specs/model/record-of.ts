/**
 * A plain object of a map's entries, as Object.fromEntries makes it: every key an own data
 * property, so a key named "__proto__" is a key like any other. Inbox replies are made
 * tens of thousands of times a second, and fromEntries's generic iteration costs several
 * times this loop.
 */
export function recordOf<V>(entries: Iterable<readonly [string, V]>): Record<string, V> {
  const record: Record<string, V> = {};
  for (const [key, value] of entries) {
    if (key === '__proto__') {
      Object.defineProperty(record, key, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    } else {
      record[key] = value;
    }
  }
  return record;
}
