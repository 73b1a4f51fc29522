// The store reads platform timestamps through the shared parser (the renderer needs the same rule).
export { parsePlatformTime } from '../shared/platform-time.ts';
