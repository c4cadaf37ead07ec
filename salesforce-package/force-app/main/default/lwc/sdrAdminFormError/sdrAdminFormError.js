import { LightningElement, api } from 'lwc';

/**
 * Why a save of an admin form failed: the sentence for the admin, then the service's problems that no field of the
 * form can show next to itself (the others appear beside their fields).
 */
export default class SdrAdminFormError extends LightningElement {
  @api message;
  // Each { path, text }.
  @api problems = [];
}
