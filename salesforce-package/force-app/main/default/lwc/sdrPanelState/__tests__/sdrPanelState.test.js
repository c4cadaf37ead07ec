import { createElement } from 'lwc';
import SdrPanelState from 'c/sdrPanelState';

function createState(props) {
  const element = createElement('c-sdr-panel-state', { is: SdrPanelState });
  Object.assign(element, props);
  document.body.appendChild(element);
  return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => Array.from(element.shadowRoot.querySelectorAll(selector));
const text = (node) => node.textContent.replace(/\s+/g, ' ').trim();

describe('c-sdr-panel-state', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  describe('loading', () => {
    it('shows a small spinner with the alternative text it is given, and nothing else', () => {
      const element = createState({ mode: 'loading', spinnerText: 'Loading SDR scores' });

      const spinners = $$(element, '.loading lightning-spinner');
      expect(spinners).toHaveLength(1);
      expect(spinners[0].alternativeText).toBe('Loading SDR scores');
      expect(spinners[0].size).toBe('small');
      expect($(element, '.notice')).toBeNull();
      expect($(element, 'lightning-button')).toBeNull();
    });

    it('is accessible', async () => {
      const element = createState({ mode: 'loading', spinnerText: 'Loading SDR scores' });

      await expect(element).toBeAccessible();
    });
  });

  describe('error', () => {
    it('shows the message in an alert with an error icon, and the retry button after it', () => {
      const element = createState({ mode: 'error', message: 'The SDR service is busy.', retryLabel: 'Try again' });

      const alert = $(element, '[role="alert"]');
      expect(alert.classList).toContain('notice_error');
      expect(text(alert)).toBe('The SDR service is busy.');
      expect(text($(element, '.notice-text.error-message'))).toBe('The SDR service is busy.');
      const icon = alert.querySelector('lightning-icon');
      expect(icon.iconName).toBe('utility:error');
      expect(icon.alternativeText).toBe('Error');
      // Outside the alert, so the button's label is not read out as part of the message.
      expect(alert.querySelector('lightning-button')).toBeNull();
      const button = $(element, 'lightning-button.retry');
      expect(button.label).toBe('Try again');
      expect(button.disabled).toBe(false);
      expect($(element, 'lightning-spinner')).toBeNull();
    });

    it('fires retry when the button is pressed', () => {
      const element = createState({ mode: 'error', message: 'The SDR service is busy.', retryLabel: 'Try again' });
      const retry = jest.fn();
      element.addEventListener('retry', retry);

      $(element, 'lightning-button.retry').click();

      expect(retry).toHaveBeenCalledTimes(1);
    });

    it('disables the button while the panel is busy', async () => {
      const element = createState({ mode: 'error', message: 'The SDR service is busy.', retryLabel: 'Try again' });

      element.retryDisabled = true;
      await Promise.resolve();

      expect($(element, 'lightning-button.retry').disabled).toBe(true);
    });

    it('has no button without a retry label', () => {
      const element = createState({ mode: 'error', message: 'The SDR service is busy.' });

      expect($(element, '[role="alert"]')).not.toBeNull();
      expect($(element, 'lightning-button')).toBeNull();
    });

    it('is accessible', async () => {
      const element = createState({ mode: 'error', message: 'The SDR service is busy.', retryLabel: 'Try again' });

      await expect(element).toBeAccessible();
    });
  });

  describe('notice', () => {
    const notSynced = {
      mode: 'notice',
      iconName: 'utility:clock',
      iconText: 'Not synced',
      messageClass: 'empty-message',
      message: 'This record is not in the SDR service yet. It syncs within a few minutes.',
      retryLabel: 'Check again',
    };

    it('shows the message with its icon and class, not as an alert, and the retry button', () => {
      const element = createState(notSynced);

      expect($(element, '[role="alert"]')).toBeNull();
      const notice = $(element, '.notice');
      expect(notice.classList).not.toContain('notice_error');
      expect(text($(element, '.notice-text.empty-message'))).toBe(
        'This record is not in the SDR service yet. It syncs within a few minutes.',
      );
      const icon = notice.querySelector('lightning-icon');
      expect(icon.iconName).toBe('utility:clock');
      expect(icon.alternativeText).toBe('Not synced');
      expect($(element, 'lightning-button.retry').label).toBe('Check again');
    });

    it('fires retry when the button is pressed', () => {
      const element = createState(notSynced);
      const retry = jest.fn();
      element.addEventListener('retry', retry);

      $(element, 'lightning-button.retry').click();

      expect(retry).toHaveBeenCalledTimes(1);
    });

    it('has no button without a retry label', () => {
      const element = createState({ ...notSynced, retryLabel: undefined });

      expect(text($(element, '.notice-text'))).toBe(notSynced.message);
      expect($(element, 'lightning-button')).toBeNull();
    });

    it('is accessible', async () => {
      const element = createState(notSynced);

      await expect(element).toBeAccessible();
    });
  });

  it('shows nothing without a mode', () => {
    const element = createState({});

    expect($$(element, 'div, p, lightning-spinner, lightning-icon, lightning-button')).toHaveLength(0);
  });
});
