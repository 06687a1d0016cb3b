/**
 * Published AI-training and AI-use figures (domain-spec §3.4), displayed beside user data and
 * never used as inputs. Each carries its wave, unit and weighting: district-, teacher-,
 * principal-, school- and student-unit rates never share an axis without a unit label.
 * No confidence intervals: RAND's group-level n were not published [U] ("CI not published").
 */
export interface PublishedFigure {
	/**
	 * Row id of domain-spec §3.4 (R1…R16, X1, X2). A row that gives several values (R12's
	 * all/low/high, R14's students/teachers) keeps its id on each; (id, unit, group) is unique.
	 */
	id: string;
	metric:
		| 'trained-teachers-ai'
		| 'plans-first-training-ai'
		| 'uses-ai'
		| 'ai-guidance'
		| 'trains-students-ai'
		| 'not-taught-ai-use';
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
		id: 'R10',
		metric: 'uses-ai',
		population_unit: 'teachers',
		group_dim: 'all',
		group_value: 'all',
		survey_wave: '2023-24',
		value: 0.25,
		n_unweighted: 1878,
		weighting: 'teacher',
		tag: 'S',
		source_key: 'S4',
		note: 'ELA, math and science teachers using AI for planning or teaching (ELA ≈40%, science 37%, math 21%, general elementary 18%)'
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
	...(
		[
			['all', 0.18],
			['low', 0.25],
			['high', 0.13]
		] as const
	).map(([group, value]): PublishedFigure => ({
		id: 'R12',
		metric: 'ai-guidance',
		population_unit: 'principals',
		group_dim: group === 'all' ? 'all' : 'poverty_level',
		group_value: group,
		survey_wave: '2023-24',
		value,
		n_unweighted: 1955,
		weighting: 'principal',
		tag: 'S',
		source_key: 'S4',
		note:
			group === 'all'
				? 'principals reporting school or district AI guidance'
				: `${group}-poverty schools (school poverty, not district; RAND's cut-points not published)`
	})),
	{
		id: 'R14',
		metric: 'uses-ai',
		population_unit: 'students',
		group_dim: 'all',
		group_value: 'all',
		survey_wave: 'spring 2025',
		value: 0.54,
		n_unweighted: null,
		weighting: 'student',
		tag: 'S',
		source_key: 'S5',
		note: 'students using AI for school (+15 points or more vs 1–2 years earlier); >16,000 respondents across panels'
	},
	{
		id: 'R14',
		metric: 'uses-ai',
		population_unit: 'teachers',
		group_dim: 'all',
		group_value: 'all',
		survey_wave: 'spring 2025',
		value: 0.53,
		n_unweighted: null,
		weighting: 'teacher',
		tag: 'S',
		source_key: 'S5',
		note: 'ELA, math and science teachers using AI for school; >16,000 respondents across panels'
	},
	rand({
		id: 'R15',
		metric: 'trains-students-ai',
		group_dim: 'all',
		group_value: 'all',
		survey_wave: 'spring 2025',
		value: 0.35,
		n_unweighted: null,
		tag: 'S',
		source_key: 'S5',
		note: 'district leaders providing AI training to students'
	}),
	{
		id: 'R16',
		metric: 'not-taught-ai-use',
		population_unit: 'students',
		group_dim: 'all',
		group_value: 'all',
		survey_wave: '2025',
		value: 0.8,
		n_unweighted: null,
		weighting: 'student',
		tag: 'S',
		source_key: 'S5',
		note: 'a lower bound: "more than 80%" of students say teachers did not explicitly teach them how to use AI for schoolwork'
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
	(f) =>
		f.metric === 'trained-teachers-ai' &&
		f.group_dim === 'poverty_level' &&
		f.survey_wave === 'fall 2024'
);
