import { hkdfSync } from 'node:crypto';
import { EncryptJWT, errors as joseErrors, jwtDecrypt } from 'jose';

/**
 * The OAuth `state`: a JWE (dir + A256GCM) naming flow, tenant, user and element, expiring with the
 * flow, under a key derived from the encryption key. Any replica can read it; only this host can make one.
 */
export interface StateClaims {
  fid: string;
  tid: string;
  uid: string;
  el: string;
  /** The language the sign-in was started in (the widget's): the callback page answers in it. */
  lc?: string;
}

export const stateKeyFrom = (encryptionKey: Uint8Array) =>
  new Uint8Array(hkdfSync('sha256', encryptionKey, new Uint8Array(0), 'ce-marketplace oauth state', 32));

export function sealState(key: Uint8Array, claims: StateClaims, nowMs: number, expiresMs: number): Promise<string> {
  return new EncryptJWT({ ...claims })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt(Math.floor(nowMs / 1000))
    .setExpirationTime(Math.floor(expiresMs / 1000))
    .encrypt(key);
}

/** The state's claims, or none (absent, altered, another key's); an expired state still names its flow. */
export async function readState(
  key: Uint8Array,
  state: string | null,
  nowMs: number,
): Promise<{ claims?: StateClaims; expired?: boolean }> {
  if (!state) return {};
  try {
    const options = { currentDate: new Date(nowMs), keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] };
    const { payload } = await jwtDecrypt(state, key, options);
    return { claims: payload as unknown as StateClaims };
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) return { claims: e.payload as unknown as StateClaims, expired: true };
    return {};
  }
}
