import { Alert, Button, Divider, Flex, Heading, List, ProgressBar, StatusTag, Tag, Text } from '@hubspot/ui-extensions';
import type { Call, Lead, Suggestion, SuggestionKind, TranscriptSegment } from '@sdr/shared';
import { useBackend } from '../backend/useBackend.ts';
import { Failure, Loading, Notice } from '../components/PanelStates.tsx';
import { SECTION_TITLES } from '../lib/battlecard-sections.ts';
import { MarkdownText } from './BattlecardsPanel.tsx';
import { NotSynced } from './NotSynced.tsx';
import { timeAgo } from './lib/format.ts';
import { useSyncedRecord } from './lib/records.ts';
import { LIVE_CALL_TIMING, useLiveCall, type LiveCallTiming } from './lib/useLiveCall.ts';

/** A sidebar has room for the end of a conversation, which is the part a rep needs while talking. */
export const TRANSCRIPT_LINES = 20;

const SPEAKERS = { rep: 'Rep', prospect: 'Prospect' } as const;

const KINDS: Record<SuggestionKind, string> = {
  competitor: 'Competitor',
  objection: 'Objection',
  question: 'Question',
  next_step: 'Next step',
  talk_track: 'Talk track',
};

/** The contact's live call as it happens, and its summary once it ends. */
export function ContactLiveCallPanel({
  contactId,
  timing = LIVE_CALL_TIMING,
}: {
  contactId: string | null;
  timing?: LiveCallTiming;
}) {
  const lead = useSyncedRecord<Lead>('/v1/leads', contactId);
  if (lead.status === 'loading') return <Loading label="Finding this contact" />;
  if (lead.status === 'error')
    return <Failure title="Could not load the call" message={lead.error.message} onRetry={lead.reload} />;
  if (!lead.record) return <NotSynced onCheck={lead.reload} />;
  return <LiveCall leadId={lead.record.id} timing={timing} />;
}

function LiveCall({ leadId, timing }: { leadId: string; timing: LiveCallTiming }) {
  const { state, restart } = useLiveCall(leadId, timing);
  switch (state.status) {
    case 'finding':
      return <Loading label="Looking for a live call" />;
    case 'error':
      return <Failure title="Could not follow the call" message={state.message} onRetry={restart} />;
    case 'none':
      return (
        <Flex direction="column" gap="sm">
          <Notice title="No live call">
            {`When a call with this contact starts, it shows here. This card checks every ${seconds(timing.recheckMs)}.`}
          </Notice>
          <Button onClick={restart} testId="check-again">
            Check again
          </Button>
        </Flex>
      );
    case 'live':
      return (
        <Flex direction="column" gap="sm">
          <Flex direction="row" gap="xs" align="center">
            <StatusTag variant="success" testId="live">
              Live
            </StatusTag>
            <Text variant="microcopy">Updates as the conversation goes on</Text>
          </Flex>
          {state.reconnecting && (
            <Alert title="Reconnecting" variant="warning" testId="reconnecting">
              Lost touch with the SDR service for a moment. Trying again; nothing is lost.
            </Alert>
          )}
          <TalkRatio ratio={state.metrics?.repTalkRatio ?? null} />
          <Suggestions suggestions={state.suggestions} />
          <Divider />
          <Transcript segments={state.segments} />
        </Flex>
      );
    case 'ended':
      return <EndedCall callId={state.callId} onLookAgain={restart} />;
  }
}

function seconds(ms: number): string {
  const count = Math.max(1, Math.round(ms / 1000));
  return count === 1 ? 'second' : `${count} seconds`;
}

/** The rep's share of talk time, or nothing while the speakers have not been told apart. */
export function TalkRatio({ ratio }: { ratio: number | null }) {
  if (ratio === null) return null;
  const rep = Math.max(0, Math.min(100, Math.round(ratio * 100)));
  return (
    <ProgressBar
      title="Talk ratio"
      value={rep}
      maxValue={100}
      valueDescription={`Rep ${rep}% · Prospect ${100 - rep}%`}
      testId="talk-ratio"
    />
  );
}

function Suggestions({ suggestions }: { suggestions: Suggestion[] }) {
  if (suggestions.length === 0)
    return <Text variant="microcopy">Suggestions appear here when a competitor or an objection comes up.</Text>;
  return (
    <Flex direction="column" gap="sm" testId="suggestions">
      <Heading>Suggestions</Heading>
      {suggestions.map((suggestion) => (
        <SuggestionView key={suggestion.id} suggestion={suggestion} />
      ))}
    </Flex>
  );
}

