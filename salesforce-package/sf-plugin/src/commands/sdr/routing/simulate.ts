import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { RoutingSimulation, RoutingSimulationRequest, routes } from '@sdr/shared';
import { backendFlags, backendFor } from '../../../backend-flags.ts';
import { BackendProblemError } from '../../../backend.ts';
import { invalidFile, pathOf, readJsonFile, type FileProblem } from '../../../json-file.ts';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sdr/sf-plugin-sdr', 'sdr.routing.simulate');

type Simulation = ReturnType<typeof RoutingSimulation.parse>;
type SimulationRequest = ReturnType<typeof RoutingSimulationRequest.parse>;

export type RoutingSimulateResult = Simulation & { file: string };

export default class RoutingSimulate extends SfCommand<RoutingSimulateResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    file: Flags.file({ summary: messages.getMessage('flags.file.summary'), required: true, exists: true, char: 'f' }),
    leads: Flags.integer({ summary: messages.getMessage('flags.leads.summary'), min: 1, max: 10_000 }),
    ...backendFlags,
  };

  public async run(): Promise<RoutingSimulateResult> {
    const { flags } = await this.parse(RoutingSimulate);
    const file = flags.file;
    const request = parseRequest(file, await readJsonFile(file), flags.leads);
    const backend = await backendFor(flags['target-org'], flags, 120_000);

    this.spinner.start(`Routing the latest ${request.leads} leads with the proposed rules`);
    let simulation: Simulation;
    try {
      ({ data: simulation } = await backend.call('POST', routes.simulateRouting.path, {
        body: request,
        schema: RoutingSimulation,
      }));
    } catch (error) {
      // SfCommand stops the spinner with "Error" on the way out.
      throw refused(error);
    }
    this.spinner.stop();
    this.print(simulation);
    return { file, ...simulation };
  }

  private print(simulation: Simulation): void {
    if (simulation.leads === 0) {
      this.info(messages.getMessage('info.noLeads'));
      return;
    }
    this.table({
      title: 'Leads per SDR: today and with the proposed rules',
      data: simulation.distribution.map((row) => ({
        sdr: row.name,
        today: row.current,
        proposed: row.proposed,
        change: signed(row.proposed - row.current),
        hot: row.proposedByTier.hot,
        warm: row.proposedByTier.warm,
        cold: row.proposedByTier.cold,
      })),
      columns: ['sdr', 'today', 'proposed', 'change', 'hot', 'warm', 'cold'],
    });
    this.table({
      title: 'Leads each rule would decide',
      data: simulation.byRule.map((rule) => ({ rule: rule.ruleId ?? '(none)', name: rule.name, leads: rule.leads })),
      columns: ['rule', 'name', 'leads'],
    });
    this.log(
      messages.getMessage('info.moved', [
        simulation.moved,
        simulation.leads,
        simulation.from ?? '?',
        simulation.to ?? '?',
      ]),
    );
  }
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function parseRequest(file: string, json: unknown, leads: number | undefined): SimulationRequest {
  const body = Array.isArray(json) ? { rules: json } : json;
  const withLeads = leads !== undefined && body && typeof body === 'object' ? { ...body, leads } : body;
  const parsed = RoutingSimulationRequest.safeParse(withLeads);
  if (parsed.success) return parsed.data;
  // A bare list's paths start at the list itself: `[0].target`, not `rules[0].target`.
  const problems: FileProblem[] = parsed.error.issues.map((issue) => ({
    path: pathOf(Array.isArray(json) && issue.path[0] === 'rules' ? issue.path.slice(1) : issue.path),
    message: issue.message,
  }));
  throw invalidFile(file, problems);
}

/** The service's field paths (`body.rules.0.target`) as paths in the file (`rules[0].target`). */
function refused(error: unknown): unknown {
  if (!(error instanceof BackendProblemError)) return error;
  const errors = error.data?.problem?.errors ?? [];
  if (errors.length === 0) return error;
  const lines = errors.map((e) => {
    const parts = e.field
      .replace(/^body\.?/, '')
      .split('.')
      .filter(Boolean);
    const path = pathOf(parts.map((part) => (/^\d+$/.test(part) ? Number(part) : part)));
    return `  - ${path || '(body)'}: ${e.message}`;
  });
  const refusal = messages.createError('error.Refused', [lines.join('\n')]);
  refusal.setData({ status: error.data?.status ?? null, errors });
  return refusal;
}
