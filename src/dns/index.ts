// Public exports of the dns capability (filled in as it lands).
export {};
