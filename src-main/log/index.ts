export { createLogger, createSilentLogger, logLevels } from './logger.ts';
export type { Logger, LoggerOptions, LogFields, LogLevel, LogThreshold } from './logger.ts';
export { Redactor, REDACTED, MIN_SECRET_LENGTH } from './redact.ts';
