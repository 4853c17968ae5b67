/** Keys whose values never reach a log line, whatever subsystem logs them. */
const secretKeys = /(session|token|api_?key|apiKey|api_?hash|password|secret|authorization|cookie)/i;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(subsystem: string): Logger;
}

export type LogSink = (line: string) => void;

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A subsystem logger writing one JSON line per entry, with secrets redacted. */
export function createLogger(
  subsystem = 'app',
  options: { level?: LogLevel; sink?: LogSink } = {},
): Logger {
  const { level = 'info', sink = (line) => process.stderr.write(line + '\n') } = options;
  const write = (lvl: LogLevel, message: string, fields?: LogFields): void => {
    if (order[lvl] < order[level]) return;
    sink(JSON.stringify({ t: new Date().toISOString(), lvl, sub: subsystem, msg: message, ...redact(fields) }));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (name) => createLogger(`${subsystem}.${name}`, options),
  };
}

export function redact(fields: LogFields | undefined, depth = 0): LogFields | undefined {
  if (!fields) return undefined;
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (secretKeys.test(key)) out[key] = '[redacted]';
    else if (value instanceof Error) out[key] = { name: value.name, message: value.message, stack: value.stack };
    else if (value && typeof value === 'object' && !Array.isArray(value) && depth < 4)
      out[key] = redact(value as LogFields, depth + 1);
    else out[key] = value;
  }
  return out;
}
