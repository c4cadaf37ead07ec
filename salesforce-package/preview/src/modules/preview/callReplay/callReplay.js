import { LightningElement, api } from 'lwc';
import { replayCall } from '../../../platform/callReplay.js';

// How many times faster than the recording; `?speed=` changes it (the end-to-end test replays faster still).
const DEFAULT_SPEED = 6;
const MAX_SPEED = 100;

function speedFromUrl() {
  const value = Number(new URLSearchParams(window.location.search).get('speed'));
  return Number.isFinite(value) && value > 0 ? Math.min(value, MAX_SPEED) : DEFAULT_SPEED;
}

/** The preview's stand-in for a phone: replays the demo's recorded call on this record as a new live call. */
export default class CallReplay extends LightningElement {
  @api recordId;
  @api lead;
  @api user;
  @api recordedCall;

  /** 'idle' | 'starting' | 'live' | 'ended' | 'error' */
  phase = 'idle';
  sent = 0;
  total = 0;
  errorMessage;
  controller;
  speed = speedFromUrl();

  disconnectedCallback() {
    if (this.controller) this.controller.abort();
  }

  get canReplay() {
    return !!this.recordedCall && !!this.lead && !this.isRunning;
  }

  get isDisabled() {
    return !this.canReplay;
  }

  get isRunning() {
    return this.phase === 'starting' || this.phase === 'live';
  }

  get hasRecording() {
    return !!this.recordedCall;
  }

  get buttonLabel() {
    return this.phase === 'ended' ? 'Replay again' : 'Replay demo call';
  }

  get statusText() {
    switch (this.phase) {
      case 'starting':
        return 'Starting the call…';
      case 'live':
        return `Call live: ${this.sent} of ${this.total} lines (${this.speed}× speed)`;
      case 'ended':
        return `Call ended after ${this.total} lines.`;
      case 'error':
        return this.errorMessage;
      default:
        return `Plays the recorded discovery call as a live call on this record, ${this.speed}× faster.`;
    }
  }

  get statusClass() {
    return this.phase === 'error' ? 'status slds-text-color_error' : 'status';
  }

  async handleReplay() {
    if (!this.canReplay) return;
    this.phase = 'starting';
    this.errorMessage = undefined;
    this.controller = new AbortController();
    try {
      await replayCall({
        lines: this.recordedCall.lines,
        lead: this.lead,
        recordId: this.recordId,
        user: this.user,
        speed: this.speed,
        signal: this.controller.signal,
        onProgress: ({ phase, sent, total }) => {
          this.phase = phase;
          this.sent = sent;
          this.total = total;
        },
      });
    } catch (error) {
      this.errorMessage = (error && error.message) || 'The replay stopped.';
      this.phase = 'error';
    } finally {
      this.controller = undefined;
    }
  }

  handleStop() {
    if (this.controller) this.controller.abort();
  }
}
