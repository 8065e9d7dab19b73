import type { StaffRole, StoreActor } from '@clientela/contract';

/** Who in a store did something, from the columns that keep it: a member of the staff (their name and role then), or the backend when no staff id was kept. */
export function storeActorOf(staffId: string | null, name: string | null, role: StaffRole | null): StoreActor {
  return staffId === null ? { kind: 'backend' } : { kind: 'staff', id: staffId, name: name ?? staffId, role: role ?? 'agent' };
}
