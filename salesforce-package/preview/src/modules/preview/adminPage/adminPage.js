import { LightningElement } from 'lwc';

/**
 * The SDR Admin tab as the package's SDR_Admin app page lays it out: one region, the admin console. What the console
 * asks of Apex goes to the SdrAdminController stand-in, and from there to the service.
 */
export default class AdminPage extends LightningElement {}
