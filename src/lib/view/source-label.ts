/**
 * The source line of a chart: the user's own files are never labelled as the simulated demo,
 * and the demo is never labelled as anyone's real data.
 */
export function sourceLabel(showsUserData: boolean, what: string, detail = ''): string {
	const origin = showsUserData ? `Your ${what} (loaded in this browser)` : `Simulated demo ${what}`;
	return detail ? `${origin} ${detail}` : origin;
}
