import { defineTextFormat } from './define.js';

/**
 * qmail and its derivatives (vpopmail, netqmail, qmail-toaster, and the Polish bilingual texts of hosting
 * providers: "Zdalny host odpowiedzial", "Nie mozna znalezc hosta", "Bardzo nam przykro …").
 */
export const qmail = defineTextFormat({
  name: 'qmail',
  subject: ['failure notice'],
  text: ['this is the qmail-send program', "i'm afraid i wasn't able to deliver your message", 'zdalny host odpowiedzial',
    'nie udalo sie wyslac maila', 'bardzo nam przykro', 'qmail-send'],
  headerValue: ['invoked for bounce'],
  start: ["i'm afraid i wasn't able to deliver your message", 'this is a permanent error', 'nie udalo sie wyslac maila',
    'przyczyna wskazana jest ponizej', 'following addresses', "i wasn't able to deliver"],
  stop: ['--- below this line is a copy of the message', '--- enclosed are the original headers', '--- ponizej'],
});
