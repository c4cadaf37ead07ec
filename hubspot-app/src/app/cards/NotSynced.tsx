import { Button, Flex } from '@hubspot/ui-extensions';
import { Notice } from '../components/PanelStates.tsx';

export const NOT_SYNCED_TITLE = 'Not in the SDR service yet';
export const NOT_SYNCED_TEXT =
  'This contact has not been synced yet. New contacts usually arrive within a few minutes.';

/** The record on screen has no copy in the service yet: syncing is minutes behind HubSpot, so offer to look again. */
export function NotSynced({ onCheck, text = NOT_SYNCED_TEXT }: { onCheck: () => void; text?: string }) {
  return (
    <Flex direction="column" gap="sm">
      <Notice title={NOT_SYNCED_TITLE}>{text}</Notice>
      <Button onClick={onCheck} testId="check-again">
        Check again
      </Button>
    </Flex>
  );
}
