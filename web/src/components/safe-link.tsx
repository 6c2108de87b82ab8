// Links from untrusted data: only http(s) URLs become links (opened without referrer or opener); anything else
// — javascript:, data:, relative paths — is shown as plain text.
import type { ReactNode } from 'react';

export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function SafeLink({ url, children }: { url: string | null | undefined; children?: ReactNode }) {
  const href = safeHref(url);
  if (!href) return <span data-testid="unsafe-link">{children ?? url}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children ?? href}
    </a>
  );
}
