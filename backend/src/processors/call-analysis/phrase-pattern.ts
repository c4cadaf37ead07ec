/**
 * Compiles a phrase rule written the way people talk: a space stands for any run of spaces (transcripts vary) and
 * a straight apostrophe for either apostrophe, since transcribers emit both "don't" and "don’t". The phrase is
 * bounded by word boundaries and matched case-insensitively, everywhere in the text.
 */
export function phrasePattern(source: string): RegExp {
  const body = source.replaceAll("'", "['’]").replaceAll(' ', String.raw`\s+`);
  return new RegExp(String.raw`\b(?:${body})\b`, 'gi');
}
