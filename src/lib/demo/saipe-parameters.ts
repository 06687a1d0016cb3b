import type { SaipeParameters } from './saipe-derivation.ts';

/**
 * Distribution parameters of the U.S. Census Bureau's SAIPE 2023 school-district estimates
 * [P][S30], derived from the staged `saipe_school_districts_2023.csv` [S52] by
 * `node scripts/derive-saipe-parameters.ts` (see `deriveSaipeParameters`): 13,143 districts of the
 * 50 states and DC (Puerto Rico left out); quantiles over the 13,137 with children aged 5-17.
 * The median child-poverty rate, 0.134, matches the staged file's PROVENANCE note (13.4%).
 * Aggregates only: no SAIPE row is copied. `tests/unit/demo/saipe-parameters.test.ts`
 * re-derives them from the shared file.
 */
export const SAIPE_2023_PARAMETERS: SaipeParameters = {
	// prettier-ignore
	districtsByState: {
		'01': 141, '02': 53, '04': 215, '05': 234, '06': 938, '08': 178, '09': 166, '10': 16,
		'11': 1, '12': 67, '13': 182, '15': 1, '16': 115, '17': 851, '18': 290, '19': 325,
		'20': 286, '21': 173, '22': 69, '23': 267, '24': 24, '25': 295, '26': 540, '27': 329,
		'28': 137, '29': 516, '30': 398, '31': 244, '32': 17, '33': 179, '34': 557, '35': 89,
		'36': 680, '37': 118, '38': 169, '39': 611, '40': 509, '41': 197, '42': 500, '44': 36,
		'45': 75, '46': 148, '47': 141, '48': 1018, '49': 41, '50': 52, '51': 136, '53': 295,
		'54': 55, '55': 421, '56': 48
	},
	povertyRateQuantiles: [
		0, 0.021, 0.0371, 0.0512, 0.0743, 0.0943, 0.1133, 0.134, 0.1548, 0.1801, 0.212, 0.2625, 0.3125,
		0.4156, 1
	],
	population517Quantiles: [
		1, 17, 82, 157, 321, 541, 825, 1193, 1731, 2583, 4135, 8105, 14772, 49053, 1188989
	],
	spearmanPovertyPopulation: -0.085
};
