import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from '#lib/ingest/mapping/mapping.ts';
import type { FileReport } from '#lib/ingest/report.ts';
import { pageOf } from '#lib/workspace/issue-pages.ts';
import { withColumn, withConstant, withScale } from '#lib/workspace/mapping-edit.ts';
import { progressOf } from '#lib/workspace/progress.ts';
import { answer, questionsFor } from '#lib/workspace/questions.ts';
import { reasonOf } from '#lib/workspace/validation-report.ts';

const SURVEY: ColumnMapping = {
	version: 1,
	table: 'survey_responses',
	columns: { school_year_start: 'Year', weight: 'Share' },
	options: {}
};

const reportWith = (issues: FileReport['issues']) => ({ issues }) as FileReport;

describe('questionsFor', () => {
	it('asks how to read bare years seen in the samples, until the mapping answers', () => {
		const samples = new Map([['Year', ['2024', '2025']]]);
		const [question] = questionsFor(SURVEY, samples, null);
		expect(question).toEqual({ kind: 'year', column: 'Year' });
		const answered = answer(SURVEY, question!, 'fall');
		expect(answered.options.year_mapping).toBe('fall');
		expect(questionsFor(answered, samples, null)).toEqual([]);
	});

	it('asks which scale an ambiguous column uses, from the report, for the field mapped to it', () => {
		const report = reportWith([
			{ severity: 'warning', code: 'ambiguous_scale', file: 'f', column: 'Share', message: 'm' }
		]);
		const [question] = questionsFor(SURVEY, new Map(), report);
		expect(question).toEqual({ kind: 'scale', field: 'weight', column: 'Share', detail: 'm' });
		const answered = answer(SURVEY, question!, 'proportion');
		expect(answered.options.scales).toEqual({ weight: 'proportion' });
		expect(questionsFor(answered, new Map(), report)).toEqual([]);
	});
});

describe('mapping edits', () => {
	it('a constant fills an unmapped field; mapping a column drops it; scales are removed when unset', () => {
		const withId = withConstant(SURVEY, 'survey_id', ' state-2024 ');
		expect(withId.options.constants).toEqual({ survey_id: 'state-2024' });
		expect(withColumn(withId, 'survey_id', 'Survey').options.constants).toEqual({});
		const scaled = withScale(SURVEY, 'weight', 'percent');
		expect(scaled.options.scales).toEqual({ weight: 'percent' });
		expect(withScale(scaled, 'weight', undefined).options).toEqual({});
	});
});

describe('report helpers', () => {
	it('pageOf clamps the page and counts from 1', () => {
		const items = Array.from({ length: 60 }, (_, i) => i);
		expect(pageOf(items, 3, 25)).toMatchObject({ page: 3, pages: 3, from: 51, to: 60, total: 60 });
		expect(pageOf(items, 9, 25).page).toBe(3);
		expect(pageOf([], 1, 25)).toMatchObject({ from: 0, to: 0, pages: 1 });
	});

	it('reasonOf drops the place the table shows in its own columns', () => {
		const message = 'line 8, column `Agency ID`: `35000600` has 8 digits; an NCES LEAID has 7.';
		expect(reasonOf({ severity: 'error', code: 'leaid_too_long', file: 'f', message })).toBe(
			'`35000600` has 8 digits; an NCES LEAID has 7.'
		);
	});

	it('progressOf spans reading, staging, checking and inserting', () => {
		const at = (phase: 'reading' | 'staging' | 'validating', done: number) =>
			progressOf({ phase, bytesDone: done, bytesTotal: 100, rowsDone: 1000 }).percent;
		expect([at('reading', 50), at('staging', 0), at('staging', 50), at('validating', 100)]).toEqual(
			[5, 10, 45, 80]
		);
		expect(progressOf({ phase: 'done', bytesDone: 1, bytesTotal: 1, rowsDone: 3 })).toEqual({
			percent: 100,
			text: 'Done: 3 rows.'
		});
	});
});
