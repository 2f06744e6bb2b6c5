import { PrismaClient } from '@prisma/client';
import { describe, expect, test as base } from 'vitest';

import { AuditLog } from '../src/audit-log';

const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000);

// A fixture with a year of events already in the table.
const test = base.extend<{ seededLog: AuditLog }>({
  seededLog: async ({}, use) => {
    const prisma = new PrismaClient();
    await prisma.$connect();
    await prisma.auditEvent.createMany({
      data: [
        { userId: 1, action: 'sign-up', createdAt: daysAgo(400) },
        { userId: 1, action: 'sign-in', createdAt: daysAgo(200) },
        { userId: 1, action: 'rename', createdAt: daysAgo(10) },
      ],
    });
    // Bug: without `await`, the lines below run at once: the rows are deleted and the client
    // disconnected while the test is still using them.
    use(new AuditLog(prisma));
    await prisma.auditEvent.deleteMany();
    await prisma.$disconnect();
  },
});

describe('AuditLog.purgeOlderThan', () => {
  test('deletes only events older than the cutoff', async ({ seededLog }) => {
    expect(await seededLog.purgeOlderThan(daysAgo(365))).toBe(1);
    expect(await seededLog.eventsFor(1)).toHaveLength(2);
  });

  test('deletes nothing when every event is recent', async ({ seededLog }) => {
    expect(await seededLog.purgeOlderThan(daysAgo(1000))).toBe(0);
  });
});
