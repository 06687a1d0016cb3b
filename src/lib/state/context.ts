import { createContext } from 'svelte';
import type { Dashboard } from './dashboard.svelte.ts';

/** The dashboard shared by the layout and every view. */
export const [getDashboard, setDashboard] = createContext<Dashboard>();
