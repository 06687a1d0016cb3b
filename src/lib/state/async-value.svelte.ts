import { untrack } from 'svelte';

/** The state of a value computed asynchronously; the last good value stays while a new one loads. */
export type AsyncState<T> =
	| { readonly status: 'idle' }
	| { readonly status: 'loading'; readonly previous: T | null; readonly progress: string }
	| { readonly status: 'ready'; readonly value: T }
	| { readonly status: 'error'; readonly message: string; readonly previous: T | null };

/**
 * A value recomputed whenever its key changes, with a stale-request guard: only the result of
 * the latest request is kept, so a slow answer to an old filter never overwrites a newer one.
 * Results are held with `$state.raw` (replaced, never mutated).
 */
export class AsyncValue<T> {
	state = $state.raw<AsyncState<T>>({ status: 'idle' });
	#key: string | null = null;
	#token = 0;

	/** The latest value, or the previous one while a newer one loads (null before the first). */
	get current(): T | null {
		const s = this.state;
		if (s.status === 'ready') return s.value;
		return s.status === 'idle' ? null : s.previous;
	}

	/** True while a request is outstanding. */
	get busy(): boolean {
		return this.state.status === 'loading';
	}

	/** True when the value shown was computed for the key last requested. */
	get settled(): boolean {
		return this.state.status === 'ready' || this.state.status === 'error';
	}

	/**
	 * Starts computing the value for `key`, unless it is shown or loading already, or failed for
	 * that key (it is retried when the key changes). Reads no state reactively, so an effect that
	 * calls it depends only on what the key is made of.
	 */
	request(key: string, run: (progress: (text: string) => void) => Promise<T>): void {
		untrack(() => this.#request(key, run));
	}

	/** Drops the value and ignores any outstanding request (the data it was computed from is gone). */
	reset(): void {
		this.#key = null;
		this.#token++;
		this.state = { status: 'idle' };
	}

	#request(key: string, run: (progress: (text: string) => void) => Promise<T>): void {
		if (key === this.#key) return;
		this.#key = key;
		const token = ++this.#token;
		const previous = this.current;
		this.state = { status: 'loading', previous, progress: '' };
		const progress = (text: string) => {
			if (token === this.#token) this.state = { status: 'loading', previous, progress: text };
		};
		run(progress).then(
			(value) => {
				if (token === this.#token) this.state = { status: 'ready', value };
			},
			(error: unknown) => {
				if (token !== this.#token) return;
				const message = error instanceof Error ? error.message : String(error);
				this.state = { status: 'error', message, previous };
			}
		);
	}
}
