/**
 * The mark that gets focus after `key` is pressed on mark `current` of `count`: arrows step and
 * wrap round, Home and End jump to the ends; null for any other key (let the browser handle it).
 */
export function nextMarkIndex(current: number, key: string, count: number): number | null {
	if (count <= 0) return null;
	switch (key) {
		case 'ArrowRight':
		case 'ArrowDown':
			return (current + 1) % count;
		case 'ArrowLeft':
		case 'ArrowUp':
			return (current - 1 + count) % count;
		case 'Home':
			return 0;
		case 'End':
			return count - 1;
		default:
			return null;
	}
}
