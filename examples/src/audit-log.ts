import type { PrismaClient } from '@prisma/client';

export type AuditAction = 'sign-up' | 'sign-in' | 'rename' | 'delete';

export interface AuditEvent {
  id: number;
  userId: number;
  action: AuditAction;
  createdAt: Date;
}

export class AuditLog {
  constructor(private readonly prisma: PrismaClient) {}

  async record(userId: number, action: AuditAction): Promise<void> {
    await this.prisma.auditEvent.create({ data: { userId, action } });
  }

  async eventsFor(userId: number): Promise<AuditEvent[]> {
    return this.prisma.auditEvent.findMany({ where: { userId }, orderBy: { createdAt: 'asc' } });
  }

  /** Deletes events older than the retention period; returns how many were deleted. */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    const { count } = await this.prisma.auditEvent.deleteMany({ where: { createdAt: { lt: cutoff } } });
    return count;
  }
}
