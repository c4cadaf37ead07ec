// lightning/platformShowToastEvent: the event Lightning's toast container listens for; the preview's page shows it.
export const SHOW_TOAST_EVENT = 'lightning__showtoast';

export class ShowToastEvent extends CustomEvent {
  constructor(toast) {
    super(SHOW_TOAST_EVENT, { composed: true, cancelable: true, bubbles: true, detail: toast });
  }
}
