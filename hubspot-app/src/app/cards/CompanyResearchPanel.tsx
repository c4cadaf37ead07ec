import {
  Accordion,
  Alert,
  Button,
  DescriptionList,
  DescriptionListItem,
  Divider,
  Flex,
  Heading,
  Link,
  List,
  LoadingSpinner,
  StatusTag,
  Text,
} from '@hubspot/ui-extensions';
import type {
  Company,
  CrmContext,
  Fact,
  RegisterMatch,
  RegisterMatchStatus,
  ResearchReport,
  RiskFlag,
} from '@sdr/shared';
import { Failure, Loading } from '../components/PanelStates.tsx';
import { NotSynced } from './NotSynced.tsx';
import { formatDate } from '../lib/format.ts';
import { formatMoney, timeAgo, webAddress } from './lib/format.ts';
import { useSyncedRecord } from './lib/records.ts';
import { RESEARCH_TIMING, useResearch, type ResearchTiming } from './lib/useResearch.ts';

export const COMPANY_NOT_SYNCED =
  'This company has not been synced yet. New companies usually arrive within a few minutes.';
export const RESEARCH_FAILED = 'The research could not be finished. Try again in a few minutes.';

type TagVariant = 'danger' | 'warning' | 'info' | 'success' | 'default';

const REGISTER_TAGS: Record<RegisterMatchStatus, { label: string; variant: TagVariant }> = {
  matched: { label: 'Found on the register', variant: 'success' },
  chosen: { label: 'Register entry chosen', variant: 'success' },
  ambiguous: { label: 'Several possible entries', variant: 'warning' },
  not_found: { label: 'Not found on the register', variant: 'default' },
  not_uk: { label: 'Outside the UK', variant: 'default' },
  unavailable: { label: 'Register unavailable', variant: 'warning' },
  not_configured: { label: 'Register not set up', variant: 'default' },
};

const SEVERITY: Record<RiskFlag['severity'], { label: string; variant: TagVariant }> = {
  high: { label: 'High', variant: 'danger' },
  medium: { label: 'Medium', variant: 'warning' },
  low: { label: 'Low', variant: 'info' },
};

const REGISTER_PARTS: Record<string, string> = {
  profile: 'company profile',
  officers: 'officers',
  psc: 'people with significant control',
  filings: 'filings',
  charges: 'charges',
  insolvency: 'insolvency history',
};

/** A briefing on the company on screen, researched by the SDR service from the register, the web and the CRM. */
export function CompanyResearchPanel({
  companyCrmId,
  timing = RESEARCH_TIMING,
}: {
  companyCrmId: string | null;
  timing?: ResearchTiming;
}) {
  const company = useSyncedRecord<Company>('/v1/companies', companyCrmId);
  if (company.status === 'loading') return <Loading label="Finding this company" />;
  if (company.status === 'error')
    return <Failure title="Could not load the research" message={company.error.message} onRetry={company.reload} />;
  if (!company.record) return <NotSynced onCheck={company.reload} text={COMPANY_NOT_SYNCED} />;
  return <Research company={company.record} timing={timing} />;
}

function Research({ company, timing }: { company: Company; timing: ResearchTiming }) {
  const { state, retry, refresh, keepWaiting } = useResearch(company.id, timing);
  switch (state.status) {
    case 'starting':
      return <Loading label="Getting the research" />;
    case 'error':
      return <Failure title="Could not load the research" message={state.message} onRetry={retry} />;
    case 'waiting':
      return (
        <Flex direction="column" gap="sm" testId="researching">
          <LoadingSpinner label={`Researching ${company.name}`} showLabel layout="centered" />
          <Text variant="microcopy">This usually takes under a minute. The card updates by itself.</Text>
        </Flex>
      );
    case 'slow':
      return (
        <Flex direction="column" gap="sm">
          <Alert title="Still researching" variant="info">
            This is taking longer than usual. Check again in a minute.
          </Alert>
          <Button onClick={() => keepWaiting(state.report)} testId="keep-waiting">
            Check again
          </Button>
        </Flex>
      );
    case 'done':
      if (state.report.status === 'failed')
        return (
          <Flex direction="column" gap="sm">
            <Alert title="The research did not finish" variant="error">
              {state.report.error ?? RESEARCH_FAILED}
            </Alert>
            <Button onClick={refresh} testId="research-again">
              Try again
            </Button>
          </Flex>
        );
      return <Report report={state.report} onRefresh={refresh} />;
  }
}

