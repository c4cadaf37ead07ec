import type { ObjectType } from './object-types.ts';
import { SINGULAR } from './object-types.ts';

export type AssociationCategory = 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED';

// One direction of a HubSpot-defined association type; `inverse` is the type id seen from the other side.
export interface AssociationKind {
  typeId: number;
  category: AssociationCategory;
  label: string | null;
  from: ObjectType;
  to: ObjectType;
  inverse: number;
  unlabeled: boolean;
}

// The documented HubSpot-defined type ids between the served objects. Each pair of objects has one unlabeled
// (default) type per direction; contact/deal to company also have the "Primary" label. `typeId` runs from `from` to
// `to` and `inverse` back: contact to call is 193, call to contact 194.
const PAIRS: Array<[from: ObjectType, to: ObjectType, typeId: number, inverse: number, label: string | null]> = [
  ['contacts', 'companies', 279, 280, null],
  ['contacts', 'companies', 1, 2, 'Primary'],
  ['deals', 'contacts', 3, 4, null],
  ['deals', 'companies', 341, 342, null],
  ['deals', 'companies', 5, 6, 'Primary'],
  ['companies', 'calls', 181, 182, null],
  ['companies', 'emails', 185, 186, null],
  ['companies', 'meetings', 187, 188, null],
  ['companies', 'notes', 189, 190, null],
  ['companies', 'tasks', 191, 192, null],
  ['contacts', 'calls', 193, 194, null],
  ['contacts', 'emails', 197, 198, null],
  ['contacts', 'meetings', 199, 200, null],
  ['contacts', 'notes', 201, 202, null],
  ['contacts', 'tasks', 203, 204, null],
  ['deals', 'calls', 205, 206, null],
  ['deals', 'emails', 209, 210, null],
  ['deals', 'meetings', 211, 212, null],
  ['deals', 'notes', 213, 214, null],
  ['deals', 'tasks', 215, 216, null],
];

const KINDS: AssociationKind[] = PAIRS.flatMap(([from, to, typeId, inverse, label]) => [
  { typeId, category: 'HUBSPOT_DEFINED', label, from, to, inverse, unlabeled: label === null },
  {
    typeId: inverse,
    category: 'HUBSPOT_DEFINED',
    label,
    from: to,
    to: from,
    inverse: typeId,
    unlabeled: label === null,
  },
]);

export function associationKind(from: ObjectType, to: ObjectType, typeId: number): AssociationKind | undefined {
  return KINDS.find((k) => k.from === from && k.to === to && k.typeId === typeId);
}

export function defaultAssociationKind(from: ObjectType, to: ObjectType): AssociationKind | undefined {
  return KINDS.find((k) => k.from === from && k.to === to && k.unlabeled);
}

// The object type a type id points at, for create bodies that name only the target id.
export function kindsFrom(from: ObjectType, typeId: number): AssociationKind[] {
  return KINDS.filter((k) => k.from === from && k.typeId === typeId);
}

// The name the v3 `associations` query parameter reports, e.g. `contact_to_company_unlabeled`.
export function v3AssociationName(kind: AssociationKind): string {
  const base = `${SINGULAR[kind.from]}_to_${SINGULAR[kind.to]}`;
  const hasLabeledSibling = KINDS.some((k) => k.from === kind.from && k.to === kind.to && !k.unlabeled);
  return kind.unlabeled && hasLabeledSibling ? `${base}_unlabeled` : base;
}

const key = (type: ObjectType, id: string) => `${type}:${id}`;

export interface AssociatedRecord {
  toId: string;
  kinds: AssociationKind[];
}

// Associations are stored per direction; creating one direction always creates its inverse, and any labeled type
// implies the unlabeled one, as in HubSpot.
export class AssociationStore {
  readonly #links = new Map<string, Map<string, Set<number>>>();

  #add(from: ObjectType, fromId: string, to: ObjectType, toId: string, typeId: number): void {
    const outgoing = this.#links.get(key(from, fromId)) ?? new Map<string, Set<number>>();
    this.#links.set(key(from, fromId), outgoing);
    const types = outgoing.get(key(to, toId)) ?? new Set<number>();
    outgoing.set(key(to, toId), types);
    types.add(typeId);
  }

  link(kind: AssociationKind, fromId: string, toId: string): void {
    const unlabeled = defaultAssociationKind(kind.from, kind.to)!;
    for (const k of new Set([kind, unlabeled])) {
      this.#add(k.from, fromId, k.to, toId, k.typeId);
      this.#add(k.to, toId, k.from, fromId, k.inverse);
    }
  }

  unlink(from: ObjectType, fromId: string, to: ObjectType, toId: string): void {
    this.#links.get(key(from, fromId))?.delete(key(to, toId));
    this.#links.get(key(to, toId))?.delete(key(from, fromId));
  }

  kindsBetween(from: ObjectType, fromId: string, to: ObjectType, toId: string): AssociationKind[] {
    const types = this.#links.get(key(from, fromId))?.get(key(to, toId));
    return [...(types ?? [])].flatMap((typeId) => associationKind(from, to, typeId) ?? []);
  }

  // In target id order.
  associated(from: ObjectType, fromId: string, to: ObjectType): AssociatedRecord[] {
    const outgoing = this.#links.get(key(from, fromId));
    if (!outgoing) return [];
    const prefix = `${to}:`;
    return [...outgoing.entries()]
      .filter(([target, types]) => target.startsWith(prefix) && types.size > 0)
      .map(([target]) => {
        const toId = target.slice(prefix.length);
        return { toId, kinds: this.kindsBetween(from, fromId, to, toId) };
      })
      .sort((a, b) => Number(a.toId) - Number(b.toId));
  }
}
