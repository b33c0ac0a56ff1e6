/**
 * Master keys from configuration, as `id1:base64key,id2:base64key`: every AES-256 key of
 * CPX (alerts' identity master keys, feeds' webhook-secret keys) is written this way, so
 * keys can rotate: new records under the active id, old ones still open under theirs.
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
