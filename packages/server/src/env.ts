import path from 'node:path';
import * as z from 'zod';

const Environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Where the embedded PGlite keeps its files; ignored with DATABASE_URL. */
  DATA_DIR: z.string().min(1).default('.clientela'),
  /** A PostgreSQL URL; the embedded PGlite is used when it is not set. */
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Key that signs shopper and agent tokens (32+ characters); generated and kept in the database when not set. */
  TOKEN_SECRET: z.string().min(32).optional(),
  /** Whether webhook endpoints may be in loopback or private networks (a backend beside the server); refused by default. */
  WEBHOOKS_ALLOW_PRIVATE_NETWORKS: z.stringbool().default(false),
});

export type Environment = z.infer<typeof Environment>;

/** Reads the configuration once at start and stops with a clear message when it is wrong. */
export function readEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  const parsed = Environment.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, DATA_DIR: path.resolve(parsed.data.DATA_DIR) };
}
