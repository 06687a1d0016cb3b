import type { IssueCode, Severity, ValidationIssue } from '../ingest/issues.ts';

/** Which issues the report's table shows. */
export interface IssueFilter {
	readonly severity: Severity | 'all';
	readonly code: IssueCode | 'all';
}

export function filterIssues(
	issues: readonly ValidationIssue[],
	filter: IssueFilter
): ValidationIssue[] {
	return issues.filter(
		(i) =>
			(filter.severity === 'all' || i.severity === filter.severity) &&
			(filter.code === 'all' || i.code === filter.code)
	);
}

/** One page of a long list: its items and "from–to of total" (1-based, pages clamped). */
export function pageOf<T>(
	items: readonly T[],
	page: number,
	size: number
): { items: T[]; page: number; pages: number; from: number; to: number; total: number } {
	const pages = Math.max(1, Math.ceil(items.length / size));
	const current = Math.min(Math.max(1, page), pages);
	const start = (current - 1) * size;
	const slice = items.slice(start, start + size);
	return {
		items: slice,
		page: current,
		pages,
		from: slice.length ? start + 1 : 0,
		to: start + slice.length,
		total: items.length
	};
}
