import { createElement } from 'lwc';
import SdrAdminCalibrationChart from 'c/sdrAdminCalibrationChart';
import calibration from './data/calibration.json';

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => Array.from(element.shadowRoot.querySelectorAll(selector));
const text = (node) => node.textContent.replace(/\s+/g, ' ').trim();

function create(bins, modelVersion = '2026-11-24.1') {
  const element = createElement('c-sdr-admin-calibration-chart', { is: SdrAdminCalibrationChart });
  element.bins = bins;
  element.modelVersion = modelVersion;
  document.body.appendChild(element);
  return element;
}

describe('c-sdr-admin-calibration-chart', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
  });

  it('plots each bin of the contract example, predicted across and observed up', () => {
    const element = create(calibration);
    const points = $$(element, 'circle.point');
    expect(points).toHaveLength(5);
    // 240 wide with 36 of padding: 0.03 → 36 + 0.03 × 168, and up from 204.
    expect(Number(points[0].getAttribute('cx'))).toBeCloseTo(36 + 0.03 * 168);
    expect(Number(points[0].getAttribute('cy'))).toBeCloseTo(204 - 0.027 * 168);
    // The bin with the most leads has the largest dot.
    const radii = points.map((point) => Number(point.getAttribute('r')));
    expect(Math.max(...radii)).toBe(radii[0]);
    expect($(element, 'polyline.observed-line').getAttribute('points').split(' ')).toHaveLength(5);
  });

  it('describes itself to screen readers and gives the figures as a table', async () => {
    const element = create(calibration);
    const svg = $(element, 'svg');
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBe(
      'Predicted against actual conversion in 5 groups of leads; the largest gap is 2.2 points. The table below has the figures.',
    );
    const rows = $$(element, 'table.bins tbody tr').map((row) => Array.from(row.children).map((cell) => text(cell)));
    expect(rows[0]).toEqual(['1', '3.0%', '2.7%', '744']);
    expect(rows[4]).toEqual(['5', '54.0%', '51.8%', '247']);
    expect(text($(element, 'figcaption'))).toBe('Calibration of model 2026-11-24.1');
    await expect(element).toBeAccessible();
  });

  it('says so when there is nothing to plot', async () => {
    const element = create([]);
    expect($(element, 'svg')).toBeNull();
    expect(text($(element, '.no-bins'))).toMatch(/no held-out leads/);
    await expect(element).toBeAccessible();
  });
});
