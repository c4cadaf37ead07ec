import type { Connection } from '@salesforce/core';

/**
 * Whether the org itself reaches the service: anonymous Apex calls the package's own client, which goes out
 * through the Named Credential with the stored key, exactly as the Lightning components do. A compile problem
 * means the package (the SdrBackend class) is not deployed; an exception carries SdrBackend's message for people.
 */

export const ROUND_TRIP_APEX = "SdrBackend.getObject('/v1/crm/connection', new Map<String, String>());";

/** The Tooling API's ExecuteAnonymousResult. */
interface ExecuteAnonymousResult {
  compiled: boolean;
  success: boolean;
  compileProblem: string | null;
  exceptionMessage: string | null;
  exceptionStackTrace: string | null;
  line: number;
  column: number;
}

export interface OrgCheck {
  ok: boolean;
  message: string;
}

export async function checkOrgReachesBackend(conn: Connection): Promise<OrgCheck> {
  let result: ExecuteAnonymousResult;
  try {
    result = (await conn.tooling.executeAnonymous(ROUND_TRIP_APEX)) as unknown as ExecuteAnonymousResult;
  } catch (error) {
    return { ok: false, message: `The org could not run anonymous Apex: ${(error as Error).message}` };
  }
  if (!result.compiled) {
    return {
      ok: false,
      message: `The SdrBackend Apex class is not usable in the org (${result.compileProblem ?? 'compile problem'}); deploy the package first.`,
    };
  }
  if (!result.success) {
    // "SdrBackend.BackendException: <message>" reads better without the class name.
    const message = (result.exceptionMessage ?? 'unknown error').replace(/^[\w.]+Exception:\s*/, '');
    return { ok: false, message: `The org's callout to the service failed: ${message}` };
  }
  return { ok: true, message: 'The org reached the service through the Named Credential with the stored key.' };
}
