/**
 * `serve`: the web app and JSON API over the same library functions and the same findings schema.
 */
export { createMailmedicServer, chooseLang as chooseServeLang, type ServeOptions, type MailmedicServer } from './server.js';
export { API_OPERATIONS, asReport as asServeReport, looksLikeMessage } from './api.js';
export { buildOpenApi } from './openapi.js';
export { MAIL_PORTS, isNonPublicAddress, checkProbeTarget, RateLimiter as ProbeRateLimiter, isLoopbackBind } from './security.js';
export { SERVE_TEXT } from './texts.js';
export { renderPage as renderServePage, PAGES as SERVE_PAGES } from './pages.js';
