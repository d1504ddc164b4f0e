#!/usr/bin/env node
// Build step: writes dist/src/cli/commands/manifest.json (command names,
// purposes, aliases and where each lives) so `juju` imports only what it runs.
import { writeFileSync } from 'node:fs';

const { buildManifest, MANIFEST_URL } = await import('../dist/src/cli/commands/manifest.js');
const entries = await buildManifest();
writeFileSync(MANIFEST_URL, `${JSON.stringify(entries, null, 1)}\n`);
console.log(`command manifest: ${entries.length} commands`);
