/**
 * A response a component could not make sense of. Its message is written for the rep, so reduceErrors shows it;
 * other JavaScript errors would show internals and are left out.
 */
export class UnreadableResponse extends Error {
  constructor(message) {
    super(message);
    this.name = 'UnreadableResponse';
  }
}

/**
 * Messages of Apex, UI API and network errors, in the style of Salesforce's lwc-recipes reduceErrors. Only
 * `message` fields are read: the controllers write them for reps, while stack traces and raw bodies are not for
 * them. With nothing readable, the component's own fallback sentence.
 * @returns {string}
 */
export function reduceErrors(errors, fallback) {
  const messages = (Array.isArray(errors) ? errors : [errors])
    .filter((error) => !!error)
    .flatMap((error) => {
      if (Array.isArray(error.body)) {
        return error.body.map((entry) => entry && entry.message);
      }
      if (error.body && typeof error.body.message === 'string') {
        return [error.body.message];
      }
      if (error instanceof UnreadableResponse) {
        return [error.message];
      }
      return [];
    })
    .filter((message) => typeof message === 'string' && message.trim() !== '');
  return messages.length > 0 ? messages.join(' ') : fallback;
}

/**
 * What a controller returned: its JSON string parsed (an object passes through, should a controller return one), or
 * an UnreadableResponse carrying the component's own sentence when the string is not JSON.
 */
export function readJson(raw, unreadableMessage) {
  if (typeof raw !== 'string') {
    return raw;
  }
  try {
    return JSON.parse(raw);
  } catch {
    throw new UnreadableResponse(unreadableMessage);
  }
}
