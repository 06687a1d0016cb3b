import { largestRemainder, interpolateKnots } from './allocate.ts';
import { DEMO_SCHOOL_YEAR } from './calendar.ts';
import type { CsvRow } from './csv.ts';
import { createNameGenerator } from './names.ts';
import type { Random } from './random.ts';
import { SAIPE_QUANTILE_PROBS } from './saipe-derivation.ts';
import { SAIPE_2023_PARAMETERS as SAIPE } from './saipe-parameters.ts';
import { STATES, type StateInfo } from '../geo/states.ts';
import type { DISTRICTS } from '../schema/tables.ts';

/** A simulated district with the attributes the demo tables need. */
export interface DemoDistrict {
	readonly leaid: string;
	readonly state: StateInfo;
	readonly lea_name: string;
	readonly locale_code: number;
	readonly enrollment_total: number;
	readonly free_lunch_count: number;
	readonly reduced_lunch_count: number;
	readonly frpl_count: number;
	readonly direct_cert_count: number;
	readonly cep_flag: boolean;
	readonly saipe_pop_5_17: number;
	readonly saipe_pov_5_17: number;
	/** Rank of the district's SAIPE child-poverty rate among demo districts, in (0, 1). */
	readonly poverty_percentile: number;
}

/** Demo frame size [D]; states get SAIPE's shares of districts (at least one each). */
export const DEMO_DISTRICT_TARGET = 2000;
/**
 * District numbers start above this [D]: LEAID = state FIPS + 5 digits, and SAIPE 2023 uses no
 * number from 92000 to 98999 in any state, so demo LEAIDs cannot collide with its districts.
 */
export const DEMO_DISTRICT_NUMBER_BASE = 95000;
/** Drop SAIPE's extreme 0.5% tails [D] (e.g. a 100% poverty rate or 1.19 million children). */
const TAIL = 0.005;
/** Public enrollment per SAIPE child aged 5-17 [D]: private and home schooling take the rest. */
const ENROLLMENT_PER_CHILD: readonly [number, number] = [0.8, 0.95];
const MIN_ENROLLMENT = 12;
/**
 * FRPL share from the SAIPE rate [D]: FRPL counts children up to 185% of the poverty line and
 * directly certified ones [P][S25], so it runs well above SAIPE's 100% line (PROVENANCE caveat).
 */
const FRPL = { intercept: 0.1, slope: 2.5, sd: 0.06, min: 0.03, max: 0.97 };
const REDUCED_SHARE_OF_FRPL: readonly [number, number] = [0.1, 0.2];
/** FRPL ≈ 1.6 × identified (directly certified) students: the CEP multiplier [S][S57]. */
const FRPL_PER_IDENTIFIED = 1.6;
/**
 * CEP eligibility: identified students ≥ 40% [P][S56]; 70% of eligible districts take part [D].
 * The demo's identified share is a noisy function of the poverty rate, so CEP is also kept to
 * districts whose child-poverty rate reaches SAIPE's 60th percentile [D]: some high-poverty
 * districts, as CEP is.
 */
const CEP = {
	isp_min: 0.4,
	participation: 0.7,
	min_poverty_rate: SAIPE.povertyRateQuantiles[SAIPE_QUANTILE_PROBS.indexOf(0.6)]!
};
/** Locale groups (city, suburb, town, rural) by enrollment band [D]: small districts are rural. */
const LOCALE_WEIGHTS: readonly { max: number; weights: readonly number[] }[] = [
	{ max: 1000, weights: [0.02, 0.08, 0.2, 0.7] },
	{ max: 5000, weights: [0.08, 0.22, 0.3, 0.4] },
	{ max: Infinity, weights: [0.3, 0.45, 0.15, 0.1] }
];

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Uniform scores in (TAIL, 1 - TAIL) from the ranks of `z`: the sample follows SAIPE's quantiles. */
function rankScores(z: readonly number[]): number[] {
	const order = z.map((_, i) => i).sort((a, b) => z[a]! - z[b]! || a - b);
	const scores = new Array<number>(z.length);
	order.forEach((i, rank) => (scores[i] = TAIL + ((1 - 2 * TAIL) * (rank + 0.5)) / z.length));
	return scores;
}

/**
 * Simulates the district frame. Child-poverty rates and child counts follow SAIPE 2023's
 * quantiles [P][S30] joined by a Gaussian copula with SAIPE's rank correlation (Pearson
 * r = 2 sin(πρ/6) for Spearman ρ); FRPL, CEP and locale follow the demo assumptions above.
 */
