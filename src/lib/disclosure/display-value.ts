/**
 * What a view may show for one number, after disclosure control (domain-spec §6.4) and the
 * reliability rules (§5.5). The four kinds of "no plain number" stay distinct through every
 * result (§1.6): `missing` (unknown), `suppressed` (known but withheld), `not_applicable` (no
 * such quantity, e.g. a rate over zero students) and `true_zero` (a zero that passed the
 * rules; never shown as missing). Every suppressed or coarsened value carries its reason.
 */
export type Missingness = 'missing' | 'suppressed' | 'not_applicable' | 'true_zero';

/** A value's status: one of the four, or shown exactly, or shown as a range. */
export type DisplayStatus = 'shown' | 'coarsened' | Missingness;

/** Why a value is withheld. */
export type SuppressionReason =
	/** The group is smaller than the profile's minimum n (§6.4 rule 1). */
	| 'min_n'
	/** The group is one student: a student-level record, never shown in any mode. */
	| 'single_student'
	/** Hidden so that another hidden cell cannot be recovered by subtraction (§6.4 rule 4). */
	| 'complementary'
	/** Raw student counts are not shown in public mode (§6.4 rule 2). */
	| 'counts_withheld'
	/** The estimate fails the reliability standard, shown as "‡" (§5.5). */
	| 'unreliable'
	/** Built from a count or rate that is suppressed. */
	| 'built_from_suppressed'
	/** Built from a rate shown only as a range; the exact figure would reveal it. */
	| 'built_from_coarsened'
	/** Already suppressed in the source file (e.g. CCD `-3`, §1.6). */
	| 'supplier_suppressed';

/** Why a value is shown as a range. */
export type CoarseningReason = 'bottom_coded' | 'top_coded' | 'banded';

export type DisplayValue =
	| { readonly status: 'shown'; readonly value: number }
	| { readonly status: 'true_zero'; readonly value: 0 }
	| {
			readonly status: 'coarsened';
			readonly reason: CoarseningReason;
			/** The range the value lies in; `hi` null for an open band ("300+"). */
			readonly lo: number;
			readonly hi: number | null;
			readonly label: string;
	  }
	| { readonly status: 'suppressed'; readonly reason: SuppressionReason; readonly label: string }
	| { readonly status: 'missing' | 'not_applicable'; readonly reason: string };

/**
 * A number that is not available in the input, with why (§1.6 `missing_reason`): unknown,
 * not applicable, or suppressed by the supplier. `null` in an input means `missing`.
 */
export interface Absent {
	readonly status: 'missing' | 'not_applicable' | 'suppressed';
	readonly reason: string;
}

/** An input number: a value, `null` (missing), or an `Absent` with its reason. */
export type InputValue = number | null | Absent;

/** Short labels for withheld values; `min_n` uses the profile's `n<…` text instead. */
export const SUPPRESSION_LABEL: Readonly<Record<Exclude<SuppressionReason, 'min_n'>, string>> = {
	single_student: 'n<2',
	complementary: '*',
	counts_withheld: '—',
	unreliable: '‡',
	built_from_suppressed: '*',
	built_from_coarsened: '*',
	supplier_suppressed: 'S'
};

/** One sentence per reason, for tooltips, footnotes and export metadata. */
export const SUPPRESSION_EXPLANATION: Readonly<Record<SuppressionReason, string>> = {
	min_n: 'Fewer students than the minimum group size; hidden to protect privacy.',
	single_student: 'A single student; student-level records are never shown.',
	complementary:
		'Hidden so that a smaller hidden group cannot be worked out by subtraction, here or from another view.',
	counts_withheld: 'Student counts are not shown in public mode; rates and size bands are.',
	unreliable: 'Reporting standards not met: the estimate is too imprecise to show.',
	built_from_suppressed: 'Computed from a figure that is hidden.',
	built_from_coarsened: 'Computed from a figure shown only as a range.',
	supplier_suppressed: 'Suppressed in the source file.'
};

/** A withheld value with its reason's label (`min_n` takes the cell's `n<…`, see `displayCell`). */
export function withheld(reason: Exclude<SuppressionReason, 'min_n'>): DisplayValue {
	return { status: 'suppressed', reason, label: SUPPRESSION_LABEL[reason] };
}

/** A value shown as is: zero becomes `true_zero`. */
export function shown(value: number): DisplayValue {
	return value === 0 ? { status: 'true_zero', value: 0 } : { status: 'shown', value };
}

/** The display of an input number (no rule applied), keeping its kind of absence. */
export function fromInput(value: InputValue): DisplayValue {
	if (value === null) return { status: 'missing', reason: 'missing' };
	if (typeof value === 'number') {
		return Number.isFinite(value) ? shown(value) : { status: 'missing', reason: 'not_finite' };
	}
	if (value.status === 'suppressed') {
		return withheld('supplier_suppressed');
	}
	return { status: value.status, reason: value.reason };
}

/** The number inside an input, or null when it is absent. */
export function inputNumber(value: InputValue): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
