// Reading the built renderer (out/renderer) for both hosts: the web host's HTTP server and the
// Electron app scheme. Only files inside the root can be read; a URL path that would escape it
// (../, encoded slashes, NUL bytes) finds nothing.
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
  return { body, contentType, isHtml: contentType.startsWith('text/html') };
}
