// Limits of the contract that the renderer also needs (the search box's maxLength). Kept apart
// from contract.ts so the page can import them without zod, like api.ts.

/**
 * The longest search, in characters. Only the first 12 words are searched, so a longer text is
 * most likely a pasted paragraph; refusing it keeps every query small.
 */
export const SEARCH_MAX_LENGTH = 200;
