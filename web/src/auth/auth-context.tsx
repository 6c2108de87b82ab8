// Who is logged in. Asks /api/auth/me once at start (taking the boot script's early check, early-session.ts, when
// there is one: answered before the app rendered, the first render already shows the signed-in shell); any 401 from
// the API clears the user (→ login page).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  checkSession,
  fetchMe,
  login as apiLogin,
  logout as apiLogout,
  type MeResponse,
  type OfficeInfo,
  type SessionUser,
} from '../api/auth.api.ts';
import { setUnauthorizedHandler } from '../api/client.ts';
import { answerStillDue, consumeEarlySession, takeEarlySession } from './early-session.ts';

export type AuthStatus = 'checking' | 'anonymous' | 'authenticated';

export interface Auth {
  status: AuthStatus;
  user: SessionUser | null;
  /** Permission names of the signed-in user (from /api/auth/me), for showing only the actions they may take. */
  permissions: ReadonlySet<string>;
  office: OfficeInfo;
  /** Rejects with ApiError (401 bad credentials, 429 locked out). */
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

interface Session {
  user: SessionUser;
  permissions: ReadonlySet<string>;
  office: OfficeInfo;
}

const AuthContext = createContext<Auth | null>(null);
const NO_PERMISSIONS: ReadonlySet<string> = new Set();

function toSession(me: MeResponse): Session {
  return { user: me.user, permissions: new Set(me.permissions), office: me.office ?? {} };
}

export function AuthProvider({ children }: { children: ReactNode }) {
  // The early check as the first render found it. Its answer can arrive between that render and the effect below;
  // the effect then still takes it (answerStillDue), as it is not in the state.
  const [early] = useState(takeEarlySession);
  const [session, setSession] = useState<Session | null>(() =>
    early.answered?.value ? toSession(early.answered.value) : null,
  );
  const [status, setStatus] = useState<AuthStatus>(() =>
    early.answered ? (early.answered.value ? 'authenticated' : 'anonymous') : 'checking',
  );

  const clear = useCallback(() => {
    setSession(null);
    setStatus('anonymous');
  }, []);
  const accept = useCallback((me: MeResponse) => {
    setSession(toSession(me));
    setStatus('authenticated');
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(clear);
    let live = true;
    consumeEarlySession();
    // 401, or the server unreachable: show the login page, whose own request will say what is wrong
    const me = answerStillDue(early, fetchMe);
    if (me) {
      void me.then((m) => {
        if (!live) return;
        if (m) accept(m);
        else clear();
      });
    }
    return () => {
      live = false;
      setUnauthorizedHandler(null);
    };
  }, [clear, accept, early]);

  // A desk stays open all day: when the tab comes back into view, confirm the session still holds (a 401 goes
  // through the global handler to the login page, before the officer starts typing into a dead session).
  useEffect(() => {
    if (status !== 'authenticated') return;
    const recheck = () => {
      if (document.visibilityState === 'visible') void checkSession();
    };
    window.addEventListener('focus', recheck);
    document.addEventListener('visibilitychange', recheck);
    return () => {
      window.removeEventListener('focus', recheck);
      document.removeEventListener('visibilitychange', recheck);
    };
  }, [status]);

  const login = useCallback(
    async (username: string, password: string) => {
      await apiLogin(username, password);
      accept(await fetchMe());
    },
    [accept],
  );

  const logout = useCallback(async () => {
    try {
      await apiLogout();
    } finally {
      clear();
    }
  }, [clear]);

  const value = useMemo<Auth>(
    () => ({
      status,
      user: session?.user ?? null,
      permissions: session?.permissions ?? NO_PERMISSIONS,
      office: session?.office ?? {},
      login,
      logout,
    }),
    [status, session, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth must be used inside <AuthProvider>');
  return v;
}
