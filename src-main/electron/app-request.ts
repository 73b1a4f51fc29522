// What the unpod-desk:// scheme answers, as a plain Request → Response function with no
// electron import, so every case (methods, hosts, traversal, headers) is unit-tested under Node.
// app-scheme.ts hands it to protocol.handle.
import { readStaticFile } from '../host-shared/static-files.ts';
import { APP_HOST } from './security.ts';

export interface AppRequestOptions {
  /** The built renderer (out/renderer); nothing outside it is ever read. */
  rendererDir: string;
  contentSecurityPolicy: string;
}

/** GET and HEAD of files inside the renderer folder on unpod-desk://app/; anything else is refused. */
export async function answerAppRequest(request: Request, options: AppRequestOptions): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response('Method not allowed', { status: 405 });
  }
  const url = new URL(request.url);
  const file = url.host === APP_HOST ? await readStaticFile(options.rendererDir, url.pathname) : null;
  if (file === null) return new Response('Not found', { status: 404 });
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), {
    status: 200,
    headers: {
      'Content-Type': file.contentType,
      'Content-Security-Policy': options.contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  });
}
