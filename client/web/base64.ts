/** Bytes to base64 and back in the browser, in slices so a large file does not overflow the stack. */

const SLICE_BYTES = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += SLICE_BYTES) {
    binary += String.fromCharCode(...bytes.subarray(i, i + SLICE_BYTES));
  }
  return btoa(binary);
}

/** undefined when the text is not base64 (a server that corrupts the data). */
export function base64ToBytes(text: string): Uint8Array | undefined {
  let binary: string;
  try {
    binary = atob(text.trim());
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
