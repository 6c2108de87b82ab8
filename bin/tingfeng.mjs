#!/usr/bin/env node
// The `tingfeng` command. TypeScript sources run through tsx's loader, so `npx tingfeng` works right after install.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
if (typeof code === 'number') process.exitCode = code;
