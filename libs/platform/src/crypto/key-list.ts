/**
 * Keys from configuration, as `id1:base64key,id2:base64key`: every key of CPX (AES-256
 * master keys, Ed25519 and X25519 keys) is 32 bytes and written this way, so keys can
 * rotate: the active id signs or seals, every listed one still verifies or opens.
 */
export function parseKeyList(value: string, variable: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const entry of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const separator = entry.indexOf(':');
    if (separator < 1) throw new Error(`Each key of ${variable} must be written as <key id>:<base64 of 32 bytes>.`);
    const id = entry.slice(0, separator);
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (key.length !== 32) throw new Error(`Key ${id} of ${variable} must decode to 32 bytes, not ${key.length}.`);
    if (keys.has(id)) throw new Error(`Key ${id} of ${variable} is listed twice.`);
    keys.set(id, key);
  }
  return keys;
}

/** The inverse of parseKeyList. */
export function formatKeyList(keys: Iterable<[string, Buffer]>): string {
  return [...keys].map(([id, key]) => `${id}:${key.toString('base64')}`).join(',');
}

/** The active key of a list, by id; a missing one is a configuration error naming both variables. */
export function activeKey(keys: Map<string, Buffer>, id: string, variable: string): { id: string; key: Buffer } {
  const key = keys.get(id);
  if (!key) throw new Error(`The active key id "${id}" is not one of the keys of ${variable}.`);
  return { id, key };
}
