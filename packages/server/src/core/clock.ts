/** The time source of the app; tests pass a fixed or moving one. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
