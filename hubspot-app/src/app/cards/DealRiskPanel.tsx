import { Flex, Tag, Text } from '@hubspot/ui-extensions';
import type { LeadScore, Opportunity } from '@sdr/shared';
import { useBackend } from '../backend/useBackend.ts';
import { Failure, Loading, Notice } from '../components/PanelStates.tsx';
import { NotSynced } from './NotSynced.tsx';
import { useSyncedRecord } from './lib/records.ts';
import { Dial, ReasonList, ScoredWhen, StaleWarning } from './ScoreParts.tsx';

export const DEAL_NOT_SYNCED = 'This deal has not been synced yet. New deals usually arrive within a few minutes.';
export const NO_LEAD = 'This deal is not linked to a lead in the SDR service, so it has no risk score yet.';

/** How risky the deal on screen is, from the score of the lead it came from, and why. */
export function DealRiskPanel({ dealId }: { dealId: string | null }) {
  const deal = useSyncedRecord<Opportunity>('/v1/opportunities', dealId);
  if (deal.status === 'loading') return <Loading label="Finding this deal" />;
  if (deal.status === 'error')
    return <Failure title="Could not load the deal risk" message={deal.error.message} onRetry={deal.reload} />;
  if (!deal.record) return <NotSynced onCheck={deal.reload} text={DEAL_NOT_SYNCED} />;
  return (
    <Flex direction="column" gap="sm">
      {deal.record.leadId ? <LeadRisk leadId={deal.record.leadId} /> : <Notice title="No risk score">{NO_LEAD}</Notice>}
      <Competitors names={deal.record.competitors} />
    </Flex>
  );
}

function LeadRisk({ leadId }: { leadId: string }) {
  const score = useBackend<LeadScore>(`/v1/leads/${encodeURIComponent(leadId)}/score`);
  if (score.status === 'loading') return <Loading label="Loading the risk" />;
  if (score.status === 'error')
    return <Failure title="Could not load the deal risk" message={score.error.message} onRetry={score.reload} />;
  const hasReasons = score.data.topReasons.some((reason) => reason.dimension === 'risk');
  return (
    <Flex direction="column" gap="sm">
      <Dial label="Risk" score={score.data.risk} testId="risk" />
      <StaleWarning score={score.data} />
      {hasReasons ? (
        <ReasonList dimension="risk" reasons={score.data.topReasons} />
      ) : (
        <Text variant="microcopy">Nothing in particular raises or lowers the risk of this deal.</Text>
      )}
      <ScoredWhen score={score.data} />
    </Flex>
  );
}

function Competitors({ names }: { names: string[] }) {
  if (names.length === 0) return null;
  return (
    <Flex direction="column" gap="xs" testId="deal-competitors">
      <Text format={{ fontWeight: 'demibold' }}>Competitors on this deal</Text>
      <Flex direction="row" gap="xs" wrap>
        {names.map((name) => (
          <Tag key={name} variant="warning">
            {name}
          </Tag>
        ))}
      </Flex>
      <Text variant="microcopy">Their battlecards are in the Competitor battlecards card.</Text>
    </Flex>
  );
}
