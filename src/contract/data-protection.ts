/**
 * The `dataProtection:` section of podium.yaml and its per-alias override
 * (`models.<alias>.dataProtection`), in the contract so the configuration can validate it without
 * pulling the pipeline in.
 */
import { z } from 'zod';

/** What happens to a data class: sent as is, replaced by a placeholder, or the call is refused. */
export const dataActionSchema = z.enum(['allow', 'redact', 'block']);
export type DataAction = z.infer<typeof dataActionSchema>;

/** One optional action per data class; an unknown class name is a typo and an error. */
export const classActionsSchema = z.strictObject({
  email: dataActionSchema.optional(),
  phone: dataActionSchema.optional(),
  card: dataActionSchema.optional(),
  iban: dataActionSchema.optional(),
  'national-id': dataActionSchema.optional(),
});
export type ClassActionsConfig = z.infer<typeof classActionsSchema>;

const providerActionsSchema = z.record(z.string().regex(/^[A-Za-z0-9_-]+$/, 'a provider name'), classActionsSchema);

/** `models.<alias>.dataProtection`: overrides for one alias, every field optional. */
export const modelDataProtectionSchema = z.strictObject({
  /** For classes neither this alias nor the global section names. */
  default: dataActionSchema.optional(),
  classes: classActionsSchema.optional(),
  /** Per provider name, for calls of this alias that may reach that provider. */
  providers: providerActionsSchema.optional(),
  /** Scan (and redact) this alias's answers; overrides the global `responses`. */
  responses: z.boolean().optional(),
});
export type ModelDataProtectionConfig = z.infer<typeof modelDataProtectionSchema>;

/** The top-level `dataProtection:` section. */
export const dataProtectionSchema = z.strictObject({
  /** For classes no rule names: `allow` still detects and records them. */
  default: dataActionSchema.default('allow'),
  classes: classActionsSchema.default({}),
  /** Per provider name (the keys of `providers:`): e.g. allow emails to a local model only. */
  providers: providerActionsSchema.default({}),
  /** Scan answers too: `redact` and `block` both redact there (an answer already paid for is not refused). */
  responses: z.boolean().default(true),
});
export type DataProtectionConfig = z.infer<typeof dataProtectionSchema>;
