import { Messages, type Connection } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { routes } from '@sdr/shared';
import { backendFlags, backendFor } from '../../backend-flags.ts';
import type { Backend } from '../../backend.ts';
import { waitForJob, type JobValue } from '../../job-polling.ts';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@sdr/sf-plugin-sdr', 'sdr.rescore');

/** The contract's limit on crmIds per rescore request. */
export const IDS_PER_CALL = 50_000;

export type RescoreJob = {
  id: string;
  /** How many CRM ids this job was given; null for a rescore of every lead. */
  crmIds: number | null;
  state: string;
  scored: number | null;
  notFoundCount: number | null;
  /** The first CRM ids the service does not store (the service lists a limited number). */
  notFound: string[];
};

export type RescoreResult = {
  where: string | null;
  /** Leads the org matched for --where; null without it. */
  matched: number | null;
  jobs: RescoreJob[];
  /** Whether every job ended within --wait (false without --wait). */
  finished: boolean;
  scored: number | null;
  notFoundCount: number | null;
};

type JobOutput = { scored?: number; notFoundCount?: number; notFound?: string[]; error?: unknown; message?: unknown };

export default class Rescore extends SfCommand<RescoreResult> {
  public static override readonly summary = messages.getMessage('summary');
  public static override readonly description = messages.getMessage('description');
  public static override readonly examples = messages.getMessages('examples');

  public static override readonly flags = {
    'target-org': Flags.requiredOrg(),
    where: Flags.string({ summary: messages.getMessage('flags.where.summary') }),
    wait: Flags.duration({ unit: 'minutes', summary: messages.getMessage('flags.wait.summary'), min: 0 }),
    ...backendFlags,
  };

  public async run(): Promise<RescoreResult> {
    const { flags } = await this.parse(Rescore);
    const org = flags['target-org'];
    const backend = await backendFor(org, flags);
    const where = flags.where?.trim() || null;

    let batches: Array<string[] | null> = [null];
    let matched: number | null = null;
    if (where) {
      const ids = await leadIds(org.getConnection('62.0'), where, org.getUsername() ?? org.getOrgId());
      matched = ids.length;
      if (ids.length === 0) {
        this.info(messages.getMessage('info.noMatch'));
        return { where, matched, jobs: [], finished: true, scored: 0, notFoundCount: 0 };
      }
      this.log(messages.getMessage('info.matched', [ids.length]));
      batches = [];
      for (let i = 0; i < ids.length; i += IDS_PER_CALL) batches.push(ids.slice(i, i + IDS_PER_CALL));
    }

    const jobs: RescoreJob[] = [];
    for (const crmIds of batches) {
      const { data } = await backend.call('POST', routes.rescoreAll.path, {
        body: crmIds ? { crmIds } : {},
        schema: routes.rescoreAll.responses[202].schema,
      });
      this.log(messages.getMessage('info.started', [data.job.id, crmIds ? `${crmIds.length} leads` : 'every lead']));
      jobs.push(jobReport(data.job, crmIds?.length ?? null));
    }

    let finished = false;
    if (flags.wait && flags.wait.minutes > 0) {
      finished = true;
      for (const [index, job] of jobs.entries()) {
        const outcome = await this.follow(backend, job.id, flags.wait.milliseconds);
        jobs[index] = jobReport(outcome.job, job.crmIds);
        if (outcome.job.state === 'failed' || outcome.job.state === 'cancelled') {
          throw messages.createError('error.JobFailed', [job.id, failureOf(outcome.job)]);
        }
        if (!outcome.finished) {
          finished = false;
          this.warn(messages.getMessage('warning.stillRunning', [job.id, flags.wait.minutes, outcome.job.state]));
        }
      }
    }

    const sum = (pick: (job: RescoreJob) => number | null) =>
      jobs.every((job) => pick(job) !== null) ? jobs.reduce((total, job) => total + pick(job)!, 0) : null;
    const result: RescoreResult = {
      where,
      matched,
      jobs,
      finished,
      scored: finished ? sum((job) => job.scored) : null,
      notFoundCount: finished && where ? sum((job) => job.notFoundCount) : null,
    };
    if (finished) this.report(result);
    return result;
  }

  private async follow(backend: Backend, jobId: string, timeoutMs: number) {
    let started = false;
    try {
      return await waitForJob(backend, jobId, {
        timeoutMs,
        onProgress: (job) => {
          const total = job.progress?.total ?? null;
          if (total === null || total === 0) return;
          if (!started) {
            this.progress.start(total, {}, { title: 'Rescoring', format: '%s | {bar} | {value}/{total} leads' });
            started = true;
          }
          this.progress.update(job.progress?.done ?? 0);
        },
      });
    } finally {
      if (started) this.progress.finish();
    }
  }

  private report(result: RescoreResult): void {
    const notFound = result.jobs.flatMap((job) => job.notFound);
    this.logSuccess(messages.getMessage('info.done', [result.scored ?? 0, '']));
    if (result.notFoundCount) {
      const sample = notFound.length > 0 ? `, e.g. ${notFound.slice(0, 10).join(', ')}` : '';
      this.log(messages.getMessage('info.notFound', [result.notFoundCount, sample]));
    }
  }
}

function jobReport(job: JobValue, crmIds: number | null): RescoreJob {
  const output = (job.state === 'completed' ? job.output : null) as JobOutput | null;
  return {
    id: job.id,
    crmIds,
    state: job.state,
    scored: typeof output?.scored === 'number' ? output.scored : null,
    notFoundCount: typeof output?.notFoundCount === 'number' ? output.notFoundCount : crmIds === null ? null : 0,
    notFound: Array.isArray(output?.notFound) ? output.notFound.map(String) : [],
  };
}

function failureOf(job: JobValue): string {
  const output = job.output as JobOutput | string | null;
  if (typeof output === 'string') return output;
  const message = output?.message ?? (output?.error as { message?: unknown } | undefined)?.message ?? output?.error;
  return typeof message === 'string' ? message : `state ${job.state}`;
}

async function leadIds(conn: Connection, where: string, target: string): Promise<string[]> {
  try {
    const result = await conn.query<{ Id: string }>(`SELECT Id FROM Lead WHERE ${where}`, {
      autoFetch: true,
      maxFetch: 10_000_000,
    });
    return result.records.map((record) => record.Id);
  } catch (error) {
    throw messages.createError('error.QueryFailed', [(error as Error).message], [target]);
  }
}
