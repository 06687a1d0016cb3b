import { createContext } from 'svelte';
import type { Workspace } from './workspace.svelte.ts';

/** The user's workspace, shared by the layout (the dashboard's data) and the "Your data" page. */
export const [getWorkspace, setWorkspace] = createContext<Workspace>();
