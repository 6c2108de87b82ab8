// Title, description and body of a page; also sets the browser tab title.
import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { PageFrameTitle } from './page-frame-title.tsx';

export interface PageFrameProps {
  title: string;
  description?: ReactNode;
  extra?: ReactNode;
  children?: ReactNode;
}

export function PageFrame({ title, description, extra, children }: PageFrameProps) {
  return (
    <section aria-labelledby="tf-page-title">
      <PageFrameTitle title={title} />
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 16, flexWrap: 'wrap' }}>
        <Typography.Title level={2} id="tf-page-title" style={{ marginTop: 0, flex: 1 }}>
          {title}
        </Typography.Title>
        {extra}
      </div>
      {description && (
        <Typography.Paragraph type="secondary" style={{ maxWidth: 880 }}>
          {description}
        </Typography.Paragraph>
      )}
      {children}
    </section>
  );
}
