/**
 * The Lightning domain an org's components run on, which the service must allow in CORS_ORIGINS for the live
 * stream: https://acme.my.salesforce.com → https://acme.lightning.force.com (sandboxes keep their `--name.sandbox`
 * part). Null for hosts that do not follow the My Domain pattern.
 */
export function lightningOrigin(instanceUrl: string | undefined): string | null {
  if (!instanceUrl) return null;
  let host: string;
  try {
    host = new URL(instanceUrl).host;
  } catch {
    return null;
  }
  const match = /^(.+?)\.(sandbox\.|develop\.|scratch\.)?my\.salesforce\.com$/.exec(host);
  if (!match) return null;
  return `https://${match[1]!}.${match[2] ?? ''}lightning.force.com`;
}
