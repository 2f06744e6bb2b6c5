import { mkdir, rm } from 'node:fs/promises';

/** Every run starts from an empty test database. */
export async function setup(): Promise<void> {
  await rm('.data', { recursive: true, force: true });
  await mkdir('.data');
}
