export * from './endpoint.ts';
export * from './problem.ts';
export * from './common.ts';
export * from './health.ts';
export * from './identity.ts';
export * from './customers.ts';
export * from './products.ts';
export * from './chat.ts';
