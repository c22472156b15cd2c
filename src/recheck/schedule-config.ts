/**
 * The re-check schedule in force for a source: memhole's default, then the configuration's `recheck.schedule`,
 * then the source's own `recheck` overrides.
 */
import type { MemholeConfig } from '../config/schema.ts';
import { DEFAULT_SCHEDULE, type ScheduleConfig } from './schedule.ts';

type ScheduleOverrides = { ages?: number[]; thereafter?: number; jitter?: number; confirmationGap?: number } | undefined;

function apply(base: ScheduleConfig, overrides: ScheduleOverrides): ScheduleConfig {
  if (!overrides) return base;
  return {
    agesMs: overrides.ages ? [...overrides.ages].sort((a, b) => a - b) : base.agesMs,
    thereafterMs: overrides.thereafter ?? base.thereafterMs,
    jitter: overrides.jitter ?? base.jitter,
    confirmationGapMs: overrides.confirmationGap ?? base.confirmationGapMs,
  };
}

export function scheduleFor(config: Pick<MemholeConfig, 'recheck' | 'sources'>, sourceId: string): ScheduleConfig {
  const global = apply(DEFAULT_SCHEDULE, config.recheck.schedule);
  return apply(global, config.sources.find((source) => source.id === sourceId)?.recheck);
}
