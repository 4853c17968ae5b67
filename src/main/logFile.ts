import { join } from 'node:path';
import pino from 'pino';
import roll from 'pino-roll';
import { secureDataFolder } from './dataFolder/permissions';
import { redact, type LogFields, type Logger, type LogLevel } from './log';

export const logFolderName = 'logs';

export interface LogFileOptions {
  level?: LogLevel;
  /** Rotate when a file reaches this size (pino-roll units: `10m`, `512k`). */
  size?: string;
  /** Rotated files kept besides the current one. */
  keep?: number;
  /** Also write to stderr (the headless host does; a packaged desktop app has no console). */
  stderr?: boolean;
}

export interface LogFile {
  log: Logger;
  dir: string;
  /** Writes out what is buffered and closes the file. */
  close(): Promise<void>;
}

/**
 * The app's log: JSON lines in `<data folder>/logs/voronka.<date>.<n>.log`, rotated daily and by size,
 * old files removed (pino + pino-roll), secrets redacted by key at any depth before a line is made —
 * so "details are in the log" is true and the log itself leaks nothing.
 */
export async function openLogFile(dataDir: string, options: LogFileOptions = {}): Promise<LogFile> {
  secureDataFolder(dataDir);
  const dir = join(dataDir, logFolderName);
  const level = options.level ?? 'info';
  const file = await roll({ file: join(dir, 'voronka'), frequency: 'daily', dateFormat: 'yyyy-MM-dd', size: options.size ?? '10m', limit: { count: options.keep ?? 9 }, mkdir: true, extension: '.log', mode: 0o600 });
  const streams: pino.StreamEntry[] = [{ level, stream: file }];
  if (options.stderr) streams.push({ level, stream: process.stderr });
  const root = pino({ level, base: undefined, messageKey: 'msg', timestamp: pino.stdTimeFunctions.isoTime }, pino.multistream(streams));
  return {
    log: pinoLogger(root, 'app'),
    dir,
    close: () =>
      new Promise<void>((resolve) => {
        file.flush((error) => {
          void error;
          file.end();
          resolve();
        });
      }),
  };
}

function pinoLogger(root: pino.Logger, subsystem: string): Logger {
  const write = (level: LogLevel, message: string, fields?: LogFields): void => root[level]({ sub: subsystem, ...redact(fields) }, message);
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (name) => pinoLogger(root, `${subsystem}.${name}`),
  };
}
