/**
 * An onlooker's attack, written independently of the module under test: every published cell's
 * count is known; each displayed partition with its total says `total − Σ parts = 0`. Add up
 * every choice of partitions with signs −1, 0 or +1; whenever the sum leaves exactly one
 * unknown cell, that cell is recovered and becomes known; repeat until nothing new is learnt.
 */
export interface Equation {
	total: string;
	parts: string[];
}

export function recoverByCombination(
	equations: readonly Equation[],
	known: ReadonlyMap<string, number>
): Map<string, number> {
	const values = new Map(known);
	const recovered = new Map<string, number>();
	for (let progress = true; progress;) {
		progress = false;
		for (const signs of signChoices(equations.length)) {
			const coefficient = new Map<string, number>();
			let constant = 0;
			signs.forEach((sign, i) => {
				const eq = equations[i];
				if (!eq || sign === 0) return;
				const terms: [string, number][] = [
					[eq.total, sign],
					...eq.parts.map((p) => [p, -sign] as [string, number])
				];
				for (const [id, c] of terms) {
					const value = values.get(id);
					if (value === undefined) coefficient.set(id, (coefficient.get(id) ?? 0) + c);
					else constant += c * value;
				}
			});
			const unknown = [...coefficient].filter(([, c]) => c !== 0);
			const single = unknown.length === 1 ? unknown[0] : undefined;
			if (single) {
				const value = -constant / single[1];
				values.set(single[0], value);
				recovered.set(single[0], value);
				progress = true;
			}
		}
	}
	return recovered;
}

function* signChoices(m: number): Generator<number[]> {
	const total = 3 ** m;
	for (let code = 1; code < total; code++) {
		const signs: number[] = [];
		for (let i = 0, c = code; i < m; i++, c = Math.floor(c / 3)) signs.push((c % 3) - 1);
		yield signs;
	}
}
