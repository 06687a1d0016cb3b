import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clusteredRatio } from '#lib/metrics/usage/clustered-ratio.ts';
import { summarizeFunnel } from '#lib/metrics/usage/funnel-groups.ts';
import type { FunnelUnitRow } from '#lib/metrics/usage/funnel-unit.ts';

interface Reference {
	ratio: number;
	variance: number;
	n_eff: number;
	lo: number;
	hi: number;
}
/** Written by `Rscript tests/reference/usage.R` (survey::svyratio, schools as clusters). */
const R = JSON.parse(readFileSync('tests/reference/usage.json', 'utf8')) as Record<
	'activation_rate' | 'dosage_rate_access' | 'dosage_rate_active',
	Record<'all' | 'low' | 'high', Reference>
>;

/** Per-school counts from the same student file R reads, counted here in plain JavaScript. */
function schoolUnits(): FunnelUnitRow[] {
	const [, ...lines] = readFileSync('tests/fixtures/usage/clustered/students.csv', 'utf8')
		.trim()
		.split('\n');
	const units = new Map<string, FunnelUnitRow>();
	for (const line of lines) {
		const [school, group, licensed, activated, met] = line.split(',');
		const unit = units.get(school!) ?? {
			product_id: 'p',
			leaid: '0100001',
			ncessch: school!,
			poverty_group: group!,
			enrolled_n: 0,
			licensed_n: 0,
			activated_n: 0,
			regular_n: 0,
			dosage_met_n: 0,
			not_evaluable_n: 0,
			not_evaluable_enrolled_n: 0,
			not_evaluable_active_n: 0,
			funnel_inconsistent: false,
			overlicensed: false,
			enrolled_approximate: false
		};
		unit.enrolled_n! += Number(licensed);
		unit.licensed_n! += Number(licensed);
		unit.activated_n! += Number(activated);
		unit.dosage_met_n! += Number(met);
		units.set(school!, unit);
	}
	return [...units.values()];
}

describe('clustered usage intervals match R survey::svyratio (tests/reference/usage.json)', () => {
	const units = schoolUnits();
	const groups = {
		all: units,
		low: units.filter((u) => u.poverty_group === 'low'),
		high: units.filter((u) => u.poverty_group === 'high')
	};
	for (const [group, members] of Object.entries(groups)) {
		const row = summarizeFunnel('p', group, members);
		for (const rate of ['activation_rate', 'dosage_rate_access', 'dosage_rate_active'] as const) {
			it(`${rate} for ${group}`, () => {
				const expected = R[rate][group as 'all'];
				const got = row.rates[rate];
				expect(got.ci_method).toBe('clustered_wilson');
				expect(Math.abs(got.estimate! - expected.ratio)).toBeLessThan(1e-6);
				expect(Math.abs(got.n_eff! - expected.n_eff)).toBeLessThan(1e-6);
				expect(Math.abs(got.lo! - expected.lo)).toBeLessThan(1e-6);
				expect(Math.abs(got.hi! - expected.hi)).toBeLessThan(1e-6);
			});
		}
	}

	it('gives the variance itself to 1e-9 relative', () => {
		const clusters = groups.low.map((u) => ({
			numerator: u.dosage_met_n!,
			denominator: u.licensed_n!
		}));
		const got = clusteredRatio(clusters)!;
		const expected = R.dosage_rate_access.low.variance;
		expect(Math.abs(got.variance - expected) / expected).toBeLessThan(1e-9);
	});
});

describe('clusteredRatio edge cases (domain-spec §5.4)', () => {
	it('gives no interval with fewer than 5 schools', () => {
		const four = [1, 2, 3, 4].map((i) => ({ numerator: i, denominator: 10 }));
		expect(clusteredRatio(four)).toMatchObject({ ratio: 0.25, interval: null });
	});

	it('is null without any denominator', () => {
		expect(clusteredRatio([{ numerator: 0, denominator: 0 }])).toBeNull();
	});

	it('falls back to the student count when the variance is 0 (no one met the rule)', () => {
		const five = [1, 2, 3, 4, 5].map(() => ({ numerator: 0, denominator: 20 }));
		const got = clusteredRatio(five)!;
		expect(got.n_eff).toBe(100);
		// Wilson for 0/n (§5.1): lo = 0 and hi = z²/(n + z²) = 3.8415/103.8415 = 0.0370.
		expect(got.interval?.lo).toBeCloseTo(0, 12);
		expect(got.interval?.hi).toBeCloseTo(3.8415 / 103.8415, 4);
	});
});
