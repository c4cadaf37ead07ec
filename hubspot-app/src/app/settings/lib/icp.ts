import type { IcpWeight } from '@sdr/shared';
import { isNumeric } from './format.ts';

type IcpValue = IcpWeight['value'];

/** An ICP rule's value as an admin types it: `Logistics`, `true`, `25`, or a range `100..2000` (`50..` is open). */
export function icpValueToText(value: IcpValue): string {
  if (Array.isArray(value)) return `${value[0] ?? ''}..${value[1] ?? ''}`;
  return String(value);
}

/** The value from what was typed; anything the service cannot use comes back as a problem next to the field. */
export function icpValueFromText(text: string): IcpValue {
  const typed = text.trim();
  const range = /^(-?[\d.]*)\s*\.\.\s*(-?[\d.]*)$/.exec(typed);
  if (range && (range[1] !== '' || range[2] !== '')) {
    const end = (part: string) => (isNumeric(part) ? Number(part) : null);
    return [end(range[1]!), end(range[2]!)];
  }
  if (typed === 'true' || typed === 'false') return typed === 'true';
  return isNumeric(typed) ? Number(typed) : typed;
}
