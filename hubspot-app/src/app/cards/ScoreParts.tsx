import { Alert, Box, Flex, Heading, List, ScoreCircle, Text } from '@hubspot/ui-extensions';
import type { LeadScore, Reason, ScoreDimension } from '@sdr/shared';
import type { ReactNode } from 'react';
import { timeAgo } from './lib/format.ts';

export const DIMENSION_LABELS: Record<ScoreDimension, string> = { ev: 'EV', risk: 'Risk', urgency: 'Urgency' };

// A typographic minus: a hyphen is easy to miss at a glance.
const SIGNS: Record<Reason['direction'], string> = { '+': '+', '-': '\u2212' };

/** "+ Company size: 420 employees (+14)": what pushed the score, which way, and by how much. */
export function reasonText(reason: Reason): string {
  const sign = SIGNS[reason.direction];
  return `${sign} ${reason.label}: ${reason.value} (${sign}${Math.round(reason.contribution)})`;
}

/** The reasons of one dimension, strongest first. */
export function ReasonList({ dimension, reasons }: { dimension: ScoreDimension; reasons: Reason[] }) {
  const mine = reasons
    .filter((reason) => reason.dimension === dimension)
    .sort((a, b) => b.contribution - a.contribution);
  if (mine.length === 0) return null;
  return (
    <Flex direction="column" gap="xs" testId={`reasons-${dimension}`}>
      <Heading>{`${DIMENSION_LABELS[dimension]} reasons`}</Heading>
      <List variant="unordered">
        {mine.map((reason) => (
          <Text key={`${reason.feature}-${reason.direction}`}>{reasonText(reason)}</Text>
        ))}
      </List>
    </Flex>
  );
}

/** When it was scored and by which model, so a rep can tell an old number from a new one. */
export function ScoredWhen({ score, now }: { score: LeadScore; now?: number }) {
  const model = score.modelVersion ? `model ${score.modelVersion.version}` : 'the starting rules';
  return (
    <Text variant="microcopy" testId="scored-when">
      {`Scored ${timeAgo(score.scoredAt, now)} with ${model}`}
    </Text>
  );
}

export function StaleWarning({ score }: { score: LeadScore }) {
  if (score.freshness !== 'stale') return null;
  return (
    <Alert title="Out of date" variant="warning">
      This record changed after it was scored. Rescore to bring it up to date.
    </Alert>
  );
}

export function MissingValues({ score }: { score: LeadScore }) {
  if (score.missing.length === 0) return null;
  return <Text variant="microcopy">{`No value yet for: ${score.missing.join(', ')}`}</Text>;
}

/** One 0–100 score with its name, e.g. "Risk 35". */
export function Dial({
  label,
  score,
  testId,
  children,
}: {
  label: string;
  score: number;
  testId: string;
  children?: ReactNode;
}) {
  return (
    <Box flex={1}>
      <Flex direction="column" align="center" gap="xs">
        <Text format={{ fontWeight: 'demibold' }}>{label}</Text>
        <ScoreCircle score={Math.max(0, Math.min(100, Math.round(score)))} testId={`score-${testId}`} />
        {children}
      </Flex>
    </Box>
  );
}
