// The stub that ships with sfdx-lwc-jest does not export the event name; tests listen for it by name.
export const ShowToastEventName = 'lightning__showtoast';

export class ShowToastEvent extends CustomEvent {
  constructor(toast) {
    super(ShowToastEventName, {
      composed: true,
      cancelable: true,
      bubbles: true,
      detail: toast,
    });
  }
}
