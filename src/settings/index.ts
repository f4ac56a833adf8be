// Public exports of the settings capability.
export { findMailSettings, findProvider, ispdbProviders, autoconfigUrls, settingsTable, settingsTables, settingsReport, SRV_SERVICES } from './discover.js';
export type { SettingsCandidate, GivenSetting, SettingsDeps, SettingsOptions, SettingsResult, SettingsSource, SettingsProbeFn } from './discover.js';
export { parseClientConfig, fillPlaceholders } from './clientconfig.js';
export type { ProviderConfig, ServerEntry, SettingsProtocol, SocketType } from './clientconfig.js';
export { SETTINGS_TEXTS, SOURCE_NAMES as SETTINGS_SOURCE_NAMES } from './texts.js';
export { checkMailSettings } from './check.js';
