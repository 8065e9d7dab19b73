import type { EventName } from '@lit/react';

/** An event's name for a React wrapper's prop, carrying its class so the prop's handler receives that class. */
export const eventName = <T extends Event>(event: { readonly type: string; prototype: T }) => event.type as EventName<T>;
