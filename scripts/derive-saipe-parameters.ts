/**
 * Prints the SAIPE distribution parameters the demo generator uses, derived from
 * `$ADOPTION_GAP_SHARED_DATA/saipe_school_districts_2023.csv` (default `../shared/data`). Paste the
 * output into `src/lib/demo/saipe-parameters.ts`; a unit test re-derives and compares them.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deriveSaipeParameters } from '#lib/demo/saipe-derivation.ts';

const folder = resolve(process.env.ADOPTION_GAP_SHARED_DATA ?? '../shared/data');
const text = readFileSync(resolve(folder, 'saipe_school_districts_2023.csv'), 'utf8');
console.log(JSON.stringify(deriveSaipeParameters(text), null, '\t'));
