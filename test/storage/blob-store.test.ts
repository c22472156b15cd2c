import { describe, expect, it } from 'vitest';
import { compressBlob, decompressBlob, sha256Hex } from '../../storage/blob-store.ts';

describe('blob store', () => {
  it('hashes bytes as lowercase sha-256 hex', () => {
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it.each(['br', 'gzip'] as const)('reads back what %s compressed', async (compression) => {
    const bytes = new TextEncoder().encode('<p>网络民议</p>'.repeat(500));
    const stored = await compressBlob(bytes, compression);
    expect(stored.byteLength).toBeLessThan(bytes.byteLength / 10);
    const back = decompressBlob(stored, compression);
    expect(back).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
  });
});
