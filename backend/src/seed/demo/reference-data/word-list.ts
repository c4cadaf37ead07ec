/** A list of single words written as one string: long lists of names stay readable and compact. */
export const wordList = (list: string) => list.split(' ');
