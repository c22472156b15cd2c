/**
 * Renders pages in Chromium through crawlee's PlaywrightCrawler, for pages whose article or comment thread is
 * built by script: waits for the network to settle, scrolls and clicks "load more" controls, then keeps the
 * rendered DOM and a full-page PNG screenshot. Uses Debian's Chromium; never downloads a browser.
 */
import { existsSync } from 'node:fs';
import { Configuration, PlaywrightCrawler, log as crawleeLog } from 'crawlee';
import { chromium, type Page } from 'playwright';

/** Where Debian's chromium package puts the browser. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Buttons and links that reveal more comments, by their text. */
const LOAD_MORE = /加载更多|查看更多|展开更多|更多评论|显示更多|load more|show more|more comments/i;
const MAX_LOAD_MORE_CLICKS = 10;
const SCROLL_ROUNDS = 5;

/** What the browser saw of one page. */
export interface RenderedPage {
  url: string;
  finalUrl: string;
  status: number | null;
  html: string;
  screenshot: Buffer;
  startedAt: number;
  durationMs: number;
  /** Set when the page could not be rendered; html and screenshot are then empty. */
  error: string | null;
}

export interface RenderOptions {
  executablePath?: string;
  timeoutMs: number;
  clock?: () => number;
}

/** A browser that cannot be started, with what to do about it. */
export class BrowserUnavailableError extends Error {
  override readonly name = 'BrowserUnavailableError';
}

/** Render each URL once, in order of completion; failures come back as pages with `error` set. */
export async function renderPages(urls: string[], options: RenderOptions): Promise<RenderedPage[]> {
  const executablePath = options.executablePath ?? DEFAULT_CHROMIUM;
  if (!existsSync(executablePath)) {
    throw new BrowserUnavailableError(
      `no Chromium at ${executablePath}: install it (Debian: apt-get install -y chromium) or set browser.executablePath in the configuration`,
    );
  }
  const clock = options.clock ?? Date.now;
  const rendered: RenderedPage[] = [];
  crawleeLog.setLevel(crawleeLog.LEVELS.ERROR);
  const crawler = new PlaywrightCrawler(
    {
      maxRequestRetries: 0,
      maxConcurrency: 2,
      navigationTimeoutSecs: Math.ceil(options.timeoutMs / 1000),
      requestHandlerTimeoutSecs: Math.ceil(options.timeoutMs / 1000) * 3 + 10,
      // A 403 or 404 is evidence to keep, not a blocked session to retry.
      sessionPoolOptions: { blockedStatusCodes: [] },
      launchContext: {
        launcher: chromium,
        launchOptions: {
          executablePath,
          headless: true,
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
        },
      },
      async requestHandler({ page, request, response }) {
        const startedAt = (request.userData.startedAt as number | undefined) ?? clock();
        await page.waitForLoadState('networkidle', { timeout: options.timeoutMs }).catch(() => undefined);
        await revealEverything(page);
        rendered.push({
          url: request.url,
          finalUrl: page.url(),
          status: response?.status() ?? null,
          html: await page.content(),
          screenshot: await page.screenshot({ fullPage: true, type: 'png' }),
          startedAt,
          durationMs: clock() - startedAt,
          error: null,
        });
      },
      failedRequestHandler({ request }, error) {
        rendered.push({ url: request.url, finalUrl: request.url, status: null, html: '', screenshot: Buffer.alloc(0), startedAt: clock(), durationMs: 0, error: error.message });
      },
    },
    new Configuration({ persistStorage: false, purgeOnStart: true }),
  );
  await crawler.run(urls.map((url) => ({ url, uniqueKey: `render:${url}`, userData: { startedAt: clock() } })));
  await crawler.teardown();
  return rendered;
}

/** Scroll to the end a few times and click "load more" controls until none is left (bounded). */
async function revealEverything(page: Page): Promise<void> {
  for (let round = 0; round < SCROLL_ROUNDS; round++) {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(150);
  }
  for (let clicks = 0; clicks < MAX_LOAD_MORE_CLICKS; clicks++) {
    const control = page.locator('button, a, [role=button]').filter({ hasText: LOAD_MORE }).first();
    if (!(await control.isVisible().catch(() => false))) break;
    await control.click({ timeout: 2000 }).catch(() => undefined);
    await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => undefined);
  }
}
