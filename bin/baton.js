#!/usr/bin/env node
// Baton runs its TypeScript sources directly through tsx's loader: no build step
// between a fresh clone and `npx baton`.
import { register } from 'tsx/esm/api';

register();
// Before the app loads: a command that needs a capped heap reruns in a child Node, and
// this process only waits for it.
const { relaunchForCommand } = await import('../src/cli/relaunch.ts');
await relaunchForCommand(process.argv[2]);
await import('../src/cli/main.ts');
