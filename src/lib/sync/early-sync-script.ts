/**
 * The first few lines a phone runs, inline in the page's <head> (app.html, with the page's CSP
 * nonce): when the page preloads a board's first state (ParticipantBoard's <link rel="preload"
 * href="/sync/<id>/state">), open that board's sync socket at once, while the scripts are still
 * downloading, and park it on `window` with whatever the server says meanwhile. The board's code
 * takes it when it runs (early-socket.ts). On a 150 ms mobile network a socket takes about
 * 200 ms to open: opened when the page's code runs, that wait came after the 1.6 s download of the
 * scripts; opened here, it is over long before.
 *
 * Plain ES5 in a string (it runs before any module, in every browser we serve); a socket nobody
 * took within 30 s (the page no longer shows the board) is closed. It marks
 * `concerto:sync-early` (see src/lib/perf/marks.ts) so a test can see when it ran.
 */
export const EARLY_SYNC_SLOT = '%concerto.earlySync%';

/** Where the parked socket waits: `{ url, ws, held }`. */
export const PARKED_SYNC_KEY = '__concertoEarlySync';

export const EARLY_SYNC_SCRIPT =
	'(function(){' +
	'var l=document.querySelector(\'link[rel="preload"][href^="/sync/"][href$="/state"]\');' +
	'if(!l||typeof WebSocket!=="function")return;' +
	'var u=(location.protocol==="https:"?"wss://":"ws://")+location.host+l.getAttribute("href").slice(0,-6);' +
	'try{var w=new WebSocket(u),h=[];' +
	'w.binaryType="arraybuffer";w.onmessage=function(e){h.push(e)};w.onerror=function(){};' +
	`window.${PARKED_SYNC_KEY}={url:u,ws:w,held:h};` +
	'if(performance.mark)performance.mark("concerto:sync-early");' +
	`setTimeout(function(){var p=window.${PARKED_SYNC_KEY};if(p&&p.ws===w){w.close();delete window.${PARKED_SYNC_KEY}}},30000)` +
	'}catch(e){}})()';
