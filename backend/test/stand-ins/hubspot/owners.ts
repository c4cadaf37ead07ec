export interface OwnerTeam {
  id: string;
  name: string;
  primary: boolean;
}

export interface Owner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
  teams: OwnerTeam[];
  archived: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewOwner {
  email: string;
  firstName?: string;
  lastName?: string;
  userId?: number;
  teams?: OwnerTeam[];
  archived?: boolean;
}

// Owners are the portal's users as the CRM sees them: the owner id differs from the user id.
export class OwnerDirectory {
  readonly #owners: Owner[] = [];
  #nextOwnerId = 61_000_001;
  #nextUserId = 7_100_001;

  add(input: NewOwner, at: Date): Owner {
    const owner: Owner = {
      id: String(this.#nextOwnerId++),
      email: input.email,
      firstName: input.firstName ?? '',
      lastName: input.lastName ?? '',
      userId: input.userId ?? this.#nextUserId++,
      teams: input.teams ?? [],
      archived: input.archived ?? false,
      createdAt: at,
      updatedAt: at,
    };
    this.#owners.push(owner);
    return structuredClone(owner);
  }

  list(archived = false): Owner[] {
    return this.#owners.filter((o) => o.archived === archived).map((o) => structuredClone(o));
  }

  byId(id: string): Owner | undefined {
    const owner = this.#owners.find((o) => o.id === id);
    return owner ? structuredClone(owner) : undefined;
  }

  byUserId(userId: number): Owner | undefined {
    const owner = this.#owners.find((o) => o.userId === userId);
    return owner ? structuredClone(owner) : undefined;
  }
}
