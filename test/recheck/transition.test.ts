/**
 * The state machine alone: one removal sighting never removes a page, the confirming check after the gap
 * does, content seen again restores it, and blocking or walls never count as removal.
 */
import { describe, expect, it } from 'vitest';
import type { CheckOutcome, PageState } from '../../storage/types.ts';
import { transition, type TransitionInput } from '../../src/recheck/transition.ts';

const GAP = 30 * 60_000;
const T0 = Date.UTC(2026, 0, 1);

function input(state: PageState, outcome: CheckOutcome, overrides: Partial<TransitionInput> = {}): TransitionInput {
  return {
    state,
    stateSince: T0,
    outcome,
    now: T0,
    confirmationGapMs: GAP,
    sightingCheckId: null,
    everHadContent: true,
    previousArticleId: 1,
    articleChanged: false,
    removedBy: null,
    notice: null,
    ...overrides,
  };
}

describe('transition', () => {
  it.each<CheckOutcome>(['not_found', 'gone', 'unavailable_legal', 'soft_deleted', 'redirected_away'])(
    '%s on an alive page makes it suspect and plans the confirming check at the end of the gap',
    (outcome) => {
      const result = transition(input('alive', outcome, { removedBy: 'platform', notice: '此内容因违规无法查看' }));
      expect(result.stateAfter).toBe('suspect');
      expect(result.confirmAt).toBe(T0 + GAP);
      expect(result.events).toEqual([
        { kind: 'suspect', fromState: 'alive', toState: 'suspect', priorCheckIds: [], removalKind: outcome, removedBy: 'platform', notice: '此内容因违规无法查看' },
      ]);
    },
  );

  it('keeps a suspect page suspect before the gap has passed', () => {
    const result = transition(input('suspect', 'not_found', { now: T0 + GAP - 1, sightingCheckId: 7 }));
    expect(result.stateAfter).toBe('suspect');
    expect(result.events).toEqual([]);
    expect(result.confirmAt).toBe(T0 + GAP);
  });

  it('removes a suspect page on any removal outcome after the gap, naming both checks', () => {
    const result = transition(input('suspect', 'gone', { now: T0 + GAP, sightingCheckId: 7 }));
    expect(result.stateAfter).toBe('removed');
    expect(result.events[0]).toMatchObject({ kind: 'removed', fromState: 'suspect', toState: 'removed', priorCheckIds: [7], removalKind: 'gone', detail: {} });
  });

  it('marks a page never seen with content as removed before its first check', () => {
    const result = transition(input('suspect', 'not_found', { now: T0 + GAP, sightingCheckId: 3, everHadContent: false }));
    expect(result.events[0]!.detail).toEqual({ removedBeforeFirstCheck: true });
  });

  it('allows a gap of 0: the second sighting confirms at once', () => {
    const first = transition(input('alive', 'not_found', { confirmationGapMs: 0 }));
    expect(first).toMatchObject({ stateAfter: 'suspect', confirmAt: T0 });
    expect(transition(input('suspect', 'not_found', { confirmationGapMs: 0, sightingCheckId: 1 })).stateAfter).toBe('removed');
  });

  it('restores a removed page whose content comes back, and clears a false alarm', () => {
    expect(transition(input('removed', 'unchanged')).events).toEqual([{ kind: 'restored', fromState: 'removed', toState: 'alive', priorCheckIds: [] }]);
    const cleared = transition(input('suspect', 'unchanged'));
    expect(cleared.stateAfter).toBe('alive');
    expect(cleared.events[0]).toMatchObject({ kind: 'alive', fromState: 'suspect', toState: 'alive' });
  });

  it('writes an edited event with both versions when the text changed', () => {
    const result = transition(input('alive', 'changed', { articleChanged: true, previousArticleId: 41 }));
    expect(result.events).toEqual([{ kind: 'edited', fromState: null, toState: null, priorCheckIds: [], fromArticleId: 41, toThisArticle: true }]);
    expect(transition(input('alive', 'changed', { articleChanged: false })).events).toEqual([]);
  });

  it.each<CheckOutcome>(['forbidden', 'rate_limited', 'extraction_failed', 'error'])('%s changes nothing', (outcome) => {
    for (const state of ['alive', 'suspect', 'removed', 'blocked'] as PageState[]) {
      const result = transition(input(state, outcome, { now: T0 + 2 * GAP, sightingCheckId: 1 }));
      expect(result.stateAfter).toBe(state);
      expect(result.events).toEqual([]);
    }
  });

  it('moves an alive page to blocked or unreachable, never towards removal', () => {
    expect(transition(input('alive', 'blocked')).stateAfter).toBe('blocked');
    expect(transition(input('blocked', 'unreachable')).stateAfter).toBe('unreachable');
    const suspect = transition(input('suspect', 'blocked', { now: T0 + 2 * GAP, sightingCheckId: 1 }));
    expect(suspect.stateAfter).toBe('suspect');
    expect(suspect.confirmAt).toBeGreaterThan(T0 + 2 * GAP);
    expect(transition(input('removed', 'blocked')).stateAfter).toBe('removed');
  });
});