function Report({ report, onRefresh }: { report: ResearchReport; onRefresh: () => void }) {
  return (
    <Flex direction="column" gap="md" testId="report">
      <Flex direction="column" gap="xs">
        <Heading>Overview</Heading>
        {report.overview && <Text testId="overview">{report.overview}</Text>}
        <Text variant="microcopy" testId="researched-when">
          {report.completedAt ? `Researched ${timeAgo(report.completedAt)}` : 'Researched recently'}
          {report.expiresAt ? ` · researched again after ${formatDate(report.expiresAt)}` : ''}
        </Text>
      </Flex>
      {report.registerMatch && <Register match={report.registerMatch} />}
      <Section title="Talking points" testId="talking-points" items={report.talkingPoints.map((point) => point.text)} />
      <Section
        title="Key people"
        testId="key-people"
        items={report.keyPeople.map(
          (person) => `${person.name}, ${person.role}${person.since ? ` (since ${formatDate(person.since)})` : ''}`,
        )}
      />
      <Section
        title="Recent events"
        testId="recent-events"
        items={report.recentEvents.map((event) => `${formatDate(event.date)}: ${event.title}`)}
      />
      <RiskFlags flags={report.riskFlags} />
      {report.crmContext && <CrmFacts context={report.crmContext} />}
      <Facts facts={report.facts} />
      <Divider />
      <Button onClick={onRefresh} variant="secondary" testId="refresh">
        Research again
      </Button>
    </Flex>
  );
}

function Section({ title, items, testId }: { title: string; items: string[]; testId: string }) {
  if (items.length === 0) return null;
  return (
    <Flex direction="column" gap="xs" testId={testId}>
      <Heading>{title}</Heading>
      <List variant="unordered">
        {items.map((item, index) => (
          <Text key={index}>{item}</Text>
        ))}
      </List>
    </Flex>
  );
}

function Register({ match }: { match: RegisterMatch }) {
  const tag = REGISTER_TAGS[match.status];
  const missing = match.missing.map((part) => REGISTER_PARTS[part] ?? part);
  return (
    <Flex direction="column" gap="xs" testId="register">
      <Heading>{match.register}</Heading>
      <Flex direction="row" gap="xs" align="center" wrap>
        <StatusTag variant={tag.variant}>{tag.label}</StatusTag>
        {match.companyNumber && <Text variant="microcopy">{`Company number ${match.companyNumber}`}</Text>}
      </Flex>
      <Text>{match.message}</Text>
      {missing.length > 0 && (
        <Text
          variant="microcopy"
          testId="register-missing"
        >{`The register did not answer for: ${missing.join(', ')}`}</Text>
      )}
      {match.status === 'ambiguous' && match.candidates.length > 0 && (
        <List variant="unordered">
          {match.candidates.map((candidate) => (
            <Text key={candidate.companyNumber}>
              {`${candidate.name} (${candidate.companyNumber})${candidate.address ? `, ${candidate.address}` : ''}`}
            </Text>
          ))}
        </List>
      )}
    </Flex>
  );
}

function RiskFlags({ flags }: { flags: RiskFlag[] }) {
  if (flags.length === 0) return null;
  return (
    <Flex direction="column" gap="xs" testId="risk-flags">
      <Heading>Risk flags</Heading>
      {flags.map((flag) => (
        <Flex key={flag.code} direction="row" gap="xs" align="center" wrap>
          <StatusTag variant={SEVERITY[flag.severity].variant}>{SEVERITY[flag.severity].label}</StatusTag>
          <Text>{flag.text}</Text>
        </Flex>
      ))}
    </Flex>
  );
}

function CrmFacts({ context }: { context: CrmContext }) {
  return (
    <Flex direction="column" gap="xs" testId="crm-context">
      <Heading>In the CRM</Heading>
      <DescriptionList direction="row">
        <DescriptionListItem label="Leads">
          <Text>{String(context.leadCount)}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Open deals">
          <Text>{String(context.openOpportunityCount)}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Open pipeline">
          <Text>{context.openPipeline ? formatMoney(context.openPipeline) : 'None'}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Last activity">
          <Text>{context.lastActivityAt ? timeAgo(context.lastActivityAt) : 'None yet'}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Competitors">
          <Text>{context.competitors.length > 0 ? context.competitors.join(', ') : 'None named'}</Text>
        </DescriptionListItem>
      </DescriptionList>
    </Flex>
  );
}

/** Every fact with where it came from, so a rep can check before repeating it to a prospect. */
function Facts({ facts }: { facts: Fact[] }) {
  if (facts.length === 0) return null;
  return (
    <Accordion title={`Facts and sources (${facts.length})`} size="sm" testId="facts">
      <Flex direction="column" gap="sm">
        {facts.map((fact) => (
          <Flex key={fact.id} direction="column" gap="flush" testId={`fact-${fact.id}`}>
            <Text>{fact.statement}</Text>
            <Source name={fact.source.name} url={fact.source.url} />
          </Flex>
        ))}
      </Flex>
    </Accordion>
  );
}

function Source({ name, url }: { name: string; url: string | null }) {
  const address = webAddress(url);
  if (!address) return <Text variant="microcopy">{`Source: ${name}`}</Text>;
  return (
    <Text variant="microcopy">
      {'Source: '}
      <Link href={{ url: address, external: true }}>{name}</Link>
    </Text>
  );
}
