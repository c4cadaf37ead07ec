/**
 * The audio OpenAI's transcription endpoint takes, per its speech-to-text guide: files up to 25 MB in flac, m4a,
 * mp3, mp4, mpeg, mpga, oga, ogg, wav or webm. The API tells the format by the file name's extension, so uploads
 * that arrive with only a MIME type get a name made from it.
 */

/** 25 MB as the API counts it: its 413 reads "Maximum content size limit (26214400) exceeded". */
export const MAX_AUDIO_BYTES = 26_214_400;

export const AUDIO_EXTENSIONS = ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm'] as const;
export type AudioExtension = (typeof AUDIO_EXTENSIONS)[number];

// The registered types and the common unregistered aliases recorders and browsers send for those formats.
const EXTENSION_BY_TYPE: Record<string, AudioExtension> = {
  'audio/flac': 'flac',
  'audio/x-flac': 'flac',
  'audio/mp4': 'm4a',
  'audio/m4a': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/x-mp3': 'mp3',
  'audio/mpga': 'mpga',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav',
  'audio/wave': 'wav',
  'audio/x-wav': 'wav',
  'audio/vnd.wave': 'wav',
  'audio/webm': 'webm',
};

/** The audio MIME types with a format the provider takes, for error messages. */
export const SUPPORTED_AUDIO_TYPES = Object.keys(EXTENSION_BY_TYPE);

/** A MIME type without its parameters (`audio/ogg; codecs=opus` is `audio/ogg`), lower case. */
export function mimeEssence(mimeType: string): string {
  return mimeType.split(';')[0]!.trim().toLowerCase();
}

export function extensionOfType(mimeType: string): AudioExtension | undefined {
  return EXTENSION_BY_TYPE[mimeEssence(mimeType)];
}

export function extensionOfName(filename: string): AudioExtension | undefined {
  const dot = filename.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const extension = filename.slice(dot + 1).toLowerCase();
  return (AUDIO_EXTENSIONS as readonly string[]).includes(extension) ? (extension as AudioExtension) : undefined;
}

/**
 * The name to upload the audio under: its own when the extension is one the provider takes, else the name with the
 * MIME type's extension added; undefined when neither tells a format the provider takes.
 */
export function uploadName(audio: { filename: string; mimeType: string }): string | undefined {
  if (extensionOfName(audio.filename)) return audio.filename;
  const extension = extensionOfType(audio.mimeType);
  if (!extension) return undefined;
  const base = audio.filename.trim() || 'recording';
  return `${base}.${extension}`;
}
