// The boot script: a few kilobytes that run as soon as the page opens. It starts the sign-in check and, when the
// app opens on the overview, the overview's data and chart code, then loads the app (React, Ant Design, the pages:
// root.tsx). The requests thus run while the app's code is still arriving instead of after it has started.
import { startSessionCheck } from './auth/early-session.ts';
import { startEarlyOverview } from './pages/overview/overview-early.ts';
// Ant Design's styles as one prebuilt file (with the theme as CSS variables), linked from index.html: no style is
// computed and injected at run time as components first render (app.tsx sets zeroRuntime).
import 'antd/dist/antd.css';
import './styles.css';

startSessionCheck();
startEarlyOverview(location.hash);
void import('./root.tsx');
