// Limits of the contract that the renderer also needs (the search box's maxLength), kept in shared/
// so the page can import them at run time without zod.

/**
 * The longest search, in characters. Only the first 12 words are searched, so a longer text is
 * most likely a pasted paragraph; refusing it keeps every query small.
 */
export const SEARCH_MAX_LENGTH = 200;
