import { nextMarkIndex } from './roving.ts';

/** The attributes and handlers that make one chart mark readable by keyboard and pointer. */
export interface MarkAttributes {
	'data-mark': number;
	role: 'img';
	tabindex: 0 | -1;
	'aria-label': string;
	onfocus: () => void;
	onblur: () => void;
	onmouseenter: () => void;
	onmouseleave: () => void;
	onkeydown: (event: KeyboardEvent) => void;
}

/**
 * Keyboard and pointer state of one chart's marks. The marks form one roving tab stop: Tab
 * enters the chart on the last-visited mark, arrows (and Home/End) move between marks, and each
 * mark is an image named by its description. `active` is the mark under the pointer or focus,
 * for the tooltip. Spread `attributes(i, description)` on each mark's element.
 */
export class MarkFocus {
	/** The mark that holds the chart's tab stop. */
	current = $state(0);
	/** The hovered or focused mark, or null. */
	active = $state<number | null>(null);
	#count: () => number;

	/** `count` returns how many marks the chart draws now. */
	constructor(count: () => number) {
		this.#count = count;
	}

	attributes(index: number, description: string): MarkAttributes {
		return {
			'data-mark': index,
			role: 'img',
			tabindex: index === Math.min(this.current, this.#count() - 1) ? 0 : -1,
			'aria-label': description,
			onfocus: () => {
				this.current = index;
				this.active = index;
			},
			onblur: () => this.#leave(index),
			onmouseenter: () => (this.active = index),
			onmouseleave: () => this.#leave(index),
			onkeydown: (event) => this.#move(event, index)
		};
	}

	#leave(index: number): void {
		if (this.active === index) this.active = null;
	}

	#move(event: KeyboardEvent, index: number): void {
		if (event.key === 'Escape') {
			this.active = null;
			return;
		}
		const next = nextMarkIndex(index, event.key, this.#count());
		if (next === null) return;
		event.preventDefault();
		const svg = (event.currentTarget as Element).closest('svg');
		const target = svg?.querySelector<SVGElement>(`[data-mark="${next}"]`);
		this.current = next;
		target?.focus();
	}
}
