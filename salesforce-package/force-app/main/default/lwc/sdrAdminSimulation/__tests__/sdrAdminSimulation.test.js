import { createElement } from 'lwc';
import SdrAdminSimulation from 'c/sdrAdminSimulation';
import simulation from './data/simulation.json';

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => Array.from(element.shadowRoot.querySelectorAll(selector));
const text = (node) => node.textContent.replace(/\s+/g, ' ').trim();
const cells = (row) => Array.from(row.children).map(text);

function create(data) {
  const element = createElement('c-sdr-admin-simulation', { is: SdrAdminSimulation });
  element.simulation = data;
  document.body.appendChild(element);
  return element;
}

describe('c-sdr-admin-simulation', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('sums up the contract example in words', () => {
    const element = create(simulation);
    expect(text($(element, '.summary'))).toBe(
      'Of the 500 latest leads from Nov 10 to Nov 24, 64 would change owner. Nothing has been assigned.',
    );
  });

  it('shows per SDR what they have today, what they would get and by tier', async () => {
    const element = create(simulation);
    const rows = $$(element, '.distribution-row').map(cells);
    expect(rows).toEqual([
      ['Hannah Clarke', '171', '194', '+23', '39', '77', '78'],
      ['Priya Nair', '180', '171', '-9', '34', '69', '68'],
      ['Tom Harding', '149', '135', '-14', '27', '54', '54'],
      ['Nobody', '0', '0', '0', '0', '0', '0'],
    ]);
    expect($$(element, '.rule-row').map(cells)).toEqual([
      ['Named accounts go to their owner', '38'],
      ['UK & Ireland mid-market', '291'],
      ['Everyone else', '171'],
    ]);
    await expect(element).toBeAccessible();
  });

  it('names the leads no rule decided, and leaves the dates out when there were no leads', () => {
    const element = create({
      leads: 0,
      from: null,
      to: null,
      moved: 1,
      byRule: [{ ruleId: null, name: 'Fallback owner', leads: 0 }],
      distribution: [],
    });
    expect(text($(element, '.summary'))).toBe(
      'Of the 0 latest leads, 1 would change owner. Nothing has been assigned.',
    );
    expect(cells($(element, '.rule-row'))).toEqual(['Fallback owner (no rule matched)', '0']);
  });
});
