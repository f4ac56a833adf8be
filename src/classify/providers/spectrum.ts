/**
 * Spectrum / Charter: "AUP#I1000", "AUP#O1350" codes. Source: spectrumbusiness.net "Understanding email error
 * codes", as collected by Sisimai's rhost/Spectrum (BSD-2-Clause).
 */
import type { Provider } from './types.js';

export const spectrum: Provider = {
  id: 'spectrum',
  name: 'Spectrum (Charter)',
  hosts: ['charter.net', '.spectrum.net'],
  domains: ['charter.net', 'spectrum.net'],
  codes: {
    find: /AUP#[A-Z]{0,3}-?(\d{4})/,
    ranges: [
      [1000, 1000, 'blocked'], [1010, 1010, 'rejected'], [1020, 1080, 'rejected'], [1090, 1090, 'systemerror'],
      [1100, 1150, 'requireptr'], [1160, 1190, 'policyviolation'], [1200, 1210, 'blocked'], [1220, 1250, 'blocked'],
      [1260, 1260, 'networkerror'], [1300, 1340, 'toomanyconn'], [1350, 1490, 'speeding'], [1500, 1500, 'rejected'],
      [1520, 1520, 'rejected'], [1530, 1530, 'mesgtoobig'], [1540, 1540, 'speeding'], [1550, 1550, 'speeding'],
      [1560, 1560, 'policyviolation'], [1580, 1580, 'speeding'],
    ],
  },
  rules: [],
};
