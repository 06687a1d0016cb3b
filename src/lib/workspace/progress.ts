import { formatBytes } from '../ingest/limits.ts';
import type { LoadProgress } from './open-file.ts';

/** Share of the whole load each phase ends at (reading, staging rows, checking, inserting). */
const SPAN: Record<Exclude<LoadProgress['phase'], 'done'>, readonly [number, number]> = {
	reading: [0, 10],
	staging: [10, 80],
	validating: [80, 90],
	loading: [90, 99]
};

/** A load's progress as a whole percentage and a sentence for the bar and the live region. */
export function progressOf(p: LoadProgress): { percent: number; text: string } {
	const rows = p.rowsDone.toLocaleString('en-US');
	if (p.phase === 'done') return { percent: 100, text: `Done: ${rows} rows.` };
	const [from, to] = SPAN[p.phase];
	const share = p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : 0;
	const percent = Math.round(
		p.phase === 'reading' || p.phase === 'staging' ? from + share * (to - from) : from
	);
	const text = {
		reading: `Reading the file: ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}.`,
		staging: `Reading rows: ${rows} so far (${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}).`,
		validating: `Checking every value of ${rows} rows.`,
		loading: `Adding the rows that passed to the table.`
	}[p.phase];
	return { percent, text };
}
