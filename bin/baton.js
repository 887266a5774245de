#!/usr/bin/env node
// Baton runs its TypeScript sources directly through tsx's loader: no build step
// between a fresh clone and `npx baton`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
