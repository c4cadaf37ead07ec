import { Alert, Button, Divider, Flex, Statistics, StatisticsItem, Tag } from '@hubspot/ui-extensions';
import type { EvTier, Lead, LeadScore } from '@sdr/shared';
import { backend } from '../backend/request.ts';
import { useBackend } from '../backend/useBackend.ts';
import { useSave } from '../backend/useSave.ts';
import { Failure, Loading } from '../components/PanelStates.tsx';
import { formatMoney, formatPercent } from './lib/format.ts';
import { useSyncedRecord } from './lib/records.ts';
import { NotSynced } from './NotSynced.tsx';
import { Dial, MissingValues, ReasonList, ScoredWhen, StaleWarning } from './ScoreParts.tsx';

const TIERS: Record<EvTier, { label: string; variant: 'success' | 'warning' | 'default' }> = {
  hot: { label: 'Hot', variant: 'success' },
  warm: { label: 'Warm', variant: 'warning' },
  cold: { label: 'Cold', variant: 'default' },
};

/** The scores of the contact on screen: finds its lead by the contact's id, then shows the lead's latest score. */
export function ContactScoresPanel({ contactId }: { contactId: string | null }) {
  const lead = useSyncedRecord<Lead>('/v1/leads', contactId);
  if (lead.status === 'loading') return <Loading label="Finding this contact" />;
  if (lead.status === 'error')
    return <Failure title="Could not load the scores" message={lead.error.message} onRetry={lead.reload} />;
  if (!lead.record) return <NotSynced onCheck={lead.reload} />;
  return <LeadScores leadId={lead.record.id} />;
}

function LeadScores({ leadId }: { leadId: string }) {
  const score = useBackend<LeadScore>(`/v1/leads/${encodeURIComponent(leadId)}/score`);
  const rescore = useSave();

  function rescoreLead() {
    void rescore.run(async () => {
      await backend<unknown>('/v1/scores', { method: 'POST', body: { leadIds: [leadId] } });
      score.reload();
    }, 'Rescored');
  }

  if (score.status === 'loading') return <Loading label="Loading the scores" />;
  if (score.status === 'error')
    return <Failure title="Could not load the scores" message={score.error.message} onRetry={score.reload} />;
  return (
    <Flex direction="column" gap="sm">
      {rescore.error && (
        <Alert title="Rescoring did not work" variant="error">
          {rescore.error}
        </Alert>
      )}
      <ScoreSummary score={score.data} />
      <StaleWarning score={score.data} />
      <Divider />
      <ReasonList dimension="ev" reasons={score.data.topReasons} />
      <ReasonList dimension="risk" reasons={score.data.topReasons} />
      <ReasonList dimension="urgency" reasons={score.data.topReasons} />
      <MissingValues score={score.data} />
      <ScoredWhen score={score.data} />
      <Button onClick={rescoreLead} disabled={rescore.saving} testId="rescore">
        {rescore.saving ? 'Rescoring…' : 'Rescore'}
      </Button>
    </Flex>
  );
}

function ScoreSummary({ score }: { score: LeadScore }) {
  const tier = TIERS[score.evTier];
  return (
    <Flex direction="column" gap="sm">
      <Statistics>
        <StatisticsItem label="Expected value" number={formatMoney(score.expectedValue)} testId="expected-value" />
        <StatisticsItem label="Chance to convert" number={formatPercent(score.pConvert)} testId="chance" />
      </Statistics>
      <Flex direction="row" gap="md" justify="between" wrap>
        <Dial label="EV" score={score.ev} testId="ev">
          <Tag variant={tier.variant}>{tier.label}</Tag>
        </Dial>
        <Dial label="Risk" score={score.risk} testId="risk" />
        <Dial label="Urgency" score={score.urgency} testId="urgency" />
      </Flex>
    </Flex>
  );
}
