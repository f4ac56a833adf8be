/**
 * Polish and Russian providers whose own wording the knowledge tables already describe (src/knowledge/
 * provider-rejections.ts): their hosts and domains, so those texts count only for mail they handled.
 */
import type { Provider } from './types.js';

export const wp: Provider = { id: 'wp', name: 'Wirtualna Polska', hosts: ['.wp.pl', '.o2.pl'], domains: ['wp.pl', 'o2.pl', 'tlen.pl'], rules: [] };
export const interia: Provider = { id: 'interia', name: 'Interia', hosts: ['.interia.pl', '.poczta.fm'], domains: ['interia.pl', 'interia.eu', 'poczta.fm', 'vip.interia.pl'], rules: [] };
export const onet: Provider = { id: 'onet', name: 'Onet', hosts: ['.onet.pl', '.poczta.onet.pl'], domains: ['onet.pl', 'op.pl', 'vp.pl', 'onet.eu', 'spoko.pl', 'autograf.pl'], rules: [] };
export const kei: Provider = { id: 'kei', name: 'Kei.pl', hosts: ['.kei.pl'], domains: ['kei.pl'], rules: [] };
export const mailru: Provider = { id: 'mailru', name: 'Mail.ru', hosts: ['.mail.ru'], domains: ['mail.ru', 'inbox.ru', 'list.ru', 'bk.ru', 'internet.ru'], rules: [] };
