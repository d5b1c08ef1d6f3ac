#!/usr/bin/env node
// The published entry: runs the compiled CLI, so `npx rahatback-agent` needs `npm run build` once.
import '../dist/main.js';
