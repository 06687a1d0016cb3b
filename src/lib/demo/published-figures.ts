import type { CsvRow } from './csv.ts';
import type { PUBLISHED_ESTIMATES } from '../schema/tables.ts';

/** A published benchmark of domain-spec §3.4 / §4.6, with the id the spec gives it. */
export type PublishedFigure = CsvRow<typeof PUBLISHED_ESTIMATES> & {
	readonly id: string;
	readonly value: number;
};

const RAND_S1 = 'https://www.rand.org/pubs/research_reports/RRA956-31.html';
const RAND_S2 = 'https://www.rand.org/pubs/research_reports/RRA956-21.html';
const VIA_S58 =
	'read via S58 (Education Daily Wire 2025-04-08): https://educationdailywire.com/stories/670808554-majority-of-districts-initiate-ai-training-for-teachers-reveals-recent-survey';
const TRAINED = 'trained_teachers_ai';

const rand = (
	id: string,
	groupValue: string,
	wave: 'fall 2023' | 'fall 2024',
	value: number,
	note: string,
	metric = TRAINED
): PublishedFigure => ({
	id,
	source_key: 'S1',
	metric,
	population_unit: 'districts',
	group_dim: groupValue === 'all' ? 'all' : 'poverty_level',
	group_value: groupValue,
	survey_wave: wave,
	school_year_start: wave === 'fall 2023' ? 2023 : 2024,
	value,
	se: null,
	moe: null,
	n_unweighted: null,
	weighting: 'district',
	tag: 'S',
	url: RAND_S1,
	note
});

/**
 * RAND American School District Panel figures R1–R7 (domain-spec §3.4: S1 Diliberti, Lake &
 * Weiner 2025, RR-A956-31, via S48/S58/S59; R7 from S2 via S60) and the Holt/Horn usage benchmark
 * U1 (§4.6: S7, S8, S10). Values are proportions. No standard errors or group sizes were
 * published (§3.2), so `se`, `moe` and `n_unweighted` are empty except R7's 231 districts (S2).
 */
export const PUBLISHED_FIGURES: readonly PublishedFigure[] = [
	rand(
		'R1',
		'all',
		'fall 2023',
		0.23,
		'Weighted to all U.S. public districts; about 200 districts surveyed (S48; S2 reports 231).'
	),
	rand(
		'R2',
		'all',
		'fall 2024',
		0.48,
		'Weighted to all U.S. public districts; nearly 300 districts surveyed (S48, S59b).'
	),
	rand(
		'R3',
		'low',
		'fall 2024',
		0.67,
		`Low-poverty districts; RAND's poverty cut-points not published. Figure ${VIA_S58}`
	),
	rand('R4', 'middle', 'fall 2024', 0.42, `Middle-poverty districts. Figure ${VIA_S58}`),
	rand('R5', 'high', 'fall 2024', 0.39, `High-poverty districts. Figure ${VIA_S58}`),
	rand(
		'R6',
		'all',
		'fall 2024',
		0.26,
		'Not yet trained and planning first-time training in 2024-25; with R2 a projected 74% by fall 2025 (a plan, not an observed rate). Via S59.',
		'plans_train_ai_this_year'
	),
	{
		...rand(
			'R7',
			'all',
			'fall 2023',
			0.6,
			'Districts planning to have trained teachers by the end of 2023-24 (cumulative); urban districts least likely. S2 via S60.',
			'trained_or_plans_by_year_end'
		),
		source_key: 'S2',
		n_unweighted: 231,
		url: RAND_S2
	},
	{
		id: 'U1',
		source_key: 'S8',
		metric: 'dosage_rate_access',
		population_unit: 'students',
		group_dim: 'all',
		group_value: 'all',
		survey_wave: null,
		school_year_start: 2020,
		value: 0.047,
		se: null,
		moe: null,
		n_unweighted: null,
		weighting: 'student',
		tag: 'S',
		url: 'https://www.christenseninstitute.org/blog/the-solution-for-the-other-95-percent-to-learn-math/',
		note: 'Khan Academy + NWEA MAP Accelerator 2020-21 study of 180,307 students (S10): 4.7% used it >= 30 min/week (Horn, S8; denominator not confirmed); Holt reports roughly 5% in each study (S7).'
	}
];

/** The value of a published figure by its domain-spec id (e.g. `R3`). */
export function publishedValue(id: string): number {
	const figure = PUBLISHED_FIGURES.find((f) => f.id === id);
	if (!figure) throw new Error(`unknown published figure: ${id}`);
	return figure.value;
}

/** Rows of `published_estimates.csv` (the `id` is the row's note prefix, not a column). */
export function publishedEstimateRows(): CsvRow<typeof PUBLISHED_ESTIMATES>[] {
	return PUBLISHED_FIGURES.map(({ id, note, ...row }) => ({ ...row, note: `${id}: ${note}` }));
}
