import { readFileSync } from 'node:fs';
import type { InputValue } from '#lib/disclosure/display-value.ts';
import type { CellInput } from '#lib/disclosure/view.ts';

/** A cell as written in `tests/fixtures/disclosure/*.json`: only its size and partitions. */
export interface FixtureCell {
	id: string;
	n: InputValue;
	partOf?: string[];
	totalOf?: string[];
	allStudents?: boolean;
}

export function readFixture<T>(name: string): T {
	const url = new URL(`../../fixtures/disclosure/${name}`, import.meta.url);
	return JSON.parse(readFileSync(url, 'utf8')) as T;
}

/** A student cell with half its group counted in the numerator (irrelevant to suppression). */
export function toCell(cell: FixtureCell): CellInput {
	const numerator = typeof cell.n === 'number' ? Math.floor(cell.n / 2) : cell.n;
	return { ...cell, keys: { cell: cell.id }, numerator, denominator: cell.n };
}
