// Reading the built renderer (out/renderer) for both hosts: the web host's HTTP server and the
// Electron app scheme. Only files inside the root can be read; a URL path that would escape it
// (../, encoded slashes, NUL bytes) finds nothing.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep, isAbsolute } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** The file a URL path names inside `rootDir`, or null when the path is malformed or escapes it. */
export function resolveStaticPath(rootDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const root = resolve(rootDir);
  const target = resolve(join(root, decoded === '/' || decoded === '' ? 'index.html' : decoded));
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return target;
}

export interface StaticFile {
  body: Buffer;
  contentType: string;
  /** index.html must be re-read after a rebuild; hashed assets may be cached. */
  isHtml: boolean;
  /** The path that was served (index.html for an app path). */
  servedPath: string;
}

// Vite names every built asset `<name>-<8-character content hash>.<ext>` under assets/: a new
// build gets new names, so a cached copy can never be stale.
const HASHED_ASSET = /(^|[\\/])assets[\\/][^\\/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;

/**
 * How a browser may keep a built file. Hashed assets are kept for a year without asking again,
 * so a reload neither downloads nor compiles the bundle again; everything else (index.html, which
 * names the current assets) is revalidated with its ETag on every load. `private`: the host
 * serves one person behind a secret, never a shared cache.
 */
export function cacheControlFor(servedPath: string): string {
  return HASHED_ASSET.test(servedPath) ? 'private, max-age=31536000, immutable' : 'no-cache';
}

/** A strong validator for revalidation (If-None-Match → 304). */
export function etagOf(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Whether an If-None-Match header names this ETag (a list, weak forms and `*` included). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

async function readIfFile(path: string): Promise<Buffer | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? await readFile(path) : null;
  } catch {
    return null;
  }
}

/**
 * Reads the file for `urlPath`. A path without a file extension that names no file gets
 * index.html (the app is a single page), so reloading on any app path works.
 */
export async function readStaticFile(rootDir: string, urlPath: string): Promise<StaticFile | null> {
  const path = resolveStaticPath(rootDir, urlPath);
  if (path === null) return null;
  let body = await readIfFile(path);
  let servedPath = path;
  if (body === null && extname(path) === '') {
    servedPath = join(resolve(rootDir), 'index.html');
    body = await readIfFile(servedPath);
  }
  if (body === null) return null;
  const contentType = contentTypeFor(servedPath);
  return { body, contentType, isHtml: contentType.startsWith('text/html'), servedPath };
}
