import { LightningElement } from 'lwc';

const SHOW_TOAST_EVENT = 'lightning__showtoast';
const TOAST_MS = 4000;
const THEMES = { success: 'slds-theme_success', warning: 'slds-theme_warning', error: 'slds-theme_error' };

/** Lightning's toast container: shows what components send with ShowToastEvent. */
export default class Toasts extends LightningElement {
  toasts = [];
  nextId = 1;
  onToast = (event) => this.show(event.detail || {});

  connectedCallback() {
    window.addEventListener(SHOW_TOAST_EVENT, this.onToast);
  }

  disconnectedCallback() {
    window.removeEventListener(SHOW_TOAST_EVENT, this.onToast);
  }

  show({ title, message, variant }) {
    const id = this.nextId;
    this.nextId += 1;
    const className = `slds-notify slds-notify_toast ${THEMES[variant] || 'slds-theme_info'} toast`;
    this.toasts = [...this.toasts, { id, title, message, className }];
    setTimeout(() => this.dismiss(id), TOAST_MS);
  }

  dismiss(id) {
    this.toasts = this.toasts.filter((toast) => toast.id !== id);
  }

  handleClose(event) {
    this.dismiss(Number(event.currentTarget.dataset.id));
  }
}
