/**
 * `npm run dev`: a gateway on port 4174 (no static serving) plus the Vite dev server, which proxies
 * /api and /ws to it. Both stop together on Ctrl-C.
 */
import { spawn } from 'node:child_process';

const gateway = spawn(
  process.execPath,
  ['--import', 'tsx', 'server/main.ts', '--port', '4174', '--no-static'],
  { stdio: 'inherit' },
);
const vite = spawn(process.execPath, ['node_modules/vite/bin/vite.js'], { stdio: 'inherit' });

function stop(): void {
  gateway.kill('SIGTERM');
  vite.kill('SIGTERM');
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
gateway.on('exit', stop);
vite.on('exit', stop);
