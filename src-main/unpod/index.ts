// Public surface of the Unpod API client (main process only; no electron imports).
export * from './errors.ts';
export * from './schemas.ts';
export * from './client.ts';
export * from './pager.ts';
export { parseRetryAfter, type RequestLogEntry } from './http.ts';
export { LocalFileError } from './download.ts';
