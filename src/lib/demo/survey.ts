import { largestRemainder } from './allocate.ts';
import type { CsvRow } from './csv.ts';
import type { DemoDistrict } from './districts.ts';
import { publishedValue } from './published-figures.ts';
import type { Random } from './random.ts';
import type { SURVEY_RESPONSES } from '../schema/tables.ts';

export type PovertyLevel = 'low' | 'middle' | 'high';
type SurveyRow = CsvRow<typeof SURVEY_RESPONSES>;

export const POVERTY_LEVELS: readonly PovertyLevel[] = ['low', 'middle', 'high'];

/**
 * Shares of districts in the survey's own poverty levels [D]. RAND's cut-points are not published
 * (domain-spec §2.4); these shares make RAND's fall 2024 group rates average to its overall rate:
 * 0.26 × 0.67 + 0.54 × 0.42 + 0.20 × 0.39 = 0.479 ≈ 0.48 (S1 via S58).
 */
export const SURVEY_POVERTY_SHARES: Readonly<Record<PovertyLevel, number>> = {
	low: 0.26,
	middle: 0.54,
	high: 0.2
};
/** Sampling rate relative to other districts [D]: ASDP oversamples high-poverty districts [P][S6]. */
const OVERSAMPLING: Readonly<Record<PovertyLevel, number>> = { low: 1, middle: 1, high: 2.5 };
/** Item non-response of the training item [D]. */
const NONRESPONSE = { dont_know: 0.03, skipped: 0.02 };
const MIN_PER_STRATUM = 2;

/** One wave of the demo national survey: its size and the rates it is calibrated to. */
export interface WaveDesign {
	readonly survey_wave: string;
	readonly school_year_start: number;
	readonly respondents: number;
	readonly trained: Readonly<Record<PovertyLevel, number>>;
	/** Share of not-yet-trained districts that plan first-time training this school year. */
	readonly plansShareOfUntrained: number;
}

/** The two independent waves, sized like RAND's (~200 and ~300 districts, S48, S59b). */
export const DEMO_ASDP_WAVES: readonly WaveDesign[] = [
	{
		survey_wave: 'fall 2023',
		school_year_start: 2023,
		respondents: 200,
		// [D] RAND's fall 2023 rates by poverty are not published (R8 [U]), only that the gap was
		// first observed then (S59); chosen to average to R1's 23%: 0.26·0.32 + 0.54·0.21 + 0.20·0.17.
		trained: { low: 0.32, middle: 0.21, high: 0.17 },
		// R7: 60% trained or planning by the end of 2023-24, read as cumulative (S2 via S60) [D].
		plansShareOfUntrained:
			(publishedValue('R7') - publishedValue('R1')) / (1 - publishedValue('R1'))
	},
	{
		survey_wave: 'fall 2024',
		school_year_start: 2024,
		respondents: 300,
		trained: {
			low: publishedValue('R3'),
			middle: publishedValue('R4'),
			high: publishedValue('R5')
		},
		// R6: 26% of all districts = half of the 52% not yet trained (S1 via S59).
		plansShareOfUntrained: publishedValue('R6') / (1 - publishedValue('R2'))
	}
];

/** States whose every demo district answers the state census survey [D]: Oregon and Kentucky. */
export const STATE_CENSUS_FIPS: readonly string[] = ['41', '21'];

/** The survey's own poverty level: districts ranked by FRPL share, cut at `SURVEY_POVERTY_SHARES`. */
export function surveyPovertyLevels(districts: readonly DemoDistrict[]): Map<string, PovertyLevel> {
	const share = (d: DemoDistrict) => d.frpl_count / d.enrollment_total;
	const ranked = [...districts].sort(
		(a, b) => share(a) - share(b) || a.poverty_percentile - b.poverty_percentile
	);
	const lowEnd = Math.round(SURVEY_POVERTY_SHARES.low * ranked.length);
	const highStart = ranked.length - Math.round(SURVEY_POVERTY_SHARES.high * ranked.length);
	return new Map(
		ranked.map((d, i) => [d.leaid, i < lowEnd ? 'low' : i >= highStart ? 'high' : 'middle'])
	);
}

/** RAND-style 3-way locale (City → urban, Suburb → suburban, Town/Rural → rural) [D] §1.4. */
function localeSource(localeCode: number): string {
	const group = Math.floor(localeCode / 10);
	return group === 1 ? 'urban' : group === 2 ? 'suburban' : 'rural';
}

/** Sample sizes per stratum: proportional to size × oversampling, at least 2, at most the stratum. */
function allocate(total: number, sizes: readonly number[], rates: readonly number[]): number[] {
	const n = largestRemainder(
		total,
		sizes.map((s, i) => s * rates[i]!)
	);
	for (let i = 0; i < n.length; i++) {
		const target = Math.min(sizes[i]!, Math.max(MIN_PER_STRATUM, n[i]!));
		while (n[i]! < target) {
			const donor = n.indexOf(Math.max(...n));
			n[donor]!--;
			n[i]!++;
		}
		n[i] = Math.min(n[i]!, sizes[i]!);
	}
	return n;
}

