/** The settings capability as a Report (what `mailmedic settings` prints). */
import type { Report } from '../core/finding.js';
import { findMailSettings, settingsReport, type SettingsDeps, type SettingsOptions } from './discover.js';

/** The right mail program settings for an address, and what is wrong with the given ones, as a Report. */
export async function checkMailSettings(options: SettingsOptions, deps: SettingsDeps): Promise<Report> {
  return settingsReport(await findMailSettings(options, deps));
}
