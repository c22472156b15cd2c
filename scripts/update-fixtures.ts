/**
 * Rewrites expected.json and expected.md of every golden case (or those whose path contains the argument)
 * from the current adapters. Review the diff like code before committing it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { actualJson, actualMarkdown, listCases } from '../test/golden/golden-cases.ts';

const filter = process.argv[2] ?? '';
const cases = listCases().filter((c) => `${c.source}/${c.name}`.includes(filter));
for (const goldenCase of cases) {
  writeFileSync(join(goldenCase.dir, 'expected.json'), `${JSON.stringify(actualJson(goldenCase), null, 2)}\n`);
  writeFileSync(join(goldenCase.dir, 'expected.md'), actualMarkdown(goldenCase));
  console.log(`updated ${goldenCase.source}/${goldenCase.name}`);
}
if (!cases.length) console.log(`no golden case matches "${filter}"`);
