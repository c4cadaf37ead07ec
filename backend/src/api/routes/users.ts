import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { routes, type OutOfOffice, type User, type WorkingHours } from '@sdr/shared';
import { Prisma } from '../../db/generated/client.ts';
import { HttpProblem, notFound } from '../problems.ts';
import { tenantRoute } from '../route.ts';

type UserRow = Prisma.UserGetPayload<object>;

export function userView(row: UserRow): User {
  return {
    id: row.id,
    crmUserId: row.crmUserId,
    email: row.email,
    name: row.name,
    role: row.role as User['role'],
    timeZone: row.timeZone,
    workingHours: row.workingHours as WorkingHours[],
    languages: row.languages,
    territories: row.territories,
    skills: row.skills,
    capacity: row.capacity,
    dailyCap: row.dailyCap,
    weight: row.weight,
    active: row.active,
    outOfOffice: row.outOfOffice as OutOfOffice[],
    pausedUntil: row.pausedUntil?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The roster routing works from: who sells, when, in which languages, how much they can take. */
export function userRoutes() {
  const router = Router();

  tenantRoute(router, routes.listUsers, async ({ tenant }) => {
    const rows = await tenant.db.client.user.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }] });
    return { status: 200, body: { data: rows.map(userView) } };
  });

  tenantRoute(router, routes.getUser, async ({ params, tenant }) => {
    const row = await tenant.db.client.user.findFirst({ where: { id: params.id } });
    if (!row) throw notFound('user');
    return { status: 200, body: userView(row) };
  });

  tenantRoute(router, routes.upsertUser, async ({ body, tenant }) => {
    const email = body.email.toLowerCase();
    const { outOfOffice, pausedUntil, ...rest } = body;
    const fields = {
      ...rest,
      email,
      ...(outOfOffice !== undefined ? { outOfOffice: outOfOffice as Prisma.InputJsonValue } : {}),
      ...(pausedUntil !== undefined ? { pausedUntil: pausedUntil ? new Date(pausedUntil) : null } : {}),
      ...(body.workingHours !== undefined ? { workingHours: body.workingHours as Prisma.InputJsonValue } : {}),
    };
    try {
      const outcome = await tenant.db.write(async (tx) => {
        const existing = await tx.user.findFirst({
          where: { email: { equals: email, mode: 'insensitive' } },
          select: { id: true },
        });
        if (existing)
          return {
            created: false,
            row: await tx.user.update({
              where: { tenantId_id: { tenantId: tenant.tenantId, id: existing.id } },
              data: fields,
            }),
          };
        return {
          created: true,
          row: await tx.user.create({ data: { id: randomUUID(), ...fields } as Prisma.UserUncheckedCreateInput }),
        };
      });
      return { status: outcome.created ? 201 : 200, body: userView(outcome.row) };
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
        throw new HttpProblem(409, 'Another user has that CRM user id', [
          { field: 'body.crmUserId', message: 'taken by another user' },
        ]);
      throw error;
    }
  });

  return router;
}
