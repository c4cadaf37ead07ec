import { LightningElement, api } from 'lwc';
import { formatNumber } from 'c/sdrAdminApi';

// Plot area inside a 0..SIZE square viewBox, leaving room for the axis labels.
const SIZE = 240;
const PAD = 36;
const SPAN = SIZE - 2 * PAD;

const toX = (p) => PAD + p * SPAN;
const toY = (p) => SIZE - PAD - p * SPAN;
const percent = (p) => `${(p * 100).toFixed(1)}%`;

/**
 * A reliability diagram: each bin's mean predicted conversion against the share that did convert. Points on the
 * diagonal mean the scores can be read as probabilities. Screen readers get the same figures as a table.
 */
export default class SdrAdminCalibrationChart extends LightningElement {
  @api bins = [];
  @api modelVersion;

  chartSize = SIZE;
  viewBox = `0 0 ${SIZE} ${SIZE}`;
  diagonal = { x1: toX(0), y1: toY(0), x2: toX(1), y2: toY(1) };
  axisLeft = PAD;
  axisBottom = SIZE - PAD;
  axisRight = SIZE - PAD;
  axisTop = PAD;
  ticks = [0, 0.5, 1].map((p) => ({
    xKey: `x${p}`,
    yKey: `y${p}`,
    label: `${p * 100}%`,
    x: toX(p),
    y: toY(p),
    xLabelY: SIZE - PAD + 16,
    yLabelX: PAD - 6,
    yLabelY: toY(p) + 4,
  }));
  xTitleX = SIZE / 2;
  xTitleY = SIZE - 4;

  get hasBins() {
    return Array.isArray(this.bins) && this.bins.length > 0;
  }

  get points() {
    const largest = Math.max(1, ...this.bins.map((bin) => bin.count));
    return this.bins.map((bin) => ({
      key: String(bin.bin),
      cx: toX(bin.predicted),
      cy: toY(bin.observed),
      // Area follows the number of leads, so a bin of a few leads does not look as certain as a large one.
      r: 3 + 5 * Math.sqrt(bin.count / largest),
    }));
  }

  get line() {
    return this.points.map((point) => `${point.cx},${point.cy}`).join(' ');
  }

  get rows() {
    return this.bins.map((bin) => ({
      key: String(bin.bin),
      bin: bin.bin + 1,
      predicted: percent(bin.predicted),
      observed: percent(bin.observed),
      count: formatNumber(bin.count),
    }));
  }

  get titleText() {
    return this.modelVersion ? `Calibration of model ${this.modelVersion}` : 'Calibration';
  }

  get summary() {
    const worst = this.bins.reduce((most, bin) => Math.max(most, Math.abs(bin.predicted - bin.observed)), 0);
    return `Predicted against actual conversion in ${this.bins.length} groups of leads; the largest gap is ${(
      worst * 100
    ).toFixed(1)} points. The table below has the figures.`;
  }
}
