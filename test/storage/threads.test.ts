import { describe, expect, it } from 'vitest';
import { StorageError } from '../../storage/index.ts';
import { captureInput, NOW, storeWithPage, threadInput } from './store-fixtures.ts';

describe('comment threads', () => {
  it('stores comments in order with reply parents', async () => {
    const { store, page } = await storeWithPage();
    const c = await store.recordCapture(captureInput(page.id));
    const { thread, created } = await store.recordThread(threadInput(page.id, c.id), NOW);

    expect(created).toBe(true);
    expect(thread).toEqual({
      id: thread.id,
      pageId: page.id,
      intro: '网友评论：',
      hash: 'c'.repeat(64),
      firstCaptureId: c.id,
      lastCaptureId: c.id,
      firstSeenAt: NOW,
      lastSeenAt: NOW,
    });
    const list = await store.listComments(thread.id);
    expect(list.map((x) => [x.position, x.author, x.text, x.postedAt])).toEqual([
      [0, '甲', '第一条', null],
      [1, '乙', '回复甲', NOW - 1000],
      [2, '丙', '回复乙', null],
      [3, '丁', '第二条', null],
    ]);
    const [a, b, c2, d] = list;
    expect(a?.parentId).toBeNull();
    expect(b?.parentId).toBe(a?.id);
    expect(c2?.parentId).toBe(b?.id);
    expect(d?.parentId).toBeNull();
    expect(list.every((x) => x.threadId === thread.id)).toBe(true);
    await store.close();
  });

  it('marks an unchanged thread as seen again and writes a new one when it changes', async () => {
    const { store, page } = await storeWithPage();
    const c1 = await store.recordCapture(captureInput(page.id));
    const c2 = await store.recordCapture(captureInput(page.id, { capturedAt: NOW + 3_600_000 }));
    const c3 = await store.recordCapture(captureInput(page.id, { capturedAt: NOW + 7_200_000 }));
    const first = await store.recordThread(threadInput(page.id, c1.id), NOW);

    const again = await store.recordThread(threadInput(page.id, c2.id), NOW + 3_600_000);
    expect(again.created).toBe(false);
    expect(again.thread).toEqual({ ...first.thread, lastCaptureId: c2.id, lastSeenAt: NOW + 3_600_000 });
    expect(await store.latestThread(page.id)).toEqual(again.thread);
    expect(await store.counts()).toMatchObject({ commentThreads: 1, comments: 4 });

    const changed = await store.recordThread(
      threadInput(page.id, c3.id, {
        hash: 'd'.repeat(64),
        comments: [{ author: '甲', text: '第一条', parentIndex: null, postedAt: null }],
      }),
      NOW + 7_200_000,
    );
    expect(changed.created).toBe(true);
    expect(changed.thread.id).not.toBe(first.thread.id);
    expect(await store.latestThread(page.id)).toEqual(changed.thread);
    expect(await store.listComments(changed.thread.id)).toHaveLength(1);
    expect(await store.counts()).toMatchObject({ commentThreads: 2, comments: 5 });
    await store.close();
  });

  it('widens the sighting window backwards when an older capture is re-extracted', async () => {
    const { store, page } = await storeWithPage();
    const old = await store.recordCapture(captureInput(page.id, { capturedAt: NOW - 1000 }));
    const recent = await store.recordCapture(captureInput(page.id));
    const first = await store.recordThread(threadInput(page.id, recent.id), NOW);
    const { thread } = await store.recordThread(threadInput(page.id, old.id), NOW - 1000);
    expect(thread).toEqual({ ...first.thread, firstCaptureId: old.id, firstSeenAt: NOW - 1000 });
    await store.close();
  });

  it('rejects a reply whose parent does not precede it, writing nothing', async () => {
    const { store, page } = await storeWithPage();
    const c = await store.recordCapture(captureInput(page.id));
    const attempt = store.recordThread(
      threadInput(page.id, c.id, {
        comments: [
          { author: '甲', text: 'x', parentIndex: null, postedAt: null },
          { author: '乙', text: 'y', parentIndex: 1, postedAt: null },
        ],
      }),
      NOW,
    );
    await expect(attempt).rejects.toBeInstanceOf(StorageError);
    expect(await store.counts()).toMatchObject({ commentThreads: 0, comments: 0 });
    expect(await store.latestThread(page.id)).toBeNull();
    await store.close();
  });
});
