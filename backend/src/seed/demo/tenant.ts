/** The demo tenant's CRM identity: how later runs find it again, and the name it shows. */
export const DEMO_TENANT = {
  crm: 'salesforce',
  externalId: '00D000000000DEMO',
  name: 'Demo: Northwind Outbound',
} as const;

/** The vendor the demo reps sell for, and the domain of their mailboxes. */
export const VENDOR = 'FleetPulse';
export const STAFF_DOMAIN = 'fleetpulse.io';
