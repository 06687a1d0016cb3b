/**
 * A failed query, carrying the SQL that failed so the message can be traced to the metric that
 * issued it. `cause` keeps the engine's original error.
 */
export class QueryError extends Error {
	readonly sql: string;

	constructor(message: string, sql: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'QueryError';
		this.sql = sql;
	}
}

export function isQueryError(error: unknown): error is QueryError {
	return error instanceof Error && error.name === 'QueryError';
}

/** Thrown when the engine does not start in time (e.g. a `.wasm` served with the wrong MIME type). */
export class EngineStartError extends Error {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'EngineStartError';
	}
}

/** The error shown when the engine has not started within `ms`; it names the usual causes. */
export function engineStartTimeout(ms: number): EngineStartError {
	return new EngineStartError(
		`The analysis engine did not start within ${ms / 1000} s. ` +
			'If you host this site, check that .wasm files are served as application/wasm ' +
			'and that the Content-Security-Policy allows wasm-unsafe-eval.'
	);
}

const OFFLINE_HINTS: [RegExp, string][] = [
	[
		/\bjson\b/i,
		'JSON functions are not available: this app runs DuckDB offline without extensions.'
	],
	[
		/\bparquet\b/i,
		'Parquet is not available inside DuckDB here (offline, no extensions); the app writes Parquet in JavaScript.'
	],
	[
		/\bicu\b|time ?zone/i,
		'Time-zone functions are not available: this app runs DuckDB offline without the ICU extension.'
	],
	[
		/encoding/i,
		'This character encoding cannot be read by DuckDB here; the app converts files to UTF-8 in JavaScript first.'
	],
	[
		/disabled by configuration|Permission Error/i,
		'Access outside the files loaded into this app is blocked.'
	]
];

/** Prefixes the engine's message with a plain explanation when it hit the offline lock-down. */
export function explainEngineMessage(message: string): string {
	const isLockdown = /extension|disabled by configuration|Permission Error|encoding/i.test(message);
	if (!isLockdown) return message;
	const hint = OFFLINE_HINTS.find(([pattern]) => pattern.test(message));
	return hint ? `${hint[1]} (${message.split('\n')[0]})` : message;
}
