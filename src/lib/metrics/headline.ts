import type { Database } from '../db/database.ts';
import { sql } from '../db/sql.ts';
import { describeDosageRule } from '../dosage/rule.ts';
import { RELIABILITY_SYMBOL } from '../stats/reliability.ts';
import { trainingByPoverty } from './survey/training-by-poverty.ts';
import { clusteredRatio, type ClusterCounts } from './usage/clustered-ratio.ts';
import type { RateEstimate } from './usage/funnel-groups.ts';
import { usageFunnelByPoverty } from './usage/usage-funnel-by-poverty.ts';

/** One headline figure: a proportion with its 95% interval (null when it cannot be computed). */
export interface Figure {
	readonly estimate: number | null;
	readonly lo: number | null;
	readonly hi: number | null;
}

/** The figures of the first page: the training gap and the 5 percent problem. */
export interface HeadlineFigures {
	readonly survey_wave: string;
	/** Reliability symbol of domain-spec §5.5: '' ok, '!' interpret with caution, '‡' not met. */
	readonly training: readonly (Figure & {
		group: string;
		n_unweighted: number;
		reliability: string;
	})[];
	readonly training_gap: Figure;
	readonly school_year_start: number;
	/** The poverty scheme of the usage figures (SAIPE child-poverty quartiles by default). */
	readonly usage_scheme: string;
	readonly dosage_share: Figure & { licensed: number };
	readonly products: readonly {
		product_id: string;
		product_name: string;
		rule: string;
		share: Figure;
		lowest: Figure;
		highest: Figure;
		gap: Figure;
	}[];
}

const NO_FIGURE: Figure = { estimate: null, lo: null, hi: null };

function toFigure(e: Figure | null): Figure {
	return e ?? NO_FIGURE;
}

/**
 * Headline figures for the first page. Training: share of districts that had trained teachers on
 * AI (A1, domain-spec §3.1), district-weighted with survey weights, by the survey's own poverty
 * level, with design-based intervals and reliability flags (`trainingByPoverty`). Usage: share of
 * licensed students who met the dosage rule (D/L, §4.1), over district aggregates.
 */
export async function computeHeadline(
	db: Database,
	options: { surveyId: string; wave: string; schoolYear: number }
): Promise<HeadlineFigures> {
	const training = await trainingByPoverty(db, { surveyId: options.surveyId, wave: options.wave });
	const levels = ['low', 'middle', 'high'];
	const groups = levels.map((level) => {
		const row = training.groups.find((g) => g.group === level);
		return {
			group: level,
			n_unweighted: row?.n_unweighted ?? 0,
			reliability: RELIABILITY_SYMBOL[row?.reliability ?? 'unreliable'],
			estimate: row?.estimate ?? null,
			lo: row?.lo ?? null,
			hi: row?.hi ?? null
		};
	});
	const usage = await usageFunnelByPoverty(db, {
		schoolYear: options.schoolYear,
		grain: 'aggregate'
	});
	const pooled = await pooledDosageShare(db, options.schoolYear);
	const names = await db.query<{ product_id: string; product_name: string | null }>(
		'SELECT product_id, product_name FROM products'
	);
	return {
		survey_wave: options.wave,
		training: groups,
		training_gap: toFigure(training.gap?.difference ?? null),
		school_year_start: options.schoolYear,
		usage_scheme: usage.scheme,
		dosage_share: pooled,
		products: usage.products.map((p) => {
			const lowest = p.groups[0];
			const highest = p.groups.at(-1);
			return {
				product_id: p.product_id,
				product_name:
					names.find((n) => n.product_id === p.product_id)?.product_name ?? p.product_id,
				rule: p.rule.rule ? describeDosageRule(p.rule.rule) : 'no published dosage rule',
				share: toFigure(rateFigure(p.overall.rates.dosage_rate_access)),
				lowest: toFigure(lowest ? rateFigure(lowest.rates.dosage_rate_access) : null),
				highest: toFigure(highest ? rateFigure(highest.rates.dosage_rate_access) : null),
				gap: p.headline?.gap ?? NO_FIGURE
			};
		})
	};
}

function rateFigure(rate: RateEstimate): Figure {
	return { estimate: rate.estimate, lo: rate.lo, hi: rate.hi };
}

/**
 * D/L pooled over every product and district of the school year, from district aggregates
 * whose funnel is consistent (D ≤ A ≤ L); a ratio estimator with districts as clusters
 * (domain-spec §5.4), so its interval reflects how much districts differ.
 */
async function pooledDosageShare(
	db: Database,
	schoolYear: number
): Promise<Figure & { licensed: number }> {
	const units = await db.query<ClusterCounts>(sql`
		SELECT sum(dosage_met_n) AS numerator, sum(licensed_n) AS denominator
		FROM usage_aggregate
		WHERE unit_type = 'district' AND school_year_start = ${schoolYear}
			AND dosage_met_n <= activated_n AND activated_n <= licensed_n
		GROUP BY unit_id`);
	const ratio = clusteredRatio(units);
	return {
		licensed: units.reduce((s, u) => s + u.denominator, 0),
		estimate: ratio?.ratio ?? null,
		lo: ratio?.interval?.lo ?? null,
		hi: ratio?.interval?.hi ?? null
	};
}
