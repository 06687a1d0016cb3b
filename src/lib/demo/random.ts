import { randomBinomial, randomLcg, randomNormal } from 'd3';

/** Seeded randomness for the demo generator, built on d3-random's linear congruential source. */
export interface Random {
	/** Uniform in [0, 1). */
	next(): number;
	/** Uniform in [min, max). */
	uniform(min: number, max: number): number;
	/** Integer uniform in [min, max] (both inclusive). */
	int(min: number, max: number): number;
	bernoulli(p: number): boolean;
	binomial(n: number, p: number): number;
	normal(mean: number, sd: number): number;
	/** One element, chosen uniformly. */
	pick<T>(items: readonly T[]): T;
	/** Index chosen with probability proportional to `weights`. */
	weightedIndex(weights: readonly number[]): number;
	/** A shuffled copy (Fisher-Yates). */
	shuffle<T>(items: readonly T[]): T[];
	/** `count` distinct elements in their original order. */
	sample<T>(items: readonly T[], count: number): T[];
	/** A string of `length` lowercase hexadecimal digits. */
	hex(length: number): string;
}

/** FNV-1a over the stream name, mixed with the seed: each stream gets its own LCG state. */
function streamSeed(seed: number, stream: string): number {
	let h = 0x811c9dc5 ^ (seed >>> 0);
	for (let i = 0; i < stream.length; i++) {
		h ^= stream.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return (h >>> 0) + 1;
}

/**
 * A seeded random stream. Independent parts of the generator use different `stream` names, so
 * changing one part does not shift the numbers drawn by the others.
 */
export function createRandom(seed: number, stream: string): Random {
	const source = randomLcg(streamSeed(seed, stream));
	const binomial = randomBinomial.source(source);
	const normal = randomNormal.source(source);
	const random: Random = {
		next: source,
		uniform: (min, max) => min + (max - min) * source(),
		int: (min, max) => min + Math.floor(source() * (max - min + 1)),
		bernoulli: (p) => source() < p,
		binomial: (n, p) => (n <= 0 || p <= 0 ? 0 : p >= 1 ? n : binomial(n, p)()),
		normal: (mean, sd) => normal(mean, sd)(),
		pick: (items) => items[Math.floor(source() * items.length)]!,
		weightedIndex(weights) {
			const total = weights.reduce((s, w) => s + w, 0);
			let u = source() * total;
			for (let i = 0; i < weights.length; i++) {
				u -= weights[i]!;
				if (u < 0) return i;
			}
			return weights.length - 1;
		},
		shuffle(items) {
			const out = [...items];
			for (let i = out.length - 1; i > 0; i--) {
				const j = Math.floor(source() * (i + 1));
				[out[i], out[j]] = [out[j]!, out[i]!];
			}
			return out;
		},
		sample(items, count) {
			const chosen = new Set(random.shuffle(items.map((_, i) => i)).slice(0, count));
			return items.filter((_, i) => chosen.has(i));
		},
		hex(length) {
			let s = '';
			while (s.length < length)
				s += Math.floor(source() * 0x10000)
					.toString(16)
					.padStart(4, '0');
			return s.slice(0, length);
		}
	};
	return random;
}
