// Public exports of the settings capability (filled in as it lands).
export {};
