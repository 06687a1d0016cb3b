import { describe, expect, it } from 'vitest';
import { exportFileName } from '#lib/export/file-name.ts';

describe('export file names', () => {
	it('say the view, each active filter and the date', () => {
		const name = exportFileName(
			'Usage funnel',
			[
				{ name: 'state', values: ['CA', 'TX'] },
				{ name: 'locale', values: [] },
				{ name: 'year', values: [2024] }
			],
			new Date('2026-11-22T23:59:00Z'),
			'zip'
		);
		expect(name).toBe('adoption-gap_Usage-funnel_state-CA-TX_year-2024_2026-11-22.zip');
	});

	it('keep only letters, digits, - and _ whatever a filter value holds', () => {
		const name = exportFileName(
			'../x',
			[{ name: 'wave', values: ['fall 2024/"q"'] }],
			new Date(0),
			'csv'
		);
		expect(name).toBe('adoption-gap_x_wave-fall-2024-q_1970-01-01.csv');
	});
});