export function simulateDistricts(random: Random, names: Random): DemoDistrict[] {
	const counts = largestRemainder(
		DEMO_DISTRICT_TARGET,
		STATES.map((s) => SAIPE.districtsByState[s.fips] ?? 0)
	).map((c) => Math.max(1, c));
	const states = STATES.flatMap((s, i) => new Array<StateInfo>(counts[i]!).fill(s));
	const r = 2 * Math.sin((Math.PI * SAIPE.spearmanPovertyPopulation) / 6);
	const z1 = states.map(() => random.normal(0, 1));
	const z2 = z1.map((z) => r * z + Math.sqrt(1 - r * r) * random.normal(0, 1));
	const povertyScores = rankScores(z1);
	const sizeScores = rankScores(z2);
	const nextName = createNameGenerator(names);
	const numberInState = new Map<string, number>();
	return states.map((state, i) => {
		const number = (numberInState.get(state.fips) ?? 0) + 1;
		numberInState.set(state.fips, number);
		const probs = SAIPE_QUANTILE_PROBS;
		const rate = interpolateKnots(probs, SAIPE.povertyRateQuantiles, povertyScores[i]!);
		const pop = Math.max(
			1,
			Math.round(interpolateKnots(probs, SAIPE.population517Quantiles, sizeScores[i]!, 'log'))
		);
		const poor = Math.round(rate * pop);
		const enrollment = Math.max(
			MIN_ENROLLMENT,
			Math.round(pop * random.uniform(...ENROLLMENT_PER_CHILD))
		);
		const frplShare = clamp(
			FRPL.intercept + FRPL.slope * rate + random.normal(0, FRPL.sd),
			FRPL.min,
			FRPL.max
		);
		const frpl = Math.round(enrollment * frplShare);
		const reduced = Math.round(frpl * random.uniform(...REDUCED_SHARE_OF_FRPL));
		const directCert = Math.min(
			frpl - reduced,
			Math.round((frpl / FRPL_PER_IDENTIFIED) * random.uniform(0.9, 1.1))
		);
		// Tested after the participation draw, so the filter leaves every other random draw unchanged.
		const cep =
			directCert / enrollment >= CEP.isp_min &&
			random.bernoulli(CEP.participation) &&
			poor / pop >= CEP.min_poverty_rate;
		const group = random.weightedIndex(LOCALE_WEIGHTS.find((b) => enrollment <= b.max)!.weights);
		return {
			leaid: state.fips + String(DEMO_DISTRICT_NUMBER_BASE + number),
			state,
			lea_name: nextName(),
			locale_code: 10 * (group + 1) + random.int(1, 3),
			enrollment_total: enrollment,
			// Under CEP every student is counted free: the FRPL distortion of [P][S28].
			free_lunch_count: cep ? enrollment : frpl - reduced,
			reduced_lunch_count: cep ? 0 : reduced,
			frpl_count: cep ? enrollment : frpl,
			direct_cert_count: directCert,
			cep_flag: cep,
			saipe_pop_5_17: pop,
			saipe_pov_5_17: poor,
			poverty_percentile: povertyScores[i]!
		};
	});
}

/** Rows of `districts.csv` for school year 2024 (SAIPE 2023 estimates; CCD type 1 = regular). */
export function districtRows(districts: readonly DemoDistrict[]): CsvRow<typeof DISTRICTS>[] {
	return districts.map((d) => ({
		leaid: d.leaid,
		school_year_start: DEMO_SCHOOL_YEAR.school_year_start,
		lea_name: d.lea_name,
		state_fips: d.state.fips,
		state_abbr: d.state.abbr,
		census_region: d.state.region,
		lea_type: '1',
		locale_code: d.locale_code,
		enrollment_total: d.enrollment_total,
		free_lunch_count: d.free_lunch_count,
		reduced_lunch_count: d.reduced_lunch_count,
		frpl_count: d.frpl_count,
		direct_cert_count: d.direct_cert_count,
		cep_flag: d.cep_flag,
		saipe_year: 2023,
		saipe_pop_5_17: d.saipe_pop_5_17,
		saipe_pov_5_17: d.saipe_pov_5_17,
		meps_pct: null,
		frpl_pct_interval_lo: null,
		frpl_pct_interval_hi: null
	}));
}
