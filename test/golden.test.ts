/**
 * Golden fixtures: every case under test/fixtures/<source>/<case>/ must extract to exactly its expected.json
 * (every field listed, null meaning "must be absent") and render to exactly its expected.md. Regenerate with
 * `npm run fixtures:update` and review the diff like code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actualJson, actualMarkdown, listCases } from './golden/golden-cases.ts';

const cases = listCases();

describe('golden fixtures', () => {
  it('has at least 8 CDT cases covering the required kinds', () => {
    const cdt = cases.filter((c) => c.source === 'cdt');
    expect(cdt.length).toBeGreaterThanOrEqual(8);
    expect(new Set(cdt.map((c) => c.role))).toEqual(new Set(['article', 'listing', 'feed']));
  });

  for (const goldenCase of cases) {
    describe(`${goldenCase.source}/${goldenCase.name}: ${goldenCase.about}`, () => {
      const expected = JSON.parse(readFileSync(join(goldenCase.dir, 'expected.json'), 'utf8')) as Record<string, unknown>;
      const actual = actualJson(goldenCase);

      it('lists the same fields', () => {
        expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
      });
      const article = expected.article as Record<string, unknown> | null | undefined;
      if (article) {
        for (const field of Object.keys(article)) {
          it(`article.${field}`, () => {
            expect((actual.article as Record<string, unknown> | null)?.[field]).toEqual(article[field]);
          });
        }
      }
      for (const field of Object.keys(expected).filter((key) => key !== 'article')) {
        it(field, () => {
          expect(actual[field]).toEqual(expected[field]);
        });
      }
      it('expected.md', () => {
        expect(actualMarkdown(goldenCase)).toBe(readFileSync(join(goldenCase.dir, 'expected.md'), 'utf8'));
      });
    });
  }
});
