import { describe, expect, it } from 'vitest';
import { sourceLabel } from '#lib/view/source-label.ts';

describe('sourceLabel', () => {
	it("names the user's own files as theirs and the demo as simulated", () => {
		expect(sourceLabel(true, 'survey', '(state-2024)')).toBe(
			'Your survey (loaded in this browser) (state-2024)'
		);
		expect(sourceLabel(false, 'usage data')).toBe('Simulated demo usage data');
	});
});
