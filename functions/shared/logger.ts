/**
 * One structured logger per Lambda, built at module load. The tenant is appended per request.
 *
 * It writes the JSON lines Powertools' Logger writes (level, message, timestamp, service, sampling_rate,
 * xray_trace_id, the appended keys, then the call's own attributes; errors as name/location/message/stack),
 * honours POWERTOOLS_LOG_LEVEL (or the function's AWS_LAMBDA_LOG_LEVEL) and POWERTOOLS_SERVICE_NAME, and
 * nothing more: the handlers use five of its methods, and Powertools' Logger cost ~24 KiB in every bundle and
 * ~10 ms of every cold start (test/bench/bundles.ts).
 */
import { systemNow } from './clock.js';

const LEVELS = { TRACE: 6, DEBUG: 8, INFO: 12, WARN: 16, ERROR: 20, CRITICAL: 24, SILENT: 28 } as const;
type LevelName = keyof typeof LEVELS;

type Attributes = Record<string, unknown>;

function levelFromEnv(): number {
  const name = (process.env.POWERTOOLS_LOG_LEVEL ?? process.env.AWS_LAMBDA_LOG_LEVEL ?? 'INFO').toUpperCase();
  return name in LEVELS ? LEVELS[name as LevelName] : LEVELS.INFO;
}

/** An error as Powertools formats it; `location` is the first frame of the stack. */
function formatError(error: Error): Attributes {
  return {
    name: error.name,
    location: /\((.*):(\d+):(\d+)\)/.exec(error.stack ?? '')?.slice(1, 3).join(':') ?? '',
    message: error.message,
    stack: error.stack,
    ...(error.cause !== undefined ? { cause: error.cause instanceof Error ? formatError(error.cause) : error.cause } : {}),
  };
}

function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return formatError(value);
  if (typeof value === 'bigint') return value.toString();
  return value;
}

export class Logger {
  private readonly level = levelFromEnv();
  private readonly service: string;
  private keys: Attributes = {};

  constructor(options: { serviceName?: string } = {}) {
    this.service = options.serviceName ?? process.env.POWERTOOLS_SERVICE_NAME ?? 'service_undefined';
  }

  /** Keys written with every line until resetKeys (the caller of the current request). */
  appendKeys(keys: Attributes): void {
    this.keys = { ...this.keys, ...keys };
  }

  resetKeys(): void {
    this.keys = {};
  }

  debug(message: string, attributes?: Attributes): void {
    this.write('DEBUG', message, attributes);
  }

  info(message: string, attributes?: Attributes): void {
    this.write('INFO', message, attributes);
  }

  warn(message: string, attributes?: Attributes): void {
    this.write('WARN', message, attributes);
  }

  error(message: string, attributes?: Attributes): void {
    this.write('ERROR', message, attributes);
  }

  private write(level: LevelName, message: string, attributes?: Attributes): void {
    if (LEVELS[level] < this.level) return;
    const traceId = process.env._X_AMZN_TRACE_ID?.split(';')[0]?.replace('Root=', '');
    const line = JSON.stringify(
      {
        level,
        message,
        timestamp: systemNow().toISOString(),
        service: this.service,
        sampling_rate: 0,
        ...(traceId ? { xray_trace_id: traceId } : {}),
        ...this.keys,
        ...attributes,
      },
      replacer,
    );
    // Warnings and errors on stderr, as Powertools' console does; Lambda sends both to the log group.
    (LEVELS[level] >= LEVELS.WARN ? process.stderr : process.stdout).write(`${line}\n`);
  }
}

export const logger = new Logger({ serviceName: 'cae-back-office' });
