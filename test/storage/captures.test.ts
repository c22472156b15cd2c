import { describe, expect, it } from 'vitest';
import { openSqliteStore, sha256Hex, StorageError } from '../../storage/index.ts';
import { captureInput, NOW, pageUpsert, pinnedClock, storeWithPage } from './store-fixtures.ts';

describe('captures and blobs', () => {
  it('stores identical bodies once and reads the bytes back', async () => {
    const { store, page } = await storeWithPage();
    const body = new TextEncoder().encode('<html>'.padEnd(20_000, '中'));
    const first = await store.recordCapture(captureInput(page.id, { body }));
    const second = await store.recordCapture(captureInput(page.id, { body: body.slice(), capturedAt: NOW + 60_000 }));

    expect(first.bodyHash).toBe(sha256Hex(body));
    expect(second.bodyHash).toBe(first.bodyHash);
    expect(first.bodySize).toBe(body.byteLength);
    expect(await store.counts()).toMatchObject({ captures: 2, blobs: 1 });
    expect(await store.hasBlob(sha256Hex(body))).toBe(true);
    const back = await store.readBlob(sha256Hex(body));
    expect(back).toEqual(body);
    expect(await store.readBlob('0'.repeat(64))).toBeNull();
    expect(await store.hasBlob('0'.repeat(64))).toBe(false);
    await store.close();
  });

  it('keeps headers in order with repeats, redirect hops and request headers', async () => {
    const { store, page } = await storeWithPage();
    const input = captureInput(page.id, {
      requestedUrl: 'http://chinadigitaltimes.net/chinese/685611',
      redirects: [
        {
          url: 'http://chinadigitaltimes.net/chinese/685611',
          status: 301,
          location: 'https://chinadigitaltimes.net/chinese/685611',
        },
        { url: 'https://chinadigitaltimes.net/chinese/685611', status: 302, location: '/chinese/685611.html' },
      ],
      headers: [
        ['Server', 'nginx'],
        ['Set-Cookie', 'a=1'],
        ['Content-Type', 'text/html; charset=UTF-8'],
        ['Set-Cookie', 'b=2'],
      ],
      requestHeaders: [
        ['user-agent', 'memhole-test'],
        ['if-none-match', '"abc"'],
      ],
      truncated: true,
      contentEncoding: 'gzip',
    });
    const row = await store.recordCapture(input);
    const { body, ...expected } = input;

    expect(row).toEqual({
      ...expected,
      id: row.id,
      parentCaptureId: null,
      bodyHash: sha256Hex(body!),
      bodySize: body!.byteLength,
    });
    expect(await store.getCapture(row.id)).toEqual(row);
    expect(await store.getCapture(row.id + 1)).toBeNull();
    await store.close();
  });

  it('records a network failure with no status and no body', async () => {
    const { store, page } = await storeWithPage();
    const row = await store.recordCapture(
      captureInput(page.id, {
        status: null,
        headers: [],
        remoteAddress: null,
        failureKind: 'reset',
        failureMessage: 'socket hang up',
        body: null,
        contentType: null,
        charset: null,
      }),
    );

    expect(row).toMatchObject({
      status: null,
      failureKind: 'reset',
      failureMessage: 'socket hang up',
      bodyHash: null,
      bodySize: null,
    });
    expect(await store.getCapture(row.id)).toEqual(row);
    expect(await store.counts()).toMatchObject({ captures: 1, blobs: 0 });
    await store.close();
  });

  it('keeps an empty body as size 0 without a blob', async () => {
    const { store, page } = await storeWithPage();
    const row = await store.recordCapture(captureInput(page.id, { status: 204, body: new Uint8Array(0) }));
    expect(row).toMatchObject({ bodyHash: null, bodySize: 0 });
    expect(await store.counts()).toMatchObject({ blobs: 0 });
    await store.close();
  });

  it('links a rendered capture to its parent and lists a page’s captures oldest first', async () => {
    const { store, page } = await storeWithPage();
    const fetched = await store.recordCapture(captureInput(page.id, { capturedAt: NOW + 10 }));
    const rendered = await store.recordCapture(
      captureInput(page.id, {
        how: 'browser',
        parentCaptureId: fetched.id,
        capturedAt: NOW + 20,
        body: new TextEncoder().encode('<dom/>'),
      }),
    );
    const earlier = await store.recordCapture(captureInput(page.id, { how: 'feed', capturedAt: NOW }));

    expect(rendered.parentCaptureId).toBe(fetched.id);
    expect((await store.listCaptures(page.id)).map((c) => c.id)).toEqual([earlier.id, fetched.id, rendered.id]);
    expect(await store.listCaptures(page.id + 1)).toEqual([]);
    await store.close();
  });

  it('reads back blobs stored with gzip', async () => {
    const store = await openSqliteStore({ memory: true, compression: 'gzip' }, pinnedClock);
    const page = await store.upsertPage(pageUpsert());
    const body = new TextEncoder().encode('gzip me '.repeat(100));
    const row = await store.recordCapture(captureInput(page.id, { body }));
    expect(await store.readBlob(row.bodyHash!)).toEqual(body);
    await store.close();
  });

  it('refuses a capture of an unknown page with a StorageError and writes nothing', async () => {
    const { store } = await storeWithPage();
    const attempt = store.recordCapture(captureInput(4242, { body: new TextEncoder().encode('orphan') }));
    await expect(attempt).rejects.toBeInstanceOf(StorageError);
    await expect(attempt).rejects.toMatchObject({ code: 'constraint', retryable: false });
    expect(await store.counts()).toMatchObject({ captures: 0, blobs: 0 });
    await store.close();
  });
});
