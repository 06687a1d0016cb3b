import { describe, expect, it } from 'vitest';
import { PUBLISHED_FIGURES as DEMO_FIGURES } from '#lib/demo/published-figures.ts';
import { PUBLISHED_FIGURES } from '#lib/metrics/survey/published.ts';

/**
 * The published benchmarks against domain-spec §3.4, transcribed here row by row (id, unit,
 * group, wave, value): every row that gives a value is in the table, with unit, weighting, tag
 * and source. R8 and R13 give no numbers and are absent.
 */
const SPEC_3_4 = [
	['R1', 'districts', 'all', 'fall 2023', 0.23],
	['R2', 'districts', 'all', 'fall 2024', 0.48],
	['R3', 'districts', 'low', 'fall 2024', 0.67],
	['R4', 'districts', 'middle', 'fall 2024', 0.42],
	['R5', 'districts', 'high', 'fall 2024', 0.39],
	['R6', 'districts', 'all', 'fall 2024', 0.26],
	['R7', 'districts', 'all', 'fall 2023', 0.6],
	['R9', 'teachers', 'all', 'fall 2023', 0.18],
	['R10', 'teachers', 'all', '2023-24', 0.25],
	['R11', 'principals', 'all', '2023-24', 0.58],
	['R12', 'principals', 'all', '2023-24', 0.18],
	['R12', 'principals', 'low', '2023-24', 0.25],
	['R12', 'principals', 'high', '2023-24', 0.13],
	['R14', 'students', 'all', 'spring 2025', 0.54],
	['R14', 'teachers', 'all', 'spring 2025', 0.53],
	['R15', 'districts', 'all', 'spring 2025', 0.35],
	['R16', 'students', 'all', '2025', 0.8],
	['X1', 'teachers', 'all', 'fall 2024', 0.43],
	['X2', 'schools', 'all', 'Dec 2024', 0.59]
] as const;

/** The weighting each unit implies (§3.4: a district-unit rate is district-weighted, and so on). */
const WEIGHTING_OF_UNIT = {
	districts: 'district',
	teachers: 'teacher',
	principals: 'principal',
	schools: 'school',
	students: 'student'
} as const;

const key = (f: { id: string; population_unit: string; group_value: string }) =>
	`${f.id}|${f.population_unit}|${f.group_value}`;

describe('published benchmarks (domain-spec §3.4)', () => {
	it('hold every row of §3.4 that gives a value, and nothing else', () => {
		expect(
			PUBLISHED_FIGURES.map((f) => [f.id, f.population_unit, f.group_value, f.survey_wave, f.value])
		).toEqual(SPEC_3_4);
		expect(new Set(PUBLISHED_FIGURES.map(key)).size).toBe(PUBLISHED_FIGURES.length);
	});

	it('give each row its unit, matching weighting, tag and source', () => {
		for (const f of PUBLISHED_FIGURES) {
			expect(f.weighting, key(f)).toBe(WEIGHTING_OF_UNIT[f.population_unit]);
			expect(['P', 'S', 'U'], key(f)).toContain(f.tag);
			expect(f.source_key, key(f)).toMatch(/^S\d+[a-z]?$/);
			expect(f.group_dim === 'all', key(f)).toBe(f.group_value === 'all');
		}
	});

	it('agree with the demo generator’s copy (published_estimates.csv) on every shared figure', () => {
		for (const demo of DEMO_FIGURES.filter((f) => f.id.startsWith('R'))) {
			const ours = PUBLISHED_FIGURES.filter(
				(f) => f.id === demo.id && f.group_value === demo.group_value
			);
			expect(ours, demo.id).toHaveLength(1);
			const [f] = ours;
			expect([f!.value, f!.survey_wave, f!.population_unit, f!.weighting], demo.id).toEqual([
				demo.value,
				demo.survey_wave,
				demo.population_unit,
				demo.weighting
			]);
		}
	});
});
