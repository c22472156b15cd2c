/**
 * Reads a tar archive in memory, for the benchmarks that load corpus tarballs from ../shared/corpora
 * (bench:extract, bench:search).
 */

/** Regular files of a tar archive (ustar, pax or GNU long names); enough for the corpus tarball, no dependency needed. */
export function untar(buf: Buffer): { name: string; data: Buffer }[] {
  const files: { name: string; data: Buffer }[] = [];
  let offset = 0;
  let paxName: string | null = null;
  while (offset + 512 <= buf.length) {
    const header = buf.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, len: number): string =>
      header.subarray(start, start + len).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    const prefix = field(345, 155);
    const data = buf.subarray(offset + 512, offset + 512 + size);
    if (type === 'L') {
      // A GNU long-name entry: the next entry's full name, NUL-terminated.
      paxName = data.toString('utf8').replace(/\0.*$/s, '');
    } else if (type === 'x') {
      // A pax header carries the long (here UTF-8) file name for the entry after it.
      const m = /\d+ path=([^\n]*)\n/.exec(data.toString('utf8'));
      paxName = m?.[1] ?? null;
    } else if (type === '0' || type === '') {
      files.push({ name: paxName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100)), data });
      paxName = null;
    } else {
      paxName = null;
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}
