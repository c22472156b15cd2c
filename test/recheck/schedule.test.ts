/**
 * The re-check schedule: dense after publication, thinning out, jittered within bounds, never in the past;
 * configuration overrides per source.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { scheduleFor } from '../../src/recheck/schedule-config.ts';
import { DEFAULT_SCHEDULE, nextCheckAt, plannedAges } from '../../src/recheck/schedule.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NO_JITTER = { ...DEFAULT_SCHEDULE, jitter: 0 };

describe('nextCheckAt', () => {
  it('walks the planned ages from publication, then every 30 days', () => {
    const anchor = Date.UTC(2026, 0, 1);
    const seen: number[] = [];
    let now = anchor;
    for (let i = 0; i < 16; i++) {
      now = nextCheckAt(anchor, now, NO_JITTER);
      seen.push(now - anchor);
    }
    expect(seen).toEqual([
      15 * MIN, 45 * MIN, 2 * HOUR, 4 * HOUR, 7 * HOUR, 10 * HOUR, 14 * HOUR, 19 * HOUR, 24 * HOUR, 30 * HOUR, 36 * HOUR, 2 * DAY, 3 * DAY, 7 * DAY, 30 * DAY, 60 * DAY,
    ]);
  });

  it('plans 17 checks in the first 90 days by default', () => {
    expect(plannedAges(DEFAULT_SCHEDULE, 90 * DAY)).toHaveLength(17);
  });

  it('never plans an age twice when jitter moved a check early', () => {
    const anchor = 0;
    let now = anchor;
    const seen: number[] = [];
    // Always the earliest jitter: each check lands before its planned age.
    while (now < 90 * DAY) {
      now = nextCheckAt(anchor, now, DEFAULT_SCHEDULE, () => 0);
      seen.push(now);
    }
    expect(seen.length - 1).toBe(plannedAges(DEFAULT_SCHEDULE, 90 * DAY).length);
  });

  it('jitters within a share of the gap before the planned check, never into the past', () => {
    const anchor = 0;
    for (const r of [0, 0.25, 0.5, 0.75, 0.999]) {
      const at = nextCheckAt(anchor, 2 * HOUR, DEFAULT_SCHEDULE, () => r);
      // The planned check is at 4 h; the gap before it is 2 h; jitter 0.1 moves it up to 12 min either way.
      expect(at).toBeGreaterThanOrEqual(4 * HOUR - 12 * MIN);
      expect(at).toBeLessThanOrEqual(4 * HOUR + 12 * MIN);
    }
    const old = nextCheckAt(0, 400 * DAY + 1, DEFAULT_SCHEDULE, () => 0);
    expect(old).toBeGreaterThan(400 * DAY + 1);
  });

  it('takes the schedule from the configuration, per source', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memhole-schedule-'));
    writeFileSync(
      join(dir, 'memhole.config.yaml'),
      'recheck:\n  schedule: { ages: [5m, 1h], thereafter: 7d, confirmationGap: 0 }\nsources:\n  - id: slow\n    adapter: cdt\n    feeds: [https://chinadigitaltimes.net/chinese/feed]\n    recheck: { confirmationGap: 2h, jitter: 0 }\n',
    );
    const config = loadConfig({ cwd: dir });
    expect(scheduleFor(config, 'other')).toEqual({ agesMs: [5 * MIN, HOUR], thereafterMs: 7 * DAY, jitter: 0.1, confirmationGapMs: 0 });
    expect(scheduleFor(config, 'slow')).toEqual({ agesMs: [5 * MIN, HOUR], thereafterMs: 7 * DAY, jitter: 0, confirmationGapMs: 2 * HOUR });
  });
});
