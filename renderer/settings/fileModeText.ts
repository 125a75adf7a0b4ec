/** Permission modes are typed as chmod takes them: three octal digits such as 700 or 750. */
export function parseFileModeText(text: string): number | null {
  const trimmed = text.trim();
  return /^0?[0-7]{3}$/.test(trimmed) ? Number.parseInt(trimmed, 8) : null;
}

export const fileModeFormatError = 'Write the mode as three octal digits (0–7), like 700';
