import { useCallback, useState } from 'react';
import { BackendError, UNREACHABLE, type FieldProblem } from '../../backend/request.ts';

export interface SaveState {
  saving: boolean;
  /** What was done, once it worked. */
  done: string | null;
  /** Why it did not work, in the service's words. */
  error: string | null;
  fieldErrors: FieldProblem[];
}

const IDLE: SaveState = { saving: false, done: null, error: null, fieldErrors: [] };

/** The message for one field, or for anything under it (`body.rules.0` covers `body.rules.0.name`). */
export function problemAt(problems: FieldProblem[], field: string): string | undefined {
  const found = problems.filter((problem) => problem.field === field || problem.field.startsWith(`${field}.`));
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
      const failure = error instanceof BackendError ? error : new BackendError(UNREACHABLE, null);
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
