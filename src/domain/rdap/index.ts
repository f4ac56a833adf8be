/** Domain registration through RDAP: the bootstrap, the look-up and what a registry status means for mail. */
export { bundledRdapBootstrap, checkRegistration, defaultRdapFetch, parseRdapBootstrap, rdapServerFor } from './check.js';
export type { RdapBootstrap, RdapFetch, RdapResponse, RegistrationInfo, RegistrationOptions } from './check.js';
export { REGISTRY_STATUSES, statusKey, type RegistryStatusInfo } from './statuses.js';
