import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import {
	trainingByPoverty,
	type TrainingByPovertyResult
} from '#lib/metrics/survey/training-by-poverty.ts';
import { createSchemaDatabase, loadCsv } from '../../helpers/schema-db.ts';

/**
 * Invariants of the survey estimators on random samples under each variance method (stratified
 * clusters by Taylor linearisation, JK1 replicate weights deleting one PSU each, weights only by
 * Kish): rates in [0, 1], intervals that bracket the estimate, and results unchanged by scaling
 * every weight by a constant or by permuting the rows.
 */
const HEADER =
	'survey_id,survey_wave,school_year_start,leaid,respondent_id,panel_id,weight,stratum,psu,repwt_method,enrollment_total,trained_teachers_ai,plans_train_ai_this_year,item_response_status,poverty_level_source,locale_source';

interface Row {
	stratum: number;
	psu: number;
	weight: number;
	y: number | null;
	level: string;
}

const rowArb = fc.record({
	stratum: fc.integer({ min: 1, max: 3 }),
	psu: fc.integer({ min: 1, max: 3 }),
	weight: fc.integer({ min: 1, max: 400 }).map((w) => w / 4),
	y: fc.constantFrom(0, 1, 1, 0, null),
	level: fc.constantFrom('low', 'middle', 'high', '')
});

let db: Database;
let next = 0;
beforeAll(async () => {
	db = await createSchemaDatabase();
});
afterAll(() => db.close());

type Design = 'taylor' | 'jk1' | 'kish';
const DESIGNS: readonly Design[] = ['taylor', 'jk1', 'kish'];
/** JK1 over PSUs p1–p3: replicate r deletes PSU r and scales the others by 3/2. */
const JK1_REPLICATES = 3;

async function run(
	rows: readonly Row[],
	scale = 1,
	design: Design = 'taylor'
): Promise<TrainingByPovertyResult> {
	const surveyId = `prop-${next++}`;
	const lines = rows.map((r, i) =>
		[surveyId, 'fall 2024', 2024, '', `r${i}`, '', r.weight * scale]
			.concat(
				design === 'taylor'
					? [`s${r.stratum}`, `p${r.psu}`, '']
					: design === 'jk1'
						? ['', `p${r.psu}`, 'JK1']
						: ['', '', '']
			)
			.concat([100, r.y ?? '', '', r.y === null ? 'skipped' : 'answered', r.level, ''])
			.join(',')
	);
	await loadCsv(db, 'survey_responses', [HEADER, ...lines].join('\n'));
	if (design === 'jk1') {
		const weights = rows.flatMap((r, i) =>
			Array.from({ length: JK1_REPLICATES }, (_, k) =>
				[surveyId, 'fall 2024', `r${i}`, k + 1, k + 1 === r.psu ? 0 : r.weight * scale * 1.5].join(
					','
				)
			)
		);
		await loadCsv(
			db,
			'survey_replicate_weights',
			['survey_id,survey_wave,respondent_id,replicate,weight', ...weights].join('\n')
		);
	}
	return trainingByPoverty(db, { surveyId, wave: 'fall 2024' });
}

function numbers(result: TrainingByPovertyResult): (number | null)[] {
	return [...result.groups, result.overall].flatMap((g) => [
		g.estimate_unsuppressed,
		g.se,
		g.lo,
		g.hi,
		g.n_eff
	]);
}

function expectSame(a: TrainingByPovertyResult, b: TrainingByPovertyResult) {
	const [x, y] = [numbers(a), numbers(b)];
	expect(y.length).toBe(x.length);
	x.forEach((v, i) => {
		// Relative to the figure's size: n_eff runs to tens of thousands, where rescaled weights
		// leave differences of a few 1e-9 in double arithmetic (fast-check found 19074 ± 2e-9).
		if (v === null) expect(y[i]).toBeNull();
		else expect(Math.abs(y[i]! - v)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v)));
	});
}

const samples = fc.array(rowArb, { minLength: 4, maxLength: 24 });
const runs = { numRuns: 12 };

describe.each(DESIGNS)('survey estimator invariants (%s)', (design) => {
	it('rates lie in [0, 1] and intervals bracket them', async () => {
		await fc.assert(
			fc.asyncProperty(samples, async (rows) => {
				const result = await run(rows, 1, design);
				expect(result.variance_method).toBe(design);
				for (const g of [...result.groups, result.overall]) {
					const p = g.estimate_unsuppressed;
					if (p === null) continue;
					expect(p).toBeGreaterThanOrEqual(0);
					expect(p).toBeLessThanOrEqual(1);
					if (g.lo !== null && g.hi !== null) {
						expect(g.lo).toBeLessThanOrEqual(p + 1e-12);
						expect(g.hi).toBeGreaterThanOrEqual(p - 1e-12);
					}
				}
			}),
			runs
		);
	});

	// Found by this property: one PSU has zero variance, which scaled weights turned into
	// rounding noise and an absurd n_eff.
	const ONE_PSU: Row[] = [11.25, 0.25, 0.25, 0.25, 0.25].map((weight, i) => ({
		stratum: 1,
		psu: 1,
		weight,
		y: i === 3 ? 1 : 0,
		level: 'low'
	}));

	it('scaling every weight by a constant changes nothing', async () => {
		await fc.assert(
			fc.asyncProperty(samples, fc.constantFrom(0.01, 3, 1000), async (rows, c) => {
				expectSame(await run(rows, 1, design), await run(rows, c, design));
			}),
			{ ...runs, examples: [[ONE_PSU, 0.01]] }
		);
	});

	it('permuting the rows changes nothing', async () => {
		await fc.assert(
			fc.asyncProperty(
				samples.chain((rows) =>
					fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length }))
				),
				async ([rows, shuffled]) => {
					expectSame(await run(rows, 1, design), await run(shuffled, 1, design));
				}
			),
			runs
		);
	});
});
