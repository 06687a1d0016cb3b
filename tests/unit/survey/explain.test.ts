import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#lib/db/database.ts';
import type { SqlQuery } from '#lib/db/sql.ts';
import type { AnalysisOptions, GroupBy, Weighting } from '#lib/metrics/survey/analysis-rows.ts';
import {
	designInfoQuery,
	psuGroupSumsQuery,
	replicateGroupSumsQuery,
	replicateRatioQuery,
	replicateWeightsQuery
} from '#lib/metrics/survey/design-sums.ts';
import { cepShareQuery } from '#lib/metrics/survey/cep-share.ts';
import { SURVEY_METRICS } from '#lib/metrics/survey/index.ts';
import {
	povertyCutpointsQuery,
	type QuartileBasis,
	type QuartileScope
} from '#lib/poverty/district-poverty.ts';
import { POVERTY_SCHEME_IDS, povertyScheme, type PovertySchemeId } from '#lib/poverty/schemes.ts';
import '../../helpers/matchers.ts';
import { createSurveyFixtureDatabase } from '../../helpers/schema-db.ts';

/**
 * Every registered survey query and every query behind the published intervals passes `EXPLAIN`
 * on the fixture tables (tests/fixtures/survey), in every variant the options allow: each
 * poverty scheme, grouping, weighting, outcome, quartile basis and scope.
 */
let db: Database;
beforeAll(async () => {
	db = await createSurveyFixtureDatabase();
});
afterAll(() => db.close());

const GROUPINGS: readonly GroupBy[] = ['poverty', 'locale', 'none'];
const WEIGHTINGS: readonly Weighting[] = ['district', 'student'];

/** The quartile basis/scope pairs a scheme accepts: all four for quantile schemes, else none. */
function quantileVariants(scheme: PovertySchemeId) {
	if (!povertyScheme(scheme).quantiles || scheme === 'survey') return [{}];
	const bases: QuartileBasis[] = ['districts', 'students'];
	const scopes: QuartileScope[] = ['national', 'within_state'];
	return bases.flatMap((basis) => scopes.map((scope) => ({ basis, scope })));
}

/** Every analysis the survey module can be asked for on the stratified fixture. */
const ANALYSES: AnalysisOptions[] = POVERTY_SCHEME_IDS.flatMap((scheme) =>
	GROUPINGS.flatMap((groupBy) =>
		WEIGHTINGS.flatMap((weighting) =>
			quantileVariants(scheme).map((q) => ({
				surveyId: 'fx-strat',
				wave: 'fall 2024',
				outcome: 'trained' as const,
				weighting,
				scheme,
				groupBy,
				...q
			}))
		)
	)
);

const name = (a: AnalysisOptions) =>
	[a.scheme, a.groupBy, a.weighting, a.outcome, a.basis, a.scope].filter(Boolean).join(' / ');

async function expectAllValid(queries: readonly SqlQuery[]) {
	for (const query of queries) await expect(query).toBeValidQuery(db);
}

describe('EXPLAIN on the survey fixture tables', () => {
	it('covers every scheme and every grouping', () => {
		expect(new Set(ANALYSES.map((a) => a.scheme))).toEqual(new Set(POVERTY_SCHEME_IDS));
		// 3 groupings × 2 weightings for each of the 3 fixed schemes, and × 4 basis/scope pairs for
		// each of the 3 quantile schemes
		expect(ANALYSES).toHaveLength(3 * 3 * 2 + 3 * 3 * 2 * 4);
	});

	it.each(SURVEY_METRICS.map((m) => [m.id, m] as const))(
		'registered metric %s, in every variant',
		async (_, metric) => {
			const query = metric.query as (params: AnalysisOptions) => SqlQuery;
			await expectAllValid(ANALYSES.map(query));
		}
	);

	it.each(ANALYSES.map((a) => [name(a), a] as const))(
		'interval sums (PSU, replicate, replicate weights) for %s',
		async (_, analysis) => {
			const outcomes = (['trained', 'planned', 'projected'] as const).map((outcome) => ({
				...analysis,
				outcome
			}));
			await expectAllValid(
				outcomes.flatMap((a) => [
					psuGroupSumsQuery(a),
					replicateGroupSumsQuery(a),
					replicateWeightsQuery(a)
				])
			);
		}
	);

	it('design description, CEP share and poverty cutpoints', async () => {
		await expect(designInfoQuery('fx-strat', 'fall 2024')).toBeValidQuery(db);
		await expect(replicateRatioQuery('fx-fay', 'fall 2024')).toBeValidQuery(db);
		for (const scheme of ['frpl-nces4', 'frpl-nces3'] as const) {
			await expect(
				cepShareQuery({ surveyId: 'fx-strat', wave: 'fall 2024', scheme })
			).toBeValidQuery(db);
		}
		const classified = POVERTY_SCHEME_IDS.filter(
			(s): s is Exclude<PovertySchemeId, 'survey'> => s !== 'survey' && !!povertyScheme(s).quantiles
		);
		await expectAllValid(
			classified.flatMap((scheme) =>
				quantileVariants(scheme).map((q) =>
					povertyCutpointsQuery({ scheme, schoolYearStart: 2024, ...q })
				)
			)
		);
	});

	it('rejects a query that names a column the fixture tables lack', async () => {
		await expect({
			text: 'SELECT no_such_column FROM survey_responses',
			params: []
		}).not.toBeValidQuery(db);
	});
});
