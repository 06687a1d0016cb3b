import { cellMinN, displayCell } from './cell-display.ts';
import { complementarySuppression } from './complementary.ts';
import {
	fromInput,
	inputNumber,
	withheld,
	type InputValue,
	type SuppressionReason
} from './display-value.ts';
import { partitionEquations } from './partitions.ts';
import { DEFAULT_PROFILE, type DisclosureProfile } from './profiles.ts';
import type {
	CellInput,
	DataOrigin,
	DisclosedCell,
	DisclosedDerived,
	DisclosurePolicy,
	DisclosureResult,
	DisclosureView,
	DerivedInput
} from './view.ts';

/** Public mode with the default profile: the only policy for demo data and shared links. */
export const PUBLIC_POLICY: DisclosurePolicy = { mode: 'public', profile: DEFAULT_PROFILE };

/** Group keys that would make a cell a student-level record; refused in every mode. */
const STUDENT_LEVEL_KEYS = ['student_key', 'student_id'];

const isSupplierSuppressed = (v: InputValue): boolean =>
	typeof v === 'object' && v !== null && v.status === 'suppressed';
const isAbsent = (v: InputValue): boolean => inputNumber(v) === null;

/**
 * The smallest group a policy shows, the size blocks of small districts must reach and the
 * release guard's minimum: the profile's minimum in public mode (its lower "all students"
 * minimum is then met too), two in research mode (a one-student group is withheld in every mode).
 */
export function smallestGroupShown(policy: DisclosurePolicy): number {
	return policy.mode === 'research' ? 2 : policy.profile.minN;
}

/** Why a student cell is withheld for its own size: under the minimum, or one student. */
function ownSize(
	cell: CellInput,
	{ mode, profile }: DisclosurePolicy
): 'min_n' | 'single_student' | null {
	const n = inputNumber(cell.denominator);
	if (n === null) return null;
	if (mode === 'public') return n > 0 && n < cellMinN(cell, profile) ? 'min_n' : null;
	return n === 1 ? 'single_student' : null;
}

/**
 * Why a cell is withheld before complementary suppression within the view: the supplier's
 * suppression, its own size, or a block of small districts it would split (`splitsBlock`).
 */
function primarySuppression(
	cell: CellInput,
	view: DisclosureView,
	policy: DisclosurePolicy
): SuppressionReason | null {
	if (isSupplierSuppressed(cell.numerator) || isSupplierSuppressed(cell.denominator)) {
		return 'supplier_suppressed';
	}
	if (view.records !== 'student') return null;
	return ownSize(cell, policy) ?? (cell.splitsBlock ? 'complementary' : null);
}

/**
 * Research mode is offered only for data the user loaded themselves; demo data and anything
 * shared by link are public only (issue #5, domain-spec §6.4).
 */
export function researchModeAllowed(origin: DataOrigin): boolean {
	return origin === 'user_loaded';
}

/**
 * The policy a view is shown with. For the reader's own data: research mode when they asked for
 * it, and the disclosure profile they chose (§6.4 rule 6: e.g. their state's rules). Demo data
 * and shared links: public mode with the default profile, whatever was asked.
 */
export function disclosurePolicy(
	origin: DataOrigin,
	research: boolean,
	profile: DisclosureProfile = DEFAULT_PROFILE
): DisclosurePolicy {
	if (!researchModeAllowed(origin)) return PUBLIC_POLICY;
	if (!research && profile === DEFAULT_PROFILE) return PUBLIC_POLICY;
	return { mode: research ? 'research' : 'public', profile };
}

function validate(view: DisclosureView, policy: DisclosurePolicy): void {
	if (policy.mode === 'research' && !researchModeAllowed(view.origin)) {
		throw new Error(`research mode is only for data you loaded yourself (origin: ${view.origin})`);
	}
	const ids = new Set<string>();
	for (const cell of view.cells) {
		if (ids.has(cell.id)) throw new Error(`duplicate cell id: ${cell.id}`);
		ids.add(cell.id);
		const key = STUDENT_LEVEL_KEYS.find((k) => k in cell.keys);
		if (key) throw new Error(`student-level key not accepted (aggregates only): ${key}`);
	}
}

/**
 * The hidden cells complementary suppression protects. Public mode: every withheld or absent
 * cell. Research mode: only one-student cells, which must not be worked out by subtraction from
 * a total (student-level records are never shown in any mode); the rest is shown as loaded.
 */
function seedsComplements(
	cell: CellInput,
	reasons: ReadonlyMap<string, SuppressionReason | null>,
	{ mode }: DisclosurePolicy
): boolean {
	const reason = reasons.get(cell.id);
	if (mode === 'research') return reason === 'single_student';
	return Boolean(reason) || isAbsent(cell.numerator) || isAbsent(cell.denominator);
}

function discloseDerived(
	derived: DerivedInput,
	cells: ReadonlyMap<string, DisclosedCell>
): DisclosedDerived {
	const sources = derived.from.map((id) => {
		const cell = cells.get(id);
		if (!cell) throw new Error(`unknown source cell of ${derived.id}: ${id}`);
		return cell;
	});
	if (sources.some((s) => s.suppression !== null || s.rate.status === 'suppressed')) {
		return { id: derived.id, value: withheld('built_from_suppressed') };
	}
	if (sources.some((s) => s.rate.status === 'coarsened')) {
		return { id: derived.id, value: withheld('built_from_coarsened') };
	}
	return { id: derived.id, value: fromInput(derived.value) };
}

/**
 * The one disclosure function every chart, table, sentence and export goes through (domain-spec
 * §6.4, §6.5). Student-derived cells in public mode: minimum n (`n<10`), complementary
 * suppression across views (cells marked `splitsBlock`) and over the union of the view's
 * displayed partitions, counts withheld, denominators
 * as bands, top/bottom coding by group size; derived figures hidden when a source is hidden or
 * coded. Survey cells (§6.1) get the reliability rule only (§5.5). Research mode (user-loaded
 * data only, else it throws) shows unsuppressed values and returns `mode: 'research'` for the
 * banner; a one-student cell is withheld in every mode, with complements so that no total gives
 * it away by subtraction, and student-level keys are refused.
 */
export function discloseView(
	view: DisclosureView,
	policy: DisclosurePolicy = PUBLIC_POLICY
): DisclosureResult {
	validate(view, policy);
	const reasons = new Map(view.cells.map((c) => [c.id, primarySuppression(c, view, policy)]));
	let unprotected: readonly string[] = [];
	if (view.records === 'student') {
		const hidden = new Set(
			view.cells.filter((c) => seedsComplements(c, reasons, policy)).map((c) => c.id)
		);
		const sizes = new Map(view.cells.map((c) => [c.id, inputNumber(c.denominator)]));
		const result = complementarySuppression(partitionEquations(view.cells), sizes, hidden);
		for (const id of result.added) reasons.set(id, 'complementary');
		unprotected = result.unprotected;
	}
	const cells = view.cells.map((c) =>
		displayCell(c, reasons.get(c.id) ?? null, view.records, policy)
	);
	const byId = new Map(cells.map((c) => [c.id, c]));
	return {
		mode: policy.mode,
		profile: policy.profile.id,
		records: view.records,
		cells,
		derived: (view.derived ?? []).map((d) => discloseDerived(d, byId)),
		unprotected
	};
}
