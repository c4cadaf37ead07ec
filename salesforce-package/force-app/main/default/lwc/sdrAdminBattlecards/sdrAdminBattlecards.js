import listCompetitors from '@salesforce/apex/SdrAdminController.listCompetitors';
import saveCompetitor from '@salesforce/apex/SdrAdminController.saveCompetitor';
import listBattlecards from '@salesforce/apex/SdrAdminController.listBattlecards';
import saveBattlecard from '@salesforce/apex/SdrAdminController.saveBattlecard';
import {
  AdminSection,
  callAdmin,
  formatDate,
  listFromText,
  messageOf,
  newKey,
  numberOrNull,
  withFieldAt,
} from 'c/sdrAdminApi';

export const SECTION_LABELS = {
  overview: 'Overview',
  why_we_win: 'Why we win',
  their_strengths: 'Their strengths',
  their_weaknesses: 'Their weaknesses',
  landmines: 'Landmines to lay',
  objection_handlers: 'Objections',
  discovery_questions: 'Discovery questions',
  pricing: 'Pricing',
  proof_points: 'Proof points',
  talk_tracks: 'Talk tracks',
};
const DEFAULT_STALE_AFTER_DAYS = 90;

const editableItem = (item) => ({
  key: newKey(),
  label: item.label || '',
  text: item.text,
  triggers: item.triggers.join(', '),
});
const editableSection = (section) => ({
  key: newKey(),
  sectionKey: section.key,
  title: section.title,
  body: section.body,
  items: section.items.map(editableItem),
});

export default class SdrAdminBattlecards extends AdminSection {
  competitors = [];
  competitorId;
  cards = [];
  cardsState = 'idle';
  cardsError;
  // The card being edited: { id (none for a new card), version, stale, reviewedAt, title, staleAfterDays,
  // markReviewed, sections }.
  draft;
  dirty = false;
  // The competitor form: { id (none for a new one), name, aliases, products, website }.
  competitorDraft;
  competitorError;
  competitorFieldErrors = {};
  newSectionKey;

  loadFailedMessage = 'The battlecards could not be loaded. Try again in a minute.';
  saveFailedMessage = 'The battlecard could not be saved. Try again in a minute.';

  async load() {
    this.competitors = (await callAdmin(listCompetitors)).data;
    const first = this.competitors[0];
    if (first && !this.competitors.some((competitor) => competitor.id === this.competitorId)) {
      this.competitorId = first.id;
    }
    if (this.competitorId) {
      await this.loadCards();
    }
  }

  async loadCards() {
    this.cardsState = 'loading';
    this.cardsError = undefined;
    try {
      this.cards = (await callAdmin(listBattlecards, { competitorId: this.competitorId })).data;
      this.cardsState = 'ready';
    } catch (error) {
      this.cardsError = messageOf(error, 'The cards could not be loaded. Try again in a minute.');
      this.cardsState = 'error';
    }
  }

  // ---- competitors

  get hasCompetitors() {
    return this.competitors.length > 0;
  }

  get competitorOptions() {
    return this.competitors.map((competitor) => ({ label: competitor.name, value: competitor.id }));
  }

  get competitor() {
    return this.competitors.find((competitor) => competitor.id === this.competitorId);
  }

  get competitorAliases() {
    const competitor = this.competitor;
    return competitor && competitor.aliases.length > 0 ? `Also heard as ${competitor.aliases.join(', ')}.` : '';
  }

  get pickerDisabled() {
    return this.dirty || this.saving;
  }

  handleCompetitorPick(event) {
    this.competitorId = event.detail.value;
    this.draft = undefined;
    this.loadCards();
  }

  handleNewCompetitor() {
    this.openCompetitorForm({ name: '', aliases: '', products: '', website: '' });
  }

  handleEditCompetitor() {
    const { id, name, aliases, products, website } = this.competitor;
    this.openCompetitorForm({
      id,
      name,
      aliases: aliases.join(', '),
      products: products.join(', '),
      website: website || '',
    });
  }

  openCompetitorForm(draft) {
    this.competitorDraft = draft;
    this.competitorError = undefined;
    this.competitorFieldErrors = {};
  }

  get competitorFormHeading() {
    return this.competitorDraft.id ? `Edit ${this.competitor.name}` : 'New competitor';
  }

