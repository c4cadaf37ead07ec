import { Alert, Button, EmptyState, Flex, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import type { ReactNode } from 'react';

/** While a card waits for the SDR service. */
export function Loading({ label }: { label: string }) {
  return <LoadingSpinner label={label} showLabel layout="centered" />;
}

/** A failure in plain words with a way to try again: never a blank card or a stack trace. */
export function Failure({ title, message, onRetry }: { title: string; message: string; onRetry: () => void }) {
  return (
    <Flex direction="column" gap="sm">
      <Alert title={title} variant="error">
        {message}
      </Alert>
      <Button onClick={onRetry} testId="retry">
        Try again
      </Button>
    </Flex>
  );
}

/** Nothing to show yet, and why. */
export function Notice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <EmptyState title={title} layout="vertical" imageWidth={80}>
      <Text>{children}</Text>
    </EmptyState>
  );
}
