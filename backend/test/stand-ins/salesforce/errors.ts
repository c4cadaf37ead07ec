/** Salesforce's two error shapes: a REST error body item, and the per-record error of a save result. */

export interface RestError {
  message: string;
  errorCode: string;
  fields?: string[];
}

export interface RecordError {
  statusCode: string;
  message: string;
  fields: string[];
}

/** A failure of the whole request, answered with `status` and `[{ message, errorCode, fields? }]`. */
export class RequestError extends Error {
  readonly status: number;
  readonly errorCode: string;
  readonly fields: string[] | undefined;

  constructor(status: number, errorCode: string, message: string, fields?: string[]) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.fields = fields;
  }

  body(): RestError[] {
    return [{ message: this.message, errorCode: this.errorCode, ...(this.fields ? { fields: this.fields } : {}) }];
  }
}

export const notFound = () => new RequestError(404, 'NOT_FOUND', 'The requested resource does not exist');

export function recordError(statusCode: string, message: string, fields: string[] = []): RecordError {
  return { statusCode, message, fields };
}
