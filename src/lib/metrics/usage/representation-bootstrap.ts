import { quantileSorted, randomInt, randomLcg } from 'd3';
import { MIN_CLUSTERS } from './clustered-ratio.ts';
import { representationIndex } from './representation-index.ts';

/** One school (cluster) of a known poverty group: its base count and its dosage-meeters. */
export interface BootstrapUnit {
	readonly poverty_group: string;
	readonly base_n: number;
	readonly dosage_met_n: number;
}

export interface BootstrapOptions {
	/** Stored with every export so the interval can be reproduced (domain-spec §5.4, §6.5). */
	readonly seed: number;
	readonly resamples?: number;
	readonly level?: number;
}

export interface RepresentationBootstrap {
	seed: number;
	resamples: number;
	level: number;
	/** Percentile interval per group; null when a resample never defined the index. */
	intervals: Record<string, { lo: number; hi: number } | null>;
	/** Set when no interval is computed at all. */
	missing: 'too_few_schools' | null;
}

/** Each resample's index per group, one resample per step; the result once all are drawn. */
function* bootstrapSteps(
	units: readonly BootstrapUnit[],
	{ seed, resamples = 2000, level = 0.95 }: BootstrapOptions
): Generator<void, RepresentationBootstrap> {
	const byGroup = new Map<string, BootstrapUnit[]>();
	for (const u of units) byGroup.set(u.poverty_group, [...(byGroup.get(u.poverty_group) ?? []), u]);
	const groups = [...byGroup.keys()];
	const result = { seed, resamples, level, intervals: {}, missing: null };
	if ([...byGroup.values()].some((members) => members.length < MIN_CLUSTERS)) {
		return { ...result, missing: 'too_few_schools' };
	}
	const source = randomLcg(seed);
	const draws = new Map(groups.map((g) => [g, [] as number[]]));
	for (let b = 0; b < resamples; b++) {
		const totals = groups.map((g) => {
			const members = byGroup.get(g)!;
			const pick = randomInt.source(source)(members.length);
			let base_n = 0;
			let dosage_met_n = 0;
			for (let i = 0; i < members.length; i++) {
				const unit = members[pick()]!;
				base_n += unit.base_n;
				dosage_met_n += unit.dosage_met_n;
			}
			return { poverty_group: g, base_n, dosage_met_n };
		});
		for (const row of representationIndex(totals)) {
			if (row.representation_index !== null)
				draws.get(row.poverty_group)!.push(row.representation_index);
		}
		yield;
	}
	const tail = (1 - level) / 2;
	const intervals = Object.fromEntries(
		groups.map((g) => {
			const sorted = draws.get(g)!.sort((a, b) => a - b);
			if (sorted.length === 0) return [g, null];
			return [g, { lo: quantileSorted(sorted, tail)!, hi: quantileSorted(sorted, 1 - tail)! }];
		})
	);
	return { ...result, intervals };
}

/**
 * Cluster (school) bootstrap of the representation index (domain-spec §5.4 [D]): `resamples`
 * (default 2,000) times, draw each poverty group's schools with replacement within the group,
 * recompute every group's index, and take percentile limits (R type 7 quantiles). Seeded with d3-random's
 * `randomLcg(seed)`, so the same seed gives the same interval. Slow: run on demand only. No
 * interval when any group has fewer than 5 schools.
 */
export function bootstrapRepresentationIndex(
	units: readonly BootstrapUnit[],
	options: BootstrapOptions
): RepresentationBootstrap {
	const steps = bootstrapSteps(units, options);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}

/**
 * `bootstrapRepresentationIndex`, with the same result for the same seed, handing the thread
 * back (a macrotask) whenever it has run for `sliceMs`, so a page stays responsive meanwhile.
 */
export async function bootstrapRepresentationIndexInSlices(
	units: readonly BootstrapUnit[],
	options: BootstrapOptions,
	sliceMs = 30
): Promise<RepresentationBootstrap> {
	const steps = bootstrapSteps(units, options);
	let sliceStart = performance.now();
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
		if (performance.now() - sliceStart >= sliceMs) {
			await new Promise((resolve) => setTimeout(resolve, 0));
			sliceStart = performance.now();
		}
	}
}
