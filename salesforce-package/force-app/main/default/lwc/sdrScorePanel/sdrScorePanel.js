import { api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getScore from '@salesforce/apex/SdrScoreController.getScore';
import rescore from '@salesforce/apex/SdrScoreController.rescore';
import SdrPanel from 'c/sdrPanel';
import { reduceErrors } from 'c/sdrErrors';
import { LOAD_FAILED, RESCORE_FAILED, parseResponse, toView } from './scoreView';

export default class SdrScorePanel extends SdrPanel {
  @api recordId;

  // Besides the states of c/sdrPanel, state is 'scored' once there is a score.
  loadFailedMessage = LOAD_FAILED;
  view;
  rescoreError;
  isRescoring = false;
  isRefreshing = false;

  // Kept whole because refreshApex needs the very object the wire provisioned.
  wiredResult;

  @wire(getScore, { recordId: '$recordId' })
  wiredScore(result) {
    this.wiredResult = result;
    const { data, error } = result;
    if (error) {
      this.showError(error);
    } else if (data !== undefined) {
      this.apply(data);
    }
  }

  apply(raw) {
    let response;
    try {
      response = parseResponse(raw);
    } catch (error) {
      this.showError(error);
      return;
    }
    this.show(response);
  }

  show(response) {
    this.errorMessage = undefined;
    if (response.status === 'scored') {
      this.view = toView(response.score);
      this.state = 'scored';
    } else {
      this.view = undefined;
      this.state = 'not_synced';
    }
  }

  get isScored() {
    return this.hasRecord && this.state === 'scored';
  }

  get isBusy() {
    return this.isRescoring || this.isRefreshing;
  }

  get busyText() {
    return this.isRescoring ? 'Rescoring' : 'Checking again';
  }

  async handleRetry() {
    if (this.isBusy || !this.wiredResult) {
      return;
    }
    this.isRefreshing = true;
    try {
      await refreshApex(this.wiredResult);
    } catch (error) {
      this.showError(error);
    } finally {
      this.isRefreshing = false;
    }
  }

  async handleRescore() {
    if (this.isBusy) {
      return;
    }
    this.isRescoring = true;
    this.rescoreError = undefined;
    let response;
    try {
      response = parseResponse(await rescore({ recordId: this.recordId }));
    } catch (error) {
      this.rescoreError = reduceErrors(error, RESCORE_FAILED);
      this.isRescoring = false;
      return;
    }
    // Show the fresh score at once rather than waiting for the cache round trip.
    this.show(response);
    try {
      // The wire's cached value is now out of date; without this, navigating back shows the old score.
      await refreshApex(this.wiredResult);
    } catch {
      // The rescore itself succeeded and its result is on screen; a failed cache refresh changes nothing the rep sees.
    }
    this.isRescoring = false;
    if (response.status === 'scored') {
      const { ev, risk, urgency } = response.score;
      this.dispatchEvent(
        new ShowToastEvent({
          title: 'Scores updated',
          message: `EV ${ev}, Risk ${risk}, Urgency ${urgency}.`,
          variant: 'success',
        }),
      );
    }
  }
}