interface Respondent {
	readonly district: DemoDistrict;
	readonly level: PovertyLevel;
	readonly weight: number;
	readonly stratum: string | null;
}

/**
 * Assigns the training items, calibrated within each group of respondents: exactly
 * round(p·n) of those who answered have trained, and round(q·m) of the m untrained plan to.
 */
function answer(
	group: readonly Respondent[],
	trainedRate: number,
	plansShare: number,
	random: Random
) {
	const status = new Map<Respondent, string>();
	for (const r of group) {
		const u = random.next();
		status.set(
			r,
			u < NONRESPONSE.dont_know
				? 'dont_know'
				: u < NONRESPONSE.dont_know + NONRESPONSE.skipped
					? 'skipped'
					: 'answered'
		);
	}
	const answered = random.shuffle(group.filter((r) => status.get(r) === 'answered'));
	const trained = new Set(answered.slice(0, Math.round(trainedRate * answered.length)));
	const untrained = answered.filter((r) => !trained.has(r));
	const plans = new Set(untrained.slice(0, Math.round(plansShare * untrained.length)));
	return (r: Respondent) => {
		const s = status.get(r)!;
		return {
			item_response_status: s,
			trained_teachers_ai: s === 'answered' ? (trained.has(r) ? 1 : 0) : null,
			plans_train_ai_this_year: s === 'answered' ? (plans.has(r) ? 1 : 0) : null
		};
	};
}

function toRow(
	r: Respondent,
	surveyId: string,
	wave: WaveDesign,
	respondentId: string,
	items: ReturnType<ReturnType<typeof answer>>
): SurveyRow {
	return {
		survey_id: surveyId,
		survey_wave: wave.survey_wave,
		school_year_start: wave.school_year_start,
		leaid: r.district.leaid,
		respondent_id: respondentId,
		panel_id: null,
		weight: r.weight,
		stratum: r.stratum,
		psu: r.stratum === null ? null : r.district.leaid,
		repwt_method: null,
		enrollment_total: r.district.enrollment_total,
		...items,
		poverty_level_source: r.level,
		locale_source: localeSource(r.district.locale_code)
	};
}

/** Calibrates and emits rows for respondents grouped by `groupOf`, sorted by LEAID. */
function respond(
	respondents: readonly Respondent[],
	groupOf: (r: Respondent) => string,
	surveyId: string,
	wave: WaveDesign,
	idPrefix: string,
	random: Random
): SurveyRow[] {
	const groups = new Map<string, Respondent[]>();
	for (const r of respondents) groups.set(groupOf(r), [...(groups.get(groupOf(r)) ?? []), r]);
	const rows: SurveyRow[] = [];
	for (const [, group] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
		const items = answer(group, wave.trained[group[0]!.level], wave.plansShareOfUntrained, random);
		for (const r of group)
			rows.push(toRow(r, surveyId, wave, `${idPrefix}-${r.district.leaid}`, items(r)));
	}
	return rows.sort((a, b) => (a.leaid! < b.leaid! ? -1 : 1));
}

/**
 * The national sample survey `demo-asdp`: per wave an independent stratified sample (strata =
 * poverty level × Census region, PSU = district) with weights N_h / n_h, calibrated per stratum
 * to the wave's rates.
 */
export function simulateNationalSurvey(
	districts: readonly DemoDistrict[],
	levels: ReadonlyMap<string, PovertyLevel>,
	random: Random
): SurveyRow[] {
	const strata = new Map<string, DemoDistrict[]>();
	for (const d of districts) {
		const key = `${levels.get(d.leaid)}-${d.state.region}`;
		strata.set(key, [...(strata.get(key) ?? []), d]);
	}
	const keys = [...strata.keys()].sort();
	const sizes = keys.map((k) => strata.get(k)!.length);
	const rates = keys.map((k) => OVERSAMPLING[k.split('-')[0] as PovertyLevel]);
	return DEMO_ASDP_WAVES.flatMap((wave) => {
		const n = allocate(wave.respondents, sizes, rates);
		const respondents = keys.flatMap((key, i) =>
			random.sample(strata.get(key)!, n[i]!).map((district) => ({
				district,
				level: levels.get(district.leaid)!,
				weight: Number((sizes[i]! / n[i]!).toFixed(6)),
				stratum: key
			}))
		);
		const prefix = `asdp-${wave.school_year_start}`;
		return respond(respondents, (r) => r.stratum!, 'demo-asdp', wave, prefix, random);
	});
}

/** The state census `demo-state-census`, fall 2024: every district of the two states, weight 1. */
export function simulateStateCensus(
	districts: readonly DemoDistrict[],
	levels: ReadonlyMap<string, PovertyLevel>,
	random: Random
): SurveyRow[] {
	const wave = DEMO_ASDP_WAVES.find((w) => w.survey_wave === 'fall 2024')!;
	const respondents = districts
		.filter((d) => STATE_CENSUS_FIPS.includes(d.state.fips))
		.map((district) => ({
			district,
			level: levels.get(district.leaid)!,
			weight: 1,
			stratum: null
		}));
	const groupOf = (r: Respondent) => `${r.district.state.fips}-${r.level}`;
	return respond(respondents, groupOf, 'demo-state-census', wave, 'census', random);
}
