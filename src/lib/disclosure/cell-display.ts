import { codeRate, denominatorBand } from './coarsen.ts';
import {
	fromInput,
	inputNumber,
	withheld,
	type DisplayValue,
	type InputValue,
	type SuppressionReason
} from './display-value.ts';
import type { DisclosureProfile } from './profiles.ts';
import type { CellInput, DisclosedCell, DisclosurePolicy, RecordKind } from './view.ts';

/** The minimum n for a cell: the profile's, or its "all students" minimum (Texas). */
export function cellMinN(cell: CellInput, profile: DisclosureProfile): number {
	return cell.allStudents && profile.minNAllStudents !== null
		? profile.minNAllStudents
		: profile.minN;
}

/** The withheld display for a reason; `min_n` shows the cell's `n<…`. */
export function suppressed(reason: SuppressionReason, minN: number): DisplayValue {
	return reason === 'min_n'
		? { status: 'suppressed', reason, label: `n<${minN}` }
		: withheld(reason);
}

type Plain = Extract<DisplayValue, { value: number }>;
const isPlain = (v: DisplayValue): v is Plain => v.status === 'shown' || v.status === 'true_zero';

/** numerator / denominator, keeping why it cannot be computed (§4.4: `den = 0` → not applicable). */
function ratio(numerator: InputValue, denominator: InputValue): InputValue {
	const [num, den] = [inputNumber(numerator), inputNumber(denominator)];
	if (den === null) return denominator;
	if (den === 0) return { status: 'not_applicable', reason: 'zero_denominator' };
	return num === null ? numerator : num / den;
}

/** An interval bound or other figure follows a rate that is not shown exactly. */
function builtFrom(rate: DisplayValue): DisplayValue {
	if (rate.status === 'suppressed') return withheld('built_from_suppressed');
	if (rate.status === 'coarsened') return withheld('built_from_coarsened');
	return rate;
}

/**
 * One cell's displayed values. A cell withheld as a whole (`suppression`) hides every value for
 * that reason. Otherwise, for student records in public mode: counts withheld, denominator as a
 * band, rate top/bottom-coded by group size (§6.4 rules 2–3); in public mode an `unreliable`
 * rate is withheld as "‡" (§5.5); research mode shows values with their reliability flag.
 * Interval bounds are hidden whenever the rate is not shown exactly.
 */
export function displayCell(
	cell: CellInput,
	suppression: SuppressionReason | null,
	records: RecordKind,
	{ mode, profile }: DisclosurePolicy
): DisclosedCell {
	const minN = cellMinN(cell, profile);
	const reliability = cell.reliability ?? null;
	const base = { id: cell.id, keys: cell.keys, suppression, reliability };
	if (suppression !== null) {
		const hidden = suppressed(suppression, minN);
		const values = Object.fromEntries(Object.keys(cell.values ?? {}).map((k) => [k, hidden]));
		return { ...base, numerator: hidden, denominator: hidden, rate: hidden, values };
	}
	const privacy = records === 'student' && mode === 'public';
	const n = inputNumber(cell.denominator);
	let numerator = fromInput(cell.numerator);
	let denominator = fromInput(cell.denominator);
	let rate = fromInput(
		cell.rate !== undefined ? cell.rate : ratio(cell.numerator, cell.denominator)
	);
	if (privacy && n !== null) {
		denominator = denominatorBand(n, minN, profile);
		if (isPlain(numerator)) numerator = suppressed('counts_withheld', minN);
	}
	if (isPlain(rate)) {
		if (mode === 'public' && reliability === 'unreliable') rate = suppressed('unreliable', minN);
		else if (privacy && n !== null) rate = codeRate(rate.value, n, profile);
	}
	const values = Object.fromEntries(
		Object.entries(cell.values ?? {}).map(([key, v]) => [
			key,
			v.kind === 'interval' && !isPlain(rate) ? builtFrom(rate) : fromInput(v.value)
		])
	);
	return { ...base, numerator, denominator, rate, values };
}
