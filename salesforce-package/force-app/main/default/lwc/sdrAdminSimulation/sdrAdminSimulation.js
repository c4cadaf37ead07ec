import { LightningElement, api } from 'lwc';
import { formatDay } from 'c/sdrAdminApi';

/** A RoutingSimulation in words and tables: who would get the recent leads under the proposed rules. */
export default class SdrAdminSimulation extends LightningElement {
  @api simulation;

  get summary() {
    const { leads, from, to, moved } = this.simulation;
    const when = from && to ? ` from ${formatDay(from)} to ${formatDay(to)}` : '';
    const owners = moved === 1 ? '1 would change owner' : `${moved} would change owner`;
    return `Of the ${leads} latest leads${when}, ${owners}. Nothing has been assigned.`;
  }

  get rows() {
    return this.simulation.distribution.map((row) => {
      const change = row.proposed - row.current;
      return {
        key: row.userId || 'nobody',
        name: row.name,
        current: row.current,
        proposed: row.proposed,
        change: change > 0 ? `+${change}` : String(change),
        hot: row.proposedByTier.hot,
        warm: row.proposedByTier.warm,
        cold: row.proposedByTier.cold,
      };
    });
  }

  get ruleRows() {
    return this.simulation.byRule.map((rule) => ({
      key: rule.ruleId || 'fallback',
      name: rule.ruleId ? rule.name : `${rule.name} (no rule matched)`,
      leads: rule.leads,
    }));
  }
}
