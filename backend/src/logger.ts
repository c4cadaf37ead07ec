import { pino, type Logger } from 'pino';

export type { Logger };

/** Errors as message, type and stack; driver errors carry their whole connection object, which stays out of logs. */
function serializeError(error: Error): Record<string, unknown> {
  const { client: _client, ...rest } = pino.stdSerializers.err(error) as Record<string, unknown>;
  return rest;
}

export function createLogger(level: string): Logger {
  return pino({
    level,
    serializers: { err: serializeError },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
  });
}
