/**
 * Which requests memhole serve answers at all. The app serves archive rows by id, never files by path, but a
 * path that tries to climb out (`../`, `%2e%2e/`, `..%2f`, double encodings, backslashes) is refused outright
 * rather than left to fall through to a 404, and a Host the server was not bound under is refused too, so a
 * web page that rebinds its DNS name to 127.0.0.1 cannot read the archive.
 */

/** How many times a path is percent-decoded while looking for a climb: each layer of encoding is one. */
const DECODE_LAYERS = 4;

/** Why the path is refused, or null when it is a plain path. */
export function refusedPath(path: string): string | null {
  let current = path;
  for (let layer = 0; layer <= DECODE_LAYERS; layer++) {
    if (/[\\\0]/.test(current)) return 'a backslash or NUL in the path';
    if (current.split('/').some((segment) => segment === '..' || segment === '.')) return 'a path that climbs out of the archive';
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return 'a malformed percent-encoding in the path';
    }
    if (decoded === current) return null;
    current = decoded;
  }
  return 'a path encoded too many times';
}

/** True when the Host header names the server as it was bound (or as localhost on its port). */
export function allowedHost(host: string | undefined, boundHost: string, port: number): boolean {
  if (!host) return false;
  // Bound to every interface, the server was shared on purpose and is reached by names it cannot know.
  if (boundHost === '0.0.0.0' || boundHost === '::') return true;
  const names = new Set([boundHost, '127.0.0.1', 'localhost', '[::1]'].map((name) => `${name.includes(':') && !name.startsWith('[') ? `[${name}]` : name}:${port}`.toLowerCase()));
  return names.has(host.toLowerCase());
}
