import { useCallback, useState } from 'react';
import { asBackendError, type FieldProblem } from './request.ts';

export interface SaveState {
  saving: boolean;
  /** What was done, once it worked. */
  done: string | null;
  /** Why it did not work, in the service's words. */
  error: string | null;
  fieldErrors: FieldProblem[];
}

const IDLE: SaveState = { saving: false, done: null, error: null, fieldErrors: [] };

/** Whether a problem belongs to a field: `body.rules.0` covers `body.rules.0.name`, but not `body.rules.01`. */
export function covers(field: string, problemField: string): boolean {
  return problemField === field || problemField.startsWith(`${field}.`);
}

/** The message for one field, or for anything under it. */
export function problemAt(problems: FieldProblem[], field: string): string | undefined {
  const found = problems.filter((problem) => covers(field, problem.field));
  return found.length ? found.map((problem) => problem.message).join('; ') : undefined;
}

/**
 * One change sent to the service at a time: `saving` disables the button, and the outcome (a success message, or
 * the refusal with its field problems) stays on screen until the next attempt.
 */
export function useSave() {
  const [state, setState] = useState<SaveState>(IDLE);

  const run = useCallback(async <T>(action: () => Promise<T>, done: string): Promise<T | undefined> => {
    setState({ ...IDLE, saving: true });
    try {
      const result = await action();
      setState({ ...IDLE, done });
      return result;
    } catch (error) {
      const failure = asBackendError(error);
      setState({ ...IDLE, error: failure.message, fieldErrors: failure.fieldErrors });
      return undefined;
    }
  }, []);

  const clear = useCallback(() => setState(IDLE), []);
  const errorAt = useCallback((field: string) => problemAt(state.fieldErrors, field), [state.fieldErrors]);

  return { ...state, run, clear, errorAt };
}

export type Save = ReturnType<typeof useSave>;

/** Props that put a field's problem next to it. */
export function fieldError(message: string | undefined): { error: boolean; validationMessage?: string } {
  return message ? { error: true, validationMessage: message } : { error: false };
}
