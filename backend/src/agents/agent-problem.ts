/**
 * An agent's refusal in terms any caller maps to its own: the record is not there (404) or not in a state to take
 * the request (409). The API turns it into problem+json; sockets and jobs into their own errors.
 */
export class AgentProblem extends Error {
  readonly status: 404 | 409;
  constructor(status: 404 | 409, message: string) {
    super(message);
    this.status = status;
  }
}