  get competitorNameError() {
    return this.competitorFieldErrors.name;
  }

  get competitorAliasesError() {
    return this.competitorErrorsUnder('aliases');
  }

  get competitorProductsError() {
    return this.competitorErrorsUnder('products');
  }

  get competitorWebsiteError() {
    return this.competitorFieldErrors.website;
  }

  competitorErrorsUnder(path) {
    const messages = Object.keys(this.competitorFieldErrors)
      .filter((field) => field === path || field.startsWith(`${path}.`))
      .map((field) => this.competitorFieldErrors[field]);
    return messages.length > 0 ? messages.join(' ') : undefined;
  }

  handleCompetitorField(event) {
    this.competitorDraft = { ...this.competitorDraft, [event.target.dataset.field]: event.detail.value };
  }

  handleCancelCompetitor() {
    this.competitorDraft = undefined;
  }

  async handleSaveCompetitor() {
    const draft = this.competitorDraft;
    const body = {
      name: draft.name.trim(),
      aliases: listFromText(draft.aliases),
      products: listFromText(draft.products),
      website: draft.website.trim() === '' ? null : draft.website.trim(),
    };
    const saved = await this.save(
      () => callAdmin(saveCompetitor, { competitorId: draft.id || null, bodyJson: JSON.stringify(body) }),
      draft.id ? `${body.name} saved` : `${body.name} added`,
      { form: 'competitorError', fields: 'competitorFieldErrors' },
    );
    if (saved) {
      const others = this.competitors.filter((competitor) => competitor.id !== saved.id);
      this.competitors = [...others, saved].sort((a, b) => a.name.localeCompare(b.name));
      this.competitorDraft = undefined;
      if (!draft.id) {
        this.competitorId = saved.id;
        this.draft = undefined;
        await this.loadCards();
      }
    }
  }

  // ---- cards

  get cardsLoading() {
    return this.cardsState === 'loading';
  }

  get cardsFailed() {
    return this.cardsState === 'error';
  }

  get cardsReady() {
    return this.cardsState === 'ready';
  }

  get hasCards() {
    return this.cards.length > 0;
  }

  get cardRows() {
    return this.cards.map((card) => ({
      key: card.id,
      id: card.id,
      title: card.title,
      version: `Version ${card.version}`,
      stale: card.stale,
      reviewed: `Reviewed ${formatDate(card.reviewedAt)}`,
      editLabel: `Edit ${card.title}`,
      editDisabled: this.dirty || this.saving,
    }));
  }

  handleRetryCards() {
    this.loadCards();
  }

  handleEditCard(event) {
    const card = this.cards.find((candidate) => candidate.id === event.currentTarget.dataset.id);
    this.openEditor({
      id: card.id,
      version: card.version,
      stale: card.stale,
      reviewedAt: card.reviewedAt,
      title: card.title,
      staleAfterDays: card.staleAfterDays,
      markReviewed: false,
      sections: card.sections.map(editableSection),
    });
  }

  handleNewCard() {
    this.openEditor({
      title: `Us vs ${this.competitor.name}`,
      staleAfterDays: DEFAULT_STALE_AFTER_DAYS,
      markReviewed: true,
      stale: false,
      sections: [editableSection({ key: 'why_we_win', title: SECTION_LABELS.why_we_win, body: '', items: [] })],
    });
  }

  openEditor(draft) {
    this.draft = draft;
    this.dirty = false;
    this.formError = undefined;
    this.fieldErrors = {};
    this.newSectionKey = undefined;
  }

  handleDiscard() {
    this.draft = undefined;
    this.dirty = false;
  }

  get editorHeading() {
    return this.draft.id ? `Edit ${this.draft.title}, version ${this.draft.version}` : 'New battlecard';
  }

  get saveLabel() {
    return this.draft.id ? 'Save as new version' : 'Add battlecard';
  }

  get sectionRows() {
    const last = this.draft.sections.length - 1;
    return this.draft.sections.map((section, index) => ({
      ...section,
      index,
      heading: SECTION_LABELS[section.sectionKey] || section.sectionKey,
      titleError: this.errorsUnder(`sections.${index}.title`),
      bodyError: this.errorsUnder(`sections.${index}.body`),
      keyError: this.errorsUnder(`sections.${index}.key`),
      removeLabel: `Remove the ${SECTION_LABELS[section.sectionKey] || section.sectionKey} section`,
      removeDisabled: last === 0,
      items: section.items.map((item, position) => ({
        ...item,
        index: position,
        error: this.errorsUnder(`sections.${index}.items.${position}`),
        removeLabel: `Remove item ${position + 1}`,
      })),
    }));
  }

