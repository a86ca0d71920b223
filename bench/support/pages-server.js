// What the page benches share: a minimal Outlook compose item for the task pane, and a Zegel server
// started from server/dist in development mode on a free port.
'use strict';
const { freePort, startZegel } = require('./server-process');

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

/** Zegel in development mode on a free port, with its data under `root`. */
async function startServer(root) {
  const port = await freePort();
  const child = await startZegel(root, { ZEGEL_PORT: String(port), ZEGEL_SMTP_PORT: '0' });
  return { child, url: `http://127.0.0.1:${port}` };
}

module.exports = { FAKE_OFFICE, freePort, startServer };