/** Where the words come from: an objection's body is what to say back; a competitor's is the battlecard's. */
function sourceText(suggestion: Suggestion): string {
  if (suggestion.source) return `From the battlecard: ${SECTION_TITLES[suggestion.source.section]}`;
  if (suggestion.kind === 'objection') return 'Talk track';
  return 'Suggestion';
}

function SuggestionView({ suggestion }: { suggestion: Suggestion }) {
  return (
    <Flex direction="column" gap="xs" testId={`suggestion-${suggestion.id}`}>
      <Flex direction="row" gap="xs" align="center" wrap>
        <Tag variant={suggestion.kind === 'competitor' || suggestion.kind === 'objection' ? 'warning' : 'info'}>
          {KINDS[suggestion.kind]}
        </Tag>
        <Text format={{ fontWeight: 'demibold' }}>{suggestion.title}</Text>
      </Flex>
      {suggestion.signal.match && <Text variant="microcopy">{`Heard: “${suggestion.signal.match}”`}</Text>}
      <Text variant="microcopy">{sourceText(suggestion)}</Text>
      <MarkdownText markdown={suggestion.body} />
      {suggestion.tailored && <Text format={{ italic: true }}>{`For this call: ${suggestion.tailored}`}</Text>}
    </Flex>
  );
}

export function transcriptLine(segment: TranscriptSegment): string {
  return `${SPEAKERS[segment.speaker]}: ${segment.text}${segment.final ? '' : ' …'}`;
}

function Transcript({ segments }: { segments: TranscriptSegment[] }) {
  if (segments.length === 0) return <Text variant="microcopy">The transcript starts when someone speaks.</Text>;
  const shown = segments.slice(-TRANSCRIPT_LINES);
  return (
    <Flex direction="column" gap="xs" testId="transcript">
      <Heading>Transcript</Heading>
      {segments.length > shown.length && (
        <Text variant="microcopy">{`The last ${shown.length} of ${segments.length} lines`}</Text>
      )}
      {shown.map((segment) => (
        // An interim line may still change: set apart until its final version arrives.
        <Text
          key={segment.segmentId}
          format={segment.final ? undefined : { italic: true }}
          testId={segment.final ? undefined : 'interim'}
        >
          {transcriptLine(segment)}
        </Text>
      ))}
    </Flex>
  );
}

function EndedCall({ callId, onLookAgain }: { callId: string; onLookAgain: () => void }) {
  const call = useBackend<Call>(`/v1/calls/${encodeURIComponent(callId)}`);
  const lookAgain = (
    <Button onClick={onLookAgain} variant="secondary" testId="look-again">
      Look for a new call
    </Button>
  );
  if (call.status === 'loading') return <Loading label="Loading the call summary" />;
  if (call.status === 'error')
    return <Failure title="Could not load the call summary" message={call.error.message} onRetry={call.reload} />;
  const { summary } = call.data;
  return (
    <Flex direction="column" gap="sm" testId="ended">
      <Flex direction="row" gap="xs" align="center">
        <StatusTag variant="default">Ended</StatusTag>
        {call.data.endedAt && <Text variant="microcopy">{`Ended ${timeAgo(call.data.endedAt)}`}</Text>}
      </Flex>
      {summary ? (
        <>
          <Heading>Summary</Heading>
          <Text>{summary.text}</Text>
          <TitledList title="Next steps" items={summary.nextSteps} testId="next-steps" />
          <TitledList title="Objections raised" items={summary.objections} testId="objections" />
          <TalkRatio ratio={summary.repTalkRatio ?? call.data.metrics?.repTalkRatio ?? null} />
        </>
      ) : (
        <Flex direction="column" gap="sm">
          <Notice title="Summary on its way">The call has ended and its summary is being written.</Notice>
          <Button onClick={call.reload} testId="check-summary">
            Check again
          </Button>
        </Flex>
      )}
      {lookAgain}
    </Flex>
  );
}

function TitledList({ title, items, testId }: { title: string; items: string[]; testId: string }) {
  if (items.length === 0) return null;
  return (
    <Flex direction="column" gap="xs" testId={testId}>
      <Text format={{ fontWeight: 'demibold' }}>{title}</Text>
      <List variant="unordered">
        {items.map((item, index) => (
          <Text key={index}>{item}</Text>
        ))}
      </List>
    </Flex>
  );
}
