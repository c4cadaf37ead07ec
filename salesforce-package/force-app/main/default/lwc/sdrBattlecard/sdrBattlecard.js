import { api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import getCardsInPlay from '@salesforce/apex/SdrBattlecardController.getCardsInPlay';
import searchCards from '@salesforce/apex/SdrBattlecardController.searchCards';
import SdrPanel from 'c/sdrPanel';
import { reduceErrors } from 'c/sdrErrors';
import {
  LOAD_FAILED,
  MAX_QUERY_LENGTH,
  MIN_QUERY_LENGTH,
  SEARCH_FAILED,
  chosenSection,
  parseInPlay,
  parseSearch,
  toCompetitors,
  toHits,
} from './battlecardView';

// Long enough that a rep typing at speed sends one search per pause, not one per key.
const SEARCH_DELAY_MS = 300;

export default class SdrBattlecard extends SdrPanel {
  @api recordId;
  @api objectApiName;

  // Besides the states of c/sdrPanel, state is 'ok' once the competitors in play are known.
  loadFailedMessage = LOAD_FAILED;
  competitors = [];
  activeCompetitorId;
  isRefreshing = false;

  // Kept whole because refreshApex needs the very object the wire provisioned.
  wiredResult;

  query = '';
  /** 'idle' | 'searching' | 'done' | 'error' */
  searchState = 'idle';
  searchedWords = '';
  rawHits = [];
  searchError;
  chosen;
  searchTimer;
  // Answers can arrive out of order; only the latest search may change what is shown.
  searchSequence = 0;
  focusAfterRender;

  maxQueryLength = MAX_QUERY_LENGTH;

  @wire(getCardsInPlay, { recordId: '$recordId' })
  wiredCards(result) {
    this.wiredResult = result;
    const { data, error } = result;
    if (error) {
      this.showError(error);
    } else if (data !== undefined) {
      this.apply(data);
    }
  }

  disconnectedCallback() {
    clearTimeout(this.searchTimer);
  }

  renderedCallback() {
    if (!this.focusAfterRender) {
      return;
    }
    const target = this.template.querySelector(this.focusAfterRender);
    this.focusAfterRender = undefined;
    if (target) {
      target.focus();
    }
  }

  apply(raw) {
    let response;
    try {
      response = parseInPlay(raw);
    } catch (error) {
      this.showError(error);
      return;
    }
    this.errorMessage = undefined;
    if (response.status === 'not_synced') {
      this.competitors = [];
      this.state = 'not_synced';
      return;
    }
    this.competitors = toCompetitors(response.inPlay, { onDeal: this.objectApiName === 'Opportunity' });
    // A refresh keeps the rep on the competitor they were reading, as long as it is still in play.
    if (!this.competitors.some((competitor) => competitor.id === this.activeCompetitorId)) {
      this.activeCompetitorId = this.competitors.length > 0 ? this.competitors[0].id : undefined;
    }
    this.state = 'ok';
  }

  get hasCompetitors() {
    return this.hasRecord && this.state === 'ok' && this.competitors.length > 0;
  }

  get isNothingInPlay() {
    return this.hasRecord && this.state === 'ok' && this.competitors.length === 0;
  }

  handleTabActive(event) {
    this.activeCompetitorId = event.target.value;
  }

  async handleRetry() {
    if (this.isRefreshing || !this.wiredResult) {
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

  // Search ----------------------------------------------------------------------------------------------------

  get words() {
    return this.query.trim();
  }

  get isSearching() {
    return this.searchState === 'searching';
  }

  get isSearchError() {
    return this.searchState === 'error';
  }

  get hits() {
    return this.searchState === 'done' ? toHits(this.rawHits, this.competitors) : [];
  }

  get showHits() {
    return !this.chosen && this.hits.length > 0;
  }

  get searchStatus() {
    if (this.chosen) {
      return '';
    }
    if (this.words.length > 0 && this.words.length < MIN_QUERY_LENGTH) {
      return `Type at least ${MIN_QUERY_LENGTH} characters to search.`;
    }
    if (this.searchState === 'searching') {
      return 'Searching\u2026';
    }
    if (this.searchState === 'done') {
      const count = this.rawHits.length;
      if (count === 0) {
        return `No battlecard matches \u201c${this.searchedWords}\u201d.`;
      }
      return `${count === 1 ? '1 match' : `${count} matches`} for \u201c${this.searchedWords}\u201d`;
    }
    return '';
  }

  handleQueryChange(event) {
    const value = event.detail ? event.detail.value : event.target.value;
    this.query = value || '';
    clearTimeout(this.searchTimer);
    this.chosen = undefined;
    if (this.words.length < MIN_QUERY_LENGTH) {
      // Forget any search still under way, so its answer cannot bring back results for words no longer there.
      this.searchSequence += 1;
      this.searchState = 'idle';
      this.rawHits = [];
      this.searchError = undefined;
      return;
    }
    const words = this.words;
    // Debounced: LWC's own rule discourages timers, but waiting for a pause in typing is what one is for.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.searchTimer = setTimeout(() => this.search(words), SEARCH_DELAY_MS);
  }

  handleSearchRetry() {
    if (this.words.length >= MIN_QUERY_LENGTH) {
      this.search(this.words);
    }
  }

  async search(words) {
    this.searchSequence += 1;
    const sequence = this.searchSequence;
    this.searchState = 'searching';
    this.searchError = undefined;
    let hits;
    try {
      hits = parseSearch(await searchCards({ query: words }));
    } catch (error) {
      if (sequence === this.searchSequence) {
        this.searchError = reduceErrors(error, SEARCH_FAILED);
        this.searchState = 'error';
      }
      return;
    }
    if (sequence === this.searchSequence) {
      this.rawHits = hits;
      this.searchedWords = words;
      this.searchState = 'done';
    }
  }

  handleChooseHit(event) {
    const key = event.currentTarget.dataset.key;
    const hit = this.hits.find((candidate) => candidate.key === key);
    if (!hit) {
      return;
    }
    this.chosen = chosenSection(hit.hit, this.competitors);
    if (this.chosen.competitorId) {
      // Closing the section then leaves the rep on the card it came from.
      this.activeCompetitorId = this.chosen.competitorId;
    }
    // The button just pressed is gone; focus moves to what replaced it.
    this.focusAfterRender = '.chosen-title';
  }

  handleBackToResults() {
    const key = this.chosen ? this.chosen.key : undefined;
    this.chosen = undefined;
    this.focusAfterRender = key ? `.hit-button[data-key="${key}"]` : undefined;
  }
}
