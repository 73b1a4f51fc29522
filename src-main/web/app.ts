// The web host assembled: app services + router + HTTP server. Used by cli.ts and by the
// integration tests (which pass a temp data folder and, if needed, a throwaway renderer).
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createRouter, logRouterProblems } from '../ipc/router.ts';
import { createLogger, type Logger } from '../log/index.ts';
import { createAppServices, type AppServices, type AppServicesOptions } from '../services/app-services.ts';
import { restoreAtStart } from '../services/profiles-service.ts';
import { createEventHub } from './event-hub.ts';
import { startWebServer, type WebServer } from './server.ts';

export const DEFAULT_RENDERER_DIR = resolve(import.meta.dirname, '../../out/renderer');

export interface WebAppOptions {
  port?: number;
  dataDir: string;
  rendererDir?: string;
  /** Open the demo workspace before the server starts listening. */
  demo?: boolean;
  /** Validate every channel's output against the contract (default on: the web host is a dev tool). */
  validateOutput?: boolean;
  secret?: string;
  /** Default: JSON lines to <dataDir>/logs/web-host.log and to stderr (never stdout). */
  logger?: Logger;
  demoOptions?: AppServicesOptions['demo'];
  /** Test hooks for sign-in (keychain service name, client timeouts). */
  authOptions?: AppServicesOptions['auth'];
}

export interface WebApp extends WebServer {
  services: AppServices;
}

function appVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export async function startWebApp(options: WebAppOptions): Promise<WebApp> {
  await mkdir(options.dataDir, { recursive: true });
  const logger =
    options.logger ??
    createLogger({
      file: join(options.dataDir, 'logs', 'web-host.log'),
      stderr: true,
      bindings: { host: 'web' },
    });
  const events = createEventHub();
  const services = createAppServices({
    dataDir: options.dataDir,
    emit: (event, payload) => events.emit(event, payload),
    host: 'web',
    version: appVersion(),
    demo: options.demoOptions,
    auth: options.authOptions,
    logger,
  });
  const router = createRouter(services.handlers, {
    validateOutput: options.validateOutput ?? true,
    onUnexpectedError: logRouterProblems(logger),
  });
  try {
    // The demo, or else the last profile with its token from the keychain (never asked again).
    if (options.demo) await services.workspace.openDemo();
    else await restoreAtStart(services.profiles);
    const server = await startWebServer({
      port: options.port ?? 0,
      rendererDir: options.rendererDir ?? DEFAULT_RENDERER_DIR,
      router,
      events,
      secret: options.secret,
      logger,
      imports: services.imports,
    });
    return {
      ...server,
      services,
      close: async () => {
        await server.close();
        await services.close();
      },
    };
  } catch (error) {
    await services.close();
    throw error;
  }
}