  get sectionKeyOptions() {
    const used = new Set(this.draft.sections.map((section) => section.sectionKey));
    return Object.keys(SECTION_LABELS)
      .filter((sectionKey) => !used.has(sectionKey))
      .map((sectionKey) => ({ label: SECTION_LABELS[sectionKey], value: sectionKey }));
  }

  get addSectionDisabled() {
    return !this.newSectionKey;
  }

  get titleError() {
    return this.errorsUnder('title');
  }

  get staleAfterDaysError() {
    return this.errorsUnder('staleAfterDays');
  }

  get unplacedErrors() {
    return this.unplaced(
      (path) =>
        /^(title|staleAfterDays)(\.|$)/.test(path) || /^sections\.\d+\.(title|body|key|items\.\d+)(\.|$)/.test(path),
    );
  }

  get saveDisabled() {
    return this.saving || !(this.dirty || this.draft.markReviewed);
  }

  update(change) {
    this.draft = { ...this.draft, ...change };
    this.dirty = true;
  }

  updateSection(index, change) {
    this.update({
      sections: this.draft.sections.map((section, i) => (i === index ? { ...section, ...change(section) } : section)),
    });
  }

  handleCardField(event) {
    const field = event.target.dataset.field;
    this.update({ [field]: field === 'markReviewed' ? event.target.checked : event.detail.value });
  }

  handleSectionField(event) {
    const { index, field } = event.target.dataset;
    this.updateSection(Number(index), () => ({ [field]: event.detail.value }));
  }

  handleItemField(event) {
    const { index, position, field } = event.target.dataset;
    this.updateSection(Number(index), (section) => ({
      items: withFieldAt(section.items, position, field, event.detail.value),
    }));
  }

  handleAddItem(event) {
    this.updateSection(Number(event.currentTarget.dataset.index), (section) => ({
      items: [...section.items, { key: newKey(), label: '', text: '', triggers: '' }],
    }));
  }

  handleRemoveItem(event) {
    const { index, position } = event.currentTarget.dataset;
    this.updateSection(Number(index), (section) => ({
      items: section.items.filter((item, i) => i !== Number(position)),
    }));
  }

  handleRemoveSection(event) {
    const index = Number(event.currentTarget.dataset.index);
    this.update({ sections: this.draft.sections.filter((section, i) => i !== index) });
  }

  handleNewSectionKey(event) {
    this.newSectionKey = event.detail.value;
  }

  handleAddSection() {
    const sectionKey = this.newSectionKey;
    this.update({
      sections: [
        ...this.draft.sections,
        editableSection({ key: sectionKey, title: SECTION_LABELS[sectionKey], body: '', items: [] }),
      ],
    });
    this.newSectionKey = undefined;
  }

  /** BattlecardCreate for a new card, BattlecardUpdate (every section, replacing them) for a change. */
  get body() {
    const draft = this.draft;
    const body = {
      title: draft.title.trim(),
      staleAfterDays: numberOrNull(draft.staleAfterDays),
      sections: draft.sections.map((section) => ({
        key: section.sectionKey,
        title: section.title.trim(),
        body: section.body,
        items: section.items.map((item) => ({
          label: item.label.trim() === '' ? null : item.label.trim(),
          text: item.text.trim(),
          triggers: listFromText(item.triggers),
        })),
      })),
    };
    if (!draft.id) {
      body.competitorId = this.competitorId;
    }
    if (draft.markReviewed) {
      body.reviewedAt = new Date().toISOString();
    }
    return body;
  }

  async handleSaveCard() {
    const saved = await this.save(
      () => callAdmin(saveBattlecard, { battlecardId: this.draft.id || null, bodyJson: JSON.stringify(this.body) }),
      this.draft.id ? 'Battlecard saved as a new version' : 'Battlecard added',
    );
    if (saved) {
      const others = this.cards.filter((card) => card.id !== saved.id);
      this.cards = [...others, saved].sort((a, b) => a.title.localeCompare(b.title));
      this.draft = undefined;
      this.dirty = false;
    }
  }
}
