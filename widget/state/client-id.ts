export { CLIENT_ID_PATTERN } from '../../shared/browser/stored-queue.ts';

export type RandomSource = Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string };

/**
 * A fresh id for one message, reused on every retry so the server stores it once. crypto.randomUUID exists
 * only in secure contexts; elsewhere 16 random bytes in base64url (22 characters).
 */
export function createClientId(random: RandomSource): string {
  if (typeof random.randomUUID === 'function') return random.randomUUID();
  const bytes = random.getRandomValues(new Uint8Array(16));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
