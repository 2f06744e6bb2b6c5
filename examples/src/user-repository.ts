import type { Pool, PoolClient } from 'pg';

export interface User {
  id: number;
  email: string;
  name: string;
  createdAt: Date;
}

interface UserRow {
  id: number;
  email: string;
  name: string;
  created_at: Date;
}

/** The pool itself, or one client checked out of it (inside a transaction). */
export type Queryable = Pool | PoolClient;

const columns = 'id, email, name, created_at';

export class UserRepository {
  // The connection is injected, so a test can hand in a client inside a rolled-back transaction.
  constructor(private readonly db: Queryable) {}

  async create(email: string, name: string): Promise<User> {
    const { rows } = await this.db.query<UserRow>(
      `INSERT INTO users (email, name) VALUES ($1, $2) RETURNING ${columns}`,
      [email.toLowerCase(), name],
    );
    return toUser(rows[0]!);
  }

  async findByEmail(email: string): Promise<User | undefined> {
    const { rows } = await this.db.query<UserRow>(`SELECT ${columns} FROM users WHERE email = $1`, [
      email.toLowerCase(),
    ]);
    return rows[0] && toUser(rows[0]);
  }

  async search(term: string, limit = 20): Promise<User[]> {
    const { rows } = await this.db.query<UserRow>(
      `SELECT ${columns} FROM users WHERE name ILIKE $1 OR email ILIKE $1 ORDER BY name LIMIT $2`,
      [`%${term}%`, limit],
    );
    return rows.map(toUser);
  }

  async rename(id: number, name: string): Promise<User | undefined> {
    const { rows } = await this.db.query<UserRow>(`UPDATE users SET name = $2 WHERE id = $1 RETURNING ${columns}`, [
      id,
      name,
    ]);
    return rows[0] && toUser(rows[0]);
  }
}

function toUser(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, createdAt: row.created_at };
}
