/// <reference lib="webworker" />
import { createWorkerHandler } from './handler.ts';
import type { ToWorker } from './protocol.ts';

/**
 * Web Worker entry: reads, decodes and chunks an upload off the main thread. Start it with
 * `new Worker(new URL('./ingest.worker.ts', import.meta.url), { type: 'module' })` (see client.ts).
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createWorkerHandler((message, transfer = []) =>
	scope.postMessage(message, transfer)
);
scope.onmessage = (event: MessageEvent<ToWorker>) => void handle(event.data);
