/** Letters and digits only, accents dropped: for e-mail addresses and domains. */
export function ascii(text: string): string {
  return text
    .replace(/ß/g, 'ss')
    .replace(/[äöü]/gi, (umlaut) => `${umlaut.normalize('NFD')[0]}e`)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}
