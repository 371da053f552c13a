import { z } from 'zod';

/** The four staff roles (domain.md, "Who uses the client"). */
export const staffRoleSchema = z.enum(['consultant', 'branch', 'customer_service', 'admin']);

/** A staff role. */
export type StaffRole = z.infer<typeof staffRoleSchema>;

/** `POST /v1/auth/login` body. */
export const loginRequestSchema = z.strictObject({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1000),
});

/** `POST /v1/auth/refresh` body. */
export const refreshRequestSchema = z.strictObject({
  refreshToken: z.string().min(1).max(1000),
});

/** `POST /v1/auth/logout` body: the refresh token of the login to end (optional). */
export const logoutRequestSchema = z.strictObject({
  refreshToken: z.string().min(1).max(1000).optional(),
});

/** The signed-in staff member as login and refresh describe them. */
export const staffIdentitySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  role: staffRoleSchema,
  branchId: z.string().nullable(),
});

/** A signed-in staff member. */
export type StaffIdentity = z.infer<typeof staffIdentitySchema>;

/** Answer of login and refresh (protocol.md). `expiresIn` is in seconds, at most 900. */
export const tokenResponseSchema = z.strictObject({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int().positive().max(900),
  staff: staffIdentitySchema,
});

/** The answer of login and refresh. */
export type TokenResponse = z.infer<typeof tokenResponseSchema>;
