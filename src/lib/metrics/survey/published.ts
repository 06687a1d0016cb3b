/**
 * Published AI-training and AI-use figures (domain-spec §3.4), displayed beside user data and
 * never used as inputs. Each carries its wave, unit and weighting: district-, teacher-,
 * principal-, school- and student-unit rates never share an axis without a unit label.
 * No confidence intervals: RAND's group-level n were not published [U] ("CI not published").
 */
export interface PublishedFigure {
	/** Row id of domain-spec §3.4 (R1…R16, X1, X2). */
	id: string;
	metric: 'trained-teachers-ai' | 'plans-first-training-ai' | 'uses-ai' | 'ai-guidance';
	population_unit: 'districts' | 'teachers' | 'principals' | 'schools' | 'students';
	group_dim: 'all' | 'poverty_level';
	/** On a poverty axis: RAND's own 3-level groups, definition not published. */
	group_value: string;
	survey_wave: string;
	value: number;
	/** Published unweighted n, or null when not published. */
	n_unweighted: number | null;
	weighting: 'district' | 'teacher' | 'principal' | 'school' | 'student';
	tag: 'P' | 'S' | 'U';
	/** Citation keys of domain-spec §10. */
	source_key: string;
	note: string;
}

const rand = (fig: Omit<PublishedFigure, 'population_unit' | 'weighting'>): PublishedFigure => ({
	...fig,
	population_unit: 'districts',
	weighting: 'district'
});

export const PUBLISHED_FIGURES: readonly PublishedFigure[] = [
	rand({
		id: 'R1',
		metric: 'trained-teachers-ai',
		group_dim: 'all',
		group_value: 'all',
		survey_wave: 'fall 2023',
		value: 0.23,
		n_unweighted: 231,
		tag: 'S',
		source_key: 'S1',
		note: 'n ≈ 200 (EdWeek); report surveyed 231 districts (S48, S2)'
	}),
	rand({
		id: 'R2',
		metric: 'trained-teachers-ai',
		group_dim: 'all',
		group_value: 'all',
		survey_wave: 'fall 2024',
		value: 0.48,
		n_unweighted: null,
		tag: 'S',
		source_key: 'S1',
		note: '"nearly 300" districts (S48)'
	}),
	rand({
		id: 'R3',
		metric: 'trained-teachers-ai',
		group_dim: 'poverty_level',
		group_value: 'low',
		survey_wave: 'fall 2024',
		value: 0.67,
		n_unweighted: null,
		tag: 'S',
		source_key: 'S1',
		note: 'via S58, S59'
	}),
	rand({
		id: 'R4',
		metric: 'trained-teachers-ai',
		group_dim: 'poverty_level',
		group_value: 'middle',
		survey_wave: 'fall 2024',
		value: 0.42,
		n_unweighted: null,
		tag: 'S',
		source_key: 'S1',
		note: 'via S58'
	}),
	rand({
		id: 'R5',
		metric: 'trained-teachers-ai',
		group_dim: 'poverty_level',
		group_value: 'high',
		survey_wave: 'fall 2024',
		value: 0.39,
		n_unweighted: null,
		tag: 'S',
		source_key: 'S1',
		note: 'via S58, S59'
	}),
	rand({
		id: 'R6',
		metric: 'plans-first-training-ai',
		group_dim: 'all',
		group_value: 'all',
		survey_wave: 'fall 2024',
		value: 0.26,
		n_unweighted: null,
		tag: 'S',
		source_key: 'S1',
		note: 'planned first-time training during 2024-25; 74% cumulative projected by fall 2025 (a plan)'
	}),
	rand({
		id: 'R7',
		metric: 'plans-first-training-ai',
		group_dim: 'all',
		group_value: 'all',
		survey_wave: 'fall 2023',
		value: 0.6,
		n_unweighted: 231,
		tag: 'S',
		source_key: 'S2',
		note: 'planned to have trained by end of 2023-24 (via S60); urban districts least likely'
	}),
	{
		id: 'R9',
		metric: 'uses-ai',
		population_unit: 'teachers',
		group_dim: 'all',
		group_value: 'all',
		survey_wave: 'fall 2023',
		value: 0.18,
		n_unweighted: 1020,
		weighting: 'teacher',
		tag: 'P',
		source_key: 'S2',
		note: 'K-12 teachers using AI for teaching (+15% tried at least once)'
	},
	{
		id: 'R11',
		metric: 'uses-ai',
		population_unit: 'principals',
		group_dim: 'all',
		group_value: 'all',
		survey_wave: '2023-24',
		value: 0.58,
		n_unweighted: 1955,
		weighting: 'principal',
		tag: 'S',
		source_key: 'S4',
		note: 'principals using AI for their work (≈60%)'
	},
	{
		id: 'R12',
		metric: 'ai-guidance',
		population_unit: 'principals',
		group_dim: 'all',
		group_value: 'all',
		survey_wave: '2023-24',
		value: 0.18,
		n_unweighted: 1955,
		weighting: 'principal',
		tag: 'S',
		source_key: 'S4',
		note: 'school or district AI guidance; low-poverty 25%, high-poverty 13% (school poverty)'
	},
	{
		id: 'X1',
		metric: 'trained-teachers-ai',
		population_unit: 'teachers',
		group_dim: 'all',
		group_value: 'all',
		survey_wave: 'fall 2024',
		value: 0.43,
		n_unweighted: null,
		weighting: 'teacher',
		tag: 'U',
		source_key: 'S48',
		note: 'EdWeek Research Center 43% vs 47% as cited by RAND (S1): conflict'
	},
	{
		id: 'X2',
		metric: 'trained-teachers-ai',
		population_unit: 'schools',
		group_dim: 'all',
		group_value: 'all',
		survey_wave: 'Dec 2024',
		value: 0.59,
		n_unweighted: null,
		weighting: 'school',
		tag: 'S',
		source_key: 'S59b',
		note: 'schools that trained at least some teachers (federal principal survey, likely NCES School Pulse Panel [U])'
	}
];

/** RAND ASDP fall 2024, districts that had trained teachers on AI, by RAND's poverty groups. */
export const RAND_FALL_2024_BY_POVERTY = PUBLISHED_FIGURES.filter(
	(f) => f.metric === 'trained-teachers-ai' && f.group_dim === 'poverty_level'
);
