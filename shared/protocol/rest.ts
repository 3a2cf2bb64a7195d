import { z } from 'zod';
import { OperatorProfile, Site } from './schemas.ts';

/** `POST /api/v1/auth/login` body. */
export const LoginRequest = z.object({
  email: z.string().trim().min(1, { error: 'Enter your e-mail address.' }).max(320),
  password: z.string().min(1, { error: 'Enter your password.' }).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** Answer to a successful login and to `GET /api/v1/auth/me`. */
export const SessionInfo = z.object({
  operator: OperatorProfile,
  sites: z.array(Site),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** `GET /healthz`. */
export const Health = z.object({
  status: z.enum(['ok', 'unavailable']),
  storage: z.enum(['sqlite', 'postgres']),
  reason: z.string().optional(),
});
export type Health = z.infer<typeof Health>;

/** Body of every REST error response, sent with a 4xx or 5xx status. */
export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
