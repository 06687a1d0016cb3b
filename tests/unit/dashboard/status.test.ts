import { describe, expect, it } from 'vitest';
import { combinedStatus } from '../../../src/routes/_dashboard/status.ts';

const part = (
	kind: 'survey' | 'usage',
	status: 'loading' | 'ready' | 'error' | 'no_data',
	source: 'live' | 'build' = status === 'ready' ? 'live' : 'build'
) => ({ kind, status, source, error: status === 'error' ? 'boom.' : null, progress: '' });

describe('combinedStatus', () => {
	it('is ready and live when the parts with data are, naming the kinds of data missing', () => {
		expect(combinedStatus([part('survey', 'ready'), part('usage', 'no_data')])).toMatchObject({
			status: 'ready',
			source: 'live',
			missing: ['usage']
		});
	});

	it('is ready when no part has data (nothing is left to compute)', () => {
		expect(combinedStatus([part('usage', 'no_data')])).toMatchObject({
			status: 'ready',
			missing: ['usage']
		});
	});

	it('waits for a part still loading and reports an error first', () => {
		expect(combinedStatus([part('survey', 'loading'), part('usage', 'no_data')]).status).toBe(
			'loading'
		);
		expect(combinedStatus([part('survey', 'error'), part('usage', 'loading')])).toMatchObject({
			status: 'error',
			error: 'boom.',
			missing: []
		});
	});
});
