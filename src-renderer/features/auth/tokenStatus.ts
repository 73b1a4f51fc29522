// How a profile's token is described on screen: where it is kept and its hint, never more.
import type { Profile } from '../../../src-main/ipc/contract.ts';

export function tokenStatusText(profile: Profile): string {
  if (!profile.hasToken) {
    return profile.storage === 'session'
      ? 'token was kept for a past session only'
      : 'signed out, no token saved';
  }
  return profile.storage === 'keychain'
    ? `token ending in ${profile.tokenHint} in the system keychain`
    : `token ending in ${profile.tokenHint}, kept for this session only`;
}
