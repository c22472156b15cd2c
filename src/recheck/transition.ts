/**
 * The page state machine of DESIGN.md: a removal outcome makes a page `suspect`, and only a second removal
 * outcome at least the confirmation gap later makes it `removed`; content seen again makes it `alive`
 * (`restored` after a removal). Blocking and unreachability are states of their own that never count as
 * removal; forbidden, rate-limited, extraction failures and errors change nothing. Pure: no I/O.
 */
import type { CheckOutcome, EventInput, PageState } from '../../storage/types.ts';
import { CONTENT_OUTCOMES, REMOVAL_OUTCOMES } from './classify.ts';

export interface TransitionInput {
  state: PageState;
  /** When the page entered its state: for a suspect page, the first sighting of the removal. */
  stateSince: number;
  outcome: CheckOutcome;
  now: number;
  confirmationGapMs: number;
  /** The check that made the page suspect (the first sighting), when it is suspect. */
  sightingCheckId: number | null;
  /** False when the page was never captured with its content: removed before the first check. */
  everHadContent: boolean;
  /** For `changed`: the version before, when this check writes a new one. */
  previousArticleId: number | null;
  articleChanged: boolean;
  removedBy: string | null;
  notice: string | null;
}

export interface TransitionResult {
  stateAfter: PageState;
  events: EventInput[];
  /** When the confirming check is due; null when the regular schedule applies. */
  confirmAt: number | null;
}

export function transition(input: TransitionInput): TransitionResult {
  const { state, outcome, now } = input;
  const stay: TransitionResult = { stateAfter: state, events: [], confirmAt: state === 'suspect' ? confirmTime(input) : null };
  const move = (to: PageState, kind: EventInput['kind'], extra: Partial<EventInput> = {}): EventInput => ({
    kind,
    fromState: state,
    toState: to,
    priorCheckIds: [],
    ...extra,
  });

  if (REMOVAL_OUTCOMES.has(outcome)) {
    const removal = { removalKind: outcome, removedBy: input.removedBy, notice: input.notice };
    if (state === 'removed') return { stateAfter: 'removed', events: [], confirmAt: null };
    if (state === 'suspect') {
      if (now - input.stateSince < input.confirmationGapMs) return stay;
      const detail = input.everHadContent ? {} : { removedBeforeFirstCheck: true };
      const prior = input.sightingCheckId === null ? [] : [input.sightingCheckId];
      return { stateAfter: 'removed', events: [move('removed', 'removed', { ...removal, priorCheckIds: prior, detail })], confirmAt: null };
    }
    return { stateAfter: 'suspect', events: [move('suspect', 'suspect', removal)], confirmAt: now + input.confirmationGapMs };
  }

  if (CONTENT_OUTCOMES.has(outcome)) {
    const events: EventInput[] = [];
    if (state === 'removed') events.push(move('alive', 'restored'));
    else if (state !== 'alive') events.push(move('alive', 'alive', { detail: { reason: `content seen again while ${state}` } }));
    if (outcome === 'changed' && input.articleChanged && input.previousArticleId !== null) {
      events.push({ kind: 'edited', fromState: null, toState: null, priorCheckIds: [], fromArticleId: input.previousArticleId, toThisArticle: true });
    }
    return { stateAfter: 'alive', events, confirmAt: null };
  }

  if (outcome === 'blocked' || outcome === 'unreachable') {
    // A suspect page keeps waiting for a confirming removal outcome; a removed page stays removed.
    if (state === 'suspect' || state === 'removed' || state === outcome) return stay;
    return { stateAfter: outcome, events: [move(outcome, outcome)], confirmAt: null };
  }

  // forbidden, rate_limited, extraction_failed, error: no evidence either way.
  return stay;
}

/** The confirming check of a suspect page: the end of the gap, or now when the gap has passed. */
function confirmTime(input: TransitionInput): number {
  const endOfGap = input.stateSince + input.confirmationGapMs;
  // Past the gap (the confirming check saw no removal outcome, only a failure): try again soon.
  return input.now < endOfGap ? endOfGap : input.now + Math.min(input.confirmationGapMs, 15 * 60_000);
}
