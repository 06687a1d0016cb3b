import type { Reliability } from '../stats/reliability.ts';
import type { DisplayValue, InputValue, SuppressionReason } from './display-value.ts';
import type { DisclosureProfile } from './profiles.ts';

/**
 * The input and output of `discloseView`: every cell one view (chart, table, sentence or
 * export) shows, as aggregates. There is no field for a student key or a student row: a cell is
 * a count over a group, and a cell whose group is one student is withheld in every mode.
 */

/** Student-derived cells get privacy rules (§6.1); survey (district) cells reliability only. */
export type RecordKind = 'student' | 'survey';

/** Where the data came from: only data the user loaded may be viewed in research mode. */
export type DataOrigin = 'demo' | 'shared_link' | 'user_loaded';

/** `public` (default) applies every rule; `research` shows unsuppressed values under a banner. */
export type DisclosureMode = 'public' | 'research';

/** A number built from the cell's own counts: an interval bound (hidden with the rate) or an amount. */
export interface CellValueInput {
	readonly kind: 'interval' | 'amount';
	readonly value: InputValue;
}

export interface CellInput {
	/** Unique within the view. */
	readonly id: string;
	/** Group keys, e.g. `{ leaid, poverty_group, product_id }`. */
	readonly keys: Readonly<Record<string, string>>;
	readonly numerator: InputValue;
	/** The group size n (students, or responding districts for survey cells). */
	readonly denominator: InputValue;
	/** Defaults to numerator / denominator; give it for weighted estimates. */
	readonly rate?: InputValue;
	readonly values?: Readonly<Record<string, CellValueInput>>;
	/** Displayed partitions this cell is a part of (e.g. `district-0100001:poverty`). */
	readonly partOf?: readonly string[];
	/** Displayed partitions whose total this cell is; a partition without one is no equation. */
	readonly totalOf?: readonly string[];
	/** An "all students" cell (Texas's lower minimum applies). */
	readonly allStudents?: boolean;
	/**
	 * Withheld as a complement chosen across views: the cell would split a block of small
	 * districts (`district-blocks.ts`), so showing it could reveal a group another view hides.
	 */
	readonly splitsBlock?: boolean;
	/** The §5.5 flag computed upstream (`stats/reliability.ts`); null or absent when none. */
	readonly reliability?: Reliability | null;
}

/** A figure built from several cells (gap, ratio, cost): hidden when any source is hidden. */
export interface DerivedInput {
	readonly id: string;
	readonly value: InputValue;
	/** Ids of the cells it is computed from. */
	readonly from: readonly string[];
}

export interface DisclosureView {
	readonly records: RecordKind;
	readonly origin: DataOrigin;
	readonly cells: readonly CellInput[];
	readonly derived?: readonly DerivedInput[];
}

export interface DisclosurePolicy {
	readonly mode: DisclosureMode;
	readonly profile: DisclosureProfile;
}

export interface DisclosedCell {
	readonly id: string;
	readonly keys: Readonly<Record<string, string>>;
	/** Why the whole cell is withheld, or null when it is published. */
	readonly suppression: SuppressionReason | null;
	readonly numerator: DisplayValue;
	readonly denominator: DisplayValue;
	readonly rate: DisplayValue;
	readonly values: Readonly<Record<string, DisplayValue>>;
	readonly reliability: Reliability | null;
}

export interface DisclosedDerived {
	readonly id: string;
	readonly value: DisplayValue;
}

export interface DisclosureResult {
	/** `research` means the UI must show the research-mode banner. */
	readonly mode: DisclosureMode;
	readonly profile: string;
	readonly records: RecordKind;
	readonly cells: readonly DisclosedCell[];
	readonly derived: readonly DisclosedDerived[];
	/** Hidden cells the declared partitions themselves determine (inconsistent structure). */
	readonly unprotected: readonly string[];
}
