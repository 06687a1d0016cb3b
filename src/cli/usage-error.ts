/** A mistake in how the command was called: exit code 2 and a one-line message. */
export class UsageError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UsageError';
	}
}

/** A problem in the input data: exit code 1, with the file (and row) named in the message. */
export class DataError extends Error {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'DataError';
	}
}

export const EXIT = { ok: 0, dataError: 1, usageError: 2 } as const;
