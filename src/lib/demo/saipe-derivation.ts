import { quantileSorted } from 'd3';
import Papa from 'papaparse';
import { stateByFips } from '../geo/states.ts';

/** Probabilities at which the SAIPE distributions are summarised (inverse-CDF knots). */
export const SAIPE_QUANTILE_PROBS = [
	0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1
] as const;

/** Distribution parameters of SAIPE 2023 school districts (aggregates only, never rows). */
export interface SaipeParameters {
	/** Districts per state FIPS code (50 states + DC; Puerto Rico left out). */
	readonly districtsByState: Readonly<Record<string, number>>;
	/** Child-poverty rate `pov_5_17 / pop_5_17` at `SAIPE_QUANTILE_PROBS` (districts with pop > 0). */
	readonly povertyRateQuantiles: readonly number[];
	/** Children aged 5-17 at `SAIPE_QUANTILE_PROBS` (districts with pop > 0). */
	readonly population517Quantiles: readonly number[];
	/** Spearman rank correlation of the poverty rate with the number of children aged 5-17. */
	readonly spearmanPovertyPopulation: number;
}

interface SaipeRow {
	state_fips: string;
	est_population_5_17: string;
	est_children_5_17_in_poverty: string;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** Average ranks (1-based; ties share their mean rank). */
function averageRanks(values: readonly number[]): number[] {
	const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
	const ranks = new Array<number>(values.length);
	for (let start = 0; start < order.length;) {
		let end = start;
		while (end + 1 < order.length && values[order[end + 1]!] === values[order[start]!]) end++;
		for (let k = start; k <= end; k++) ranks[order[k]!] = (start + end) / 2 + 1;
		start = end + 1;
	}
	return ranks;
}

function pearson(x: readonly number[], y: readonly number[]): number {
	const n = x.length;
	const mx = x.reduce((s, v) => s + v, 0) / n;
	const my = y.reduce((s, v) => s + v, 0) / n;
	let sxy = 0;
	let sxx = 0;
	let syy = 0;
	for (let i = 0; i < n; i++) {
		const dx = x[i]! - mx;
		const dy = y[i]! - my;
		sxy += dx * dy;
		sxx += dx * dx;
		syy += dy * dy;
	}
	return sxy / Math.sqrt(sxx * syy);
}

function quantiles(values: number[]): number[] {
	values.sort((a, b) => a - b);
	return SAIPE_QUANTILE_PROBS.map((p) => quantileSorted(values, p) ?? NaN);
}

/**
 * Derives the demo generator's SAIPE parameters from the text of
 * `saipe_school_districts_2023.csv` (U.S. Census Bureau SAIPE 2023 [P][S30][S52]). Quantiles use
 * linear interpolation (R type 7, as d3 and DuckDB's `quantile_cont`); rates are rounded to 4
 * decimals, populations to whole children, the correlation to 3 decimals.
 */
export function deriveSaipeParameters(csvText: string): SaipeParameters {
	const parsed = Papa.parse<SaipeRow>(csvText, { header: true, skipEmptyLines: true });
	const rows = parsed.data.filter((r) => stateByFips(r.state_fips) !== undefined);
	const districtsByState: Record<string, number> = {};
	for (const r of rows) districtsByState[r.state_fips] = (districtsByState[r.state_fips] ?? 0) + 1;
	const populated = rows
		.map((r) => ({
			pop: Number(r.est_population_5_17),
			pov: Number(r.est_children_5_17_in_poverty)
		}))
		.filter((r) => r.pop > 0);
	const rates = populated.map((r) => r.pov / r.pop);
	const pops = populated.map((r) => r.pop);
	return {
		districtsByState,
		povertyRateQuantiles: quantiles([...rates]).map((q) => round(q, 4)),
		population517Quantiles: quantiles([...pops]).map((q) => round(q, 0)),
		spearmanPovertyPopulation: round(pearson(averageRanks(rates), averageRanks(pops)), 3)
	};
}
