// Auth endpoints, typed with the server's contracts (type-only imports: nothing from src/ is bundled).
import type { z } from 'zod';
import type { MeResponse as MeResponseSchema, Role as RoleSchema, User } from '../../../src/contracts/auth.ts';
import { apiRequest } from './client.ts';

export type Role = z.infer<typeof RoleSchema>;
export type SessionUser = z.infer<typeof User>;

/** Office facts the server may add to /api/auth/me (name for the header, time zone for dates). */
export interface OfficeInfo {
  name?: string;
  timezone?: string;
}

export type MeResponse = z.infer<typeof MeResponseSchema> & { office?: OfficeInfo };

export function login(username: string, password: string): Promise<{ user: SessionUser }> {
  return apiRequest<{ user: SessionUser }>('/api/auth/login', {
    method: 'POST',
    body: { username, password },
    notifyUnauthorized: false,
  });
}

export function logout(): Promise<unknown> {
  return apiRequest<unknown>('/api/auth/logout', { method: 'POST', notifyUnauthorized: false });
}

export function fetchMe(): Promise<MeResponse> {
  return apiRequest<MeResponse>('/api/auth/me', { notifyUnauthorized: false });
}

/** Asks /api/auth/me with the global 401 handling on; resolves false on any failure instead of rejecting. */
export function checkSession(): Promise<boolean> {
  return apiRequest<MeResponse>('/api/auth/me').then(
    () => true,
    () => false,
  );
}

/** Changes the signed-in person's own password; the server ends their other sessions and keeps this one. */
export function changePassword(current: string, next: string): Promise<{ ok: true }> {
  return apiRequest<{ ok: true }>('/api/auth/password', { method: 'POST', body: { current, next } });
}
