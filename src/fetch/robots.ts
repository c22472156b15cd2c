/**
 * robots.txt, obeyed by crawls unless a source says otherwise: fetched once per origin through the same
 * fetcher and limiter, parsed with robots-parser. Following RFC 9309: a missing robots.txt (4xx) allows
 * everything; one that cannot be fetched (5xx, network failure) disallows the whole origin for this run.
 */
import robotsParserModule from 'robots-parser';
import type { FetchResult } from './types.ts';

/** robots-parser is CommonJS whose module is the parser function; its typings do not say so under NodeNext. */
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => { isAllowed(url: string, ua?: string): boolean | undefined };

/** Answers whether a URL may be crawled. */
export interface RobotsGate {
  allowed(url: string): Promise<boolean>;
}

type Rules = { isAllowed(url: string, ua?: string): boolean | undefined } | 'allow-all' | 'disallow-all';

export function createRobotsGate(fetch: (url: string) => Promise<FetchResult>, userAgent: string): RobotsGate {
  const byOrigin = new Map<string, Promise<Rules>>();
  const agent = userAgent.split(/[\s/]/)[0] ?? userAgent;
  const rulesFor = (origin: string): Promise<Rules> => {
    let rules = byOrigin.get(origin);
    if (!rules) {
      const robotsUrl = `${origin}/robots.txt`;
      rules = fetch(robotsUrl).then((result): Rules => {
        if (result.failure || result.status === null || result.status >= 500) return 'disallow-all';
        if (result.status >= 400) return 'allow-all';
        return result.status < 300 && result.text !== null ? robotsParser(robotsUrl, result.text) : 'allow-all';
      });
      byOrigin.set(origin, rules);
    }
    return rules;
  };
  return {
    async allowed(url: string): Promise<boolean> {
      const rules = await rulesFor(new URL(url).origin);
      if (rules === 'allow-all') return true;
      if (rules === 'disallow-all') return false;
      return rules.isAllowed(url, agent) !== false;
    },
  };
}
