import { randomUUID } from 'node:crypto';

/**
 * Transcripts of scheduled Teams meetings, each owned by its meeting's organizer. Ids look like Graph's: a meeting
 * id is base64 of `1*{organizerId}*0**19:meeting_…@thread.v2`, a transcript id is base64 too (both may contain
 * `/`, `+` and `=`, so callers must encode them in paths).
 */

export interface StandInTranscript {
  id: string;
  tenantId: string;
  meetingId: string;
  organizerUserId: string;
  callId: string;
  contentCorrelationId: string;
  createdDateTime: Date;
  endDateTime: Date;
  vtt: string;
}

export interface NewTranscript {
  tenantId?: string;
  organizerUserId: string;
  meetingId?: string;
  id?: string;
  vtt: string;
  createdDateTime?: Date | string;
  endDateTime?: Date | string;
}

export function meetingIdFor(organizerUserId: string): string {
  const thread = Buffer.from(randomUUID()).toString('base64').replace(/=+$/, '');
  return Buffer.from(`1*${organizerUserId}*0**19:meeting_${thread}@thread.v2`).toString('base64');
}

export function transcriptIdFor(): string {
  // Random bytes make `/` and `+` likely over a test run, which is the point.
  return Buffer.from(`1##0##${randomUUID()}##${Math.random()}`).toString('base64');
}

/** Graph writes seven fractional digits. */
export const graphTime = (date: Date) => date.toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');

export class TranscriptStore {
  private readonly items: StandInTranscript[] = [];

  add(input: NewTranscript, defaults: { tenantId: string; now: Date }): StandInTranscript {
    const created = input.createdDateTime ? new Date(input.createdDateTime) : defaults.now;
    const transcript: StandInTranscript = {
      id: input.id ?? transcriptIdFor(),
      tenantId: (input.tenantId ?? defaults.tenantId).toLowerCase(),
      meetingId: input.meetingId ?? meetingIdFor(input.organizerUserId),
      organizerUserId: input.organizerUserId,
      callId: randomUUID(),
      contentCorrelationId: randomUUID(),
      createdDateTime: created,
      endDateTime: input.endDateTime ? new Date(input.endDateTime) : new Date(created.getTime() + 30 * 60_000),
      vtt: input.vtt,
    };
    this.items.push(transcript);
    return transcript;
  }

  find(tenantId: string, organizerUserId: string, meetingId: string, transcriptId: string) {
    return this.items.find(
      (t) =>
        t.tenantId === tenantId &&
        t.organizerUserId === organizerUserId &&
        t.meetingId === meetingId &&
        t.id === transcriptId,
    );
  }

  ofMeeting(tenantId: string, organizerUserId: string, meetingId: string) {
    return this.items.filter(
      (t) => t.tenantId === tenantId && t.organizerUserId === organizerUserId && t.meetingId === meetingId,
    );
  }

  meetingExists(tenantId: string, organizerUserId: string, meetingId: string) {
    return this.ofMeeting(tenantId, organizerUserId, meetingId).length > 0;
  }

  ofOrganizer(tenantId: string, organizerUserId: string, range: { start?: Date; end?: Date }) {
    return this.items
      .filter((t) => t.tenantId === tenantId && t.organizerUserId === organizerUserId)
      .filter(
        (t) => (!range.start || t.createdDateTime >= range.start) && (!range.end || t.createdDateTime < range.end),
      )
      .sort((a, b) => a.createdDateTime.getTime() - b.createdDateTime.getTime());
  }
}

export function transcriptJson(t: StandInTranscript, graphUrl: string) {
  const base = `${graphUrl}/users/${t.organizerUserId}/onlineMeetings/${encodeURIComponent(t.meetingId)}/transcripts/${encodeURIComponent(t.id)}`;
  return {
    id: t.id,
    meetingId: t.meetingId,
    callId: t.callId,
    contentCorrelationId: t.contentCorrelationId,
    transcriptContentUrl: `${base}/content`,
    createdDateTime: graphTime(t.createdDateTime),
    endDateTime: graphTime(t.endDateTime),
    meetingOrganizer: {
      application: null,
      device: null,
      user: {
        '@odata.type': '#microsoft.graph.teamworkUserIdentity',
        id: t.organizerUserId,
        displayName: null,
        userIdentityType: 'aadUser',
        tenantId: t.tenantId,
      },
    },
  };
}

/** The resource string Graph puts in a transcript's change notification. */
export const notificationResource = (t: StandInTranscript) =>
  `communications/onlineMeetings('${t.meetingId}')/transcripts('${t.id}')`;
