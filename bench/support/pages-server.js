// What the page benches share: a minimal Outlook compose item for the task pane, and a Zegel server
// started from server/dist in development mode on a free port.
'use strict';
const { spawn } = require('node:child_process');
const net = require('node:net');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');

const FAKE_OFFICE = `(function(){
  function later(cb, v){ setTimeout(function(){ cb({ status: 'succeeded', value: v }); }, 0); }
  var list = { getAsync: function(cb){ later(cb, [{ emailAddress: 'patient@example.org' }]); } };
  var item = {
    subject: { getAsync: function(cb){ later(cb, 'Bench'); } }, to: list,
    cc: { getAsync: function(cb){ later(cb, []); } }, bcc: { getAsync: function(cb){ later(cb, []); } },
    internetHeaders: { getAsync: function(_n, cb){ later(cb, {}); } },
    loadCustomPropertiesAsync: function(cb){ later(cb, { get: function(){ return undefined; } }); },
    addHandlerAsync: function(_t, _h, cb){ later(cb); }, removeHandlerAsync: function(){}
  };
  window.Office = {
    onReady: function(){ return Promise.resolve({ host: 'Outlook' }); },
    EventType: { RecipientsChanged: 'olkRecipientsChanged' }, CoercionType: { Html: 'html' },
    context: { displayLanguage: 'en-US', officeTheme: { bodyBackgroundColor: '#ffffff', bodyForegroundColor: '#000000' },
      requirements: { isSetSupported: function(){ return true; } },
      mailbox: { item: item, userProfile: { emailAddress: 'developer@zegel.test' } } }
  };
})();`;

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startServer(root) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, 'server', 'dist', 'main.js')], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      ZEGEL_AUTH_MODE: 'dev',
      ZEGEL_PORT: String(port),
      ZEGEL_SMTP_PORT: '0',
      ZEGEL_METRICS_PORT: '0',
      ZEGEL_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('Zegel is running.')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

module.exports = { FAKE_OFFICE, freePort, startServer };
