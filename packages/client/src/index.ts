export { createClient, type Client, type ClientOptions } from './client.ts';
export { ApiError, ContractError, NetworkError } from './errors.ts';
