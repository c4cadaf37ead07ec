import { pino, type DestinationStream, type Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';

export type { Logger };

export type LogFormat = 'json' | 'pretty';

/** Where log lines go: stdout unless a test says otherwise. */
export type LogOutput = DestinationStream & { isTTY?: boolean };

/** Errors as message, type and stack; driver errors carry their whole connection object, which stays out of logs. */
function serializeError(error: Error): Record<string, unknown> {
  const { client: _client, ...rest } = pino.stdSerializers.err(error) as Record<string, unknown>;
  return rest;
}

/** The format when none is configured: lines a person reads on a terminal, JSON for a container, a pipe or a file. */
export function defaultLogFormat(output: { isTTY?: boolean } = process.stdout): LogFormat {
  return output.isTTY ? 'pretty' : 'json';
}

export function createLogger(level: string, format?: LogFormat, output?: LogOutput): Logger {
  const options = {
    level,
    serializers: { err: serializeError },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
  };
  const chosen = format ?? defaultLogFormat(output ?? process.stdout);
  // pino's own stdout writer unless told otherwise: faster than process.stdout for JSON.
  if (chosen === 'json') return output ? pino(options, output) : pino(options);
  // In the process and synchronous (no worker thread): lines stay in order with the service's own messages.
  const pretty = PinoPretty({
    colorize: Boolean((output ?? process.stdout).isTTY),
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
    singleLine: true,
    ...(output ? { destination: output } : {}),
  });
  return pino(options, pretty);
}
