/**
 * The web domain a company is known by, from its website or a person's e-mail address. Free and consumer mail
 * domains name no company: a lead writing from gmail.com says nothing about where they work.
 */

const CONSUMER_MAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.co.uk',
  'live.com',
  'live.co.uk',
  'msn.com',
  'yahoo.com',
  'yahoo.co.uk',
  'ymail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  't-online.de',
  'mail.com',
  'zoho.com',
  'yandex.com',
  'yandex.ru',
  'mail.ru',
  'qq.com',
  '163.com',
  '126.com',
  'btinternet.com',
  'sky.com',
  'virginmedia.com',
  'talktalk.net',
  'orange.fr',
  'free.fr',
  'laposte.net',
  'libero.it',
  'hey.com',
  'fastmail.com',
  'tutanota.com',
]);

/** `https://www.Acme.co.uk/about` → `acme.co.uk`; null when there is no host with a dot. */
export function domainOf(website: string | null | undefined): string | null {
  if (!website) return null;
  const host = website
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .split(/[/?#:]/)[0];
  return host && host.includes('.') ? host : null;
}

export function isConsumerMail(domain: string): boolean {
  return CONSUMER_MAIL.has(domain.toLowerCase());
}

/** The domain of an e-mail address, or null when it has none. */
export function emailDomainOf(email: string | null | undefined): string | null {
  const at = email?.lastIndexOf('@') ?? -1;
  return email && at >= 1 ? domainOf(email.slice(at + 1)) : null;
}

/** The company domain of an e-mail address, or null for consumer mail and malformed addresses. */
export function companyDomainOfEmail(email: string | null | undefined): string | null {
  const domain = emailDomainOf(email);
  return domain && !isConsumerMail(domain) ? domain : null;
}
