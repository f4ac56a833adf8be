// Public exports of the domain capability (filled in as it lands).
export {};
