// Auth endpoints. The user shape mirrors the API contract; it moves to src/contracts once the server's schema lands.
import { apiRequest } from './client.ts';

export const ROLES = ['admin', 'analyst', 'duty_officer', 'leader', 'unit_liaison'] as const;
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string | null;
}

/** Optional office facts the server may add to /api/auth/me (name in the header, time zone for dates). */
export interface OfficeInfo {
  name?: string;
  timezone?: string;
}

export interface MeResponse {
  user: SessionUser;
  office?: OfficeInfo;
}

export function login(username: string, password: string): Promise<MeResponse> {
  return apiRequest<MeResponse>('/api/auth/login', { method: 'POST', body: { username, password }, notifyUnauthorized: false });
}

export function logout(): Promise<unknown> {
  return apiRequest<unknown>('/api/auth/logout', { method: 'POST', notifyUnauthorized: false });
}

export function fetchMe(): Promise<MeResponse> {
  return apiRequest<MeResponse>('/api/auth/me', { notifyUnauthorized: false });
}
