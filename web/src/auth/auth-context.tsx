// Who is logged in. Asks /api/auth/me once at start; any 401 from the API clears the user (→ login page).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { fetchMe, login as apiLogin, logout as apiLogout, type OfficeInfo, type SessionUser } from '../api/auth.api.ts';
import { setUnauthorizedHandler } from '../api/client.ts';

export type AuthStatus = 'checking' | 'anonymous' | 'authenticated';

export interface Auth {
  status: AuthStatus;
  user: SessionUser | null;
  office: OfficeInfo;
  /** Rejects with ApiError (401 bad credentials, 429 locked out). */
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [office, setOffice] = useState<OfficeInfo>({});
  const [status, setStatus] = useState<AuthStatus>('checking');

  const clear = useCallback(() => {
    setUser(null);
    setStatus('anonymous');
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(clear);
    let live = true;
    fetchMe().then(
      (me) => {
        if (!live) return;
        setUser(me.user);
        setOffice(me.office ?? {});
        setStatus('authenticated');
      },
      () => {
        // 401, or the server unreachable: show the login page, whose own request will say what is wrong
        if (live) clear();
      },
    );
    return () => {
      live = false;
      setUnauthorizedHandler(null);
    };
  }, [clear]);

  const login = useCallback(async (username: string, password: string) => {
    const me = await apiLogin(username, password);
    setUser(me.user);
    setOffice(me.office ?? {});
    setStatus('authenticated');
  }, []);

  const logout = useCallback(async () => {
    try {
      await apiLogout();
    } finally {
      clear();
    }
  }, [clear]);

  const value = useMemo<Auth>(() => ({ status, user, office, login, logout }), [status, user, office, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth must be used inside <AuthProvider>');
  return v;
}
