import { Alert } from '@hubspot/ui-extensions';
import { covers, type Save } from '../../backend/useSave.ts';

/**
 * The outcome of the last save. Problems with a field are shown next to that field; `placed` lists the fields the
 * area shows, so a problem with anything else still reaches the admin here instead of being lost.
 */
export function SaveFeedback({ save, placed, testId }: { save: Save; placed: string[]; testId: string }) {
  if (save.done)
    return (
      <Alert title="Saved" variant="success" testId={`${testId}-saved`}>
        {save.done}
      </Alert>
    );
  if (!save.error) return null;
  const elsewhere = save.fieldErrors.filter((problem) => !placed.some((field) => covers(field, problem.field)));
  const hasPlaced = save.fieldErrors.length > elsewhere.length;
  return (
    <Alert title="Not saved" variant="error" testId={`${testId}-error`}>
      {save.fieldErrors.length === 0
        ? save.error
        : [
            hasPlaced ? 'Some values need changing: see the messages next to the fields.' : null,
            ...elsewhere.map((problem) => `${problem.field.replace(/^body\./, '')}: ${problem.message}`),
          ]
            .filter(Boolean)
            .join(' ')}
    </Alert>
  );
}
