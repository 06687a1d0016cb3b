import type { ColumnMapping } from '../ingest/mapping/mapping.ts';
import type { FileReport } from '../ingest/report.ts';

/** A decision the app needs from the user rather than a guess. */
export type Question =
	| { readonly kind: 'year'; readonly column: string }
	| {
			readonly kind: 'scale';
			readonly field: string;
			readonly column: string;
			readonly detail: string;
	  };

export type YearAnswer = 'fall' | 'spring';
export type ScaleAnswer = 'percent' | 'proportion';

const BARE_YEAR = /^\d{4}$/;

/**
 * The open questions of a file: how to read bare school years (asked before loading when the
 * samples show them, or after when the report found them) and, after loading, which scale an
 * ambiguous percentage column uses. A question answered in the mapping's options is not asked.
 */
export function questionsFor(
	mapping: ColumnMapping,
	samples: ReadonlyMap<string, readonly string[]>,
	report: FileReport | null
): Question[] {
	const questions: Question[] = [];
	const yearColumn = mapping.columns.school_year_start;
	const bareInSamples = yearColumn
		? (samples.get(yearColumn) ?? []).some((v) => BARE_YEAR.test(v))
		: false;
	const bareInReport = report?.issues.some((i) => i.code === 'bare_year_needs_mapping') ?? false;
	if (mapping.options.year_mapping === undefined && (bareInSamples || bareInReport))
		questions.push({ kind: 'year', column: yearColumn ?? 'school_year_start' });
	for (const issue of report?.issues ?? []) {
		if (issue.code !== 'ambiguous_scale' || !issue.column) continue;
		const field = Object.entries(mapping.columns).find(([, h]) => h === issue.column)?.[0];
		if (field && mapping.options.scales?.[field] === undefined)
			questions.push({ kind: 'scale', field, column: issue.column, detail: issue.message });
	}
	return questions;
}

/** The mapping with a question answered (a new object; the mapping file records the answer). */
export function answer(
	mapping: ColumnMapping,
	question: Question,
	choice: YearAnswer | ScaleAnswer
): ColumnMapping {
	if (question.kind === 'year')
		return { ...mapping, options: { ...mapping.options, year_mapping: choice as YearAnswer } };
	const scales = { ...mapping.options.scales, [question.field]: choice as ScaleAnswer };
	return { ...mapping, options: { ...mapping.options, scales } };
}
