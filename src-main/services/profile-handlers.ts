// The sign-in and profile channels → the profiles service. The router has already validated the input.
import type { Handlers } from '../ipc/router.ts';
import type { ProfilesService } from './profiles-service.ts';

type ProfileChannel =
  | 'auth.probeKeychain'
  | 'auth.beginSignIn'
  | 'auth.completeSignIn'
  | 'auth.cancelSignIn'
  | 'profiles.list'
  | 'profiles.switch'
  | 'profiles.replaceToken'
  | 'profiles.signOut';

export function createProfileHandlers(
  profiles: Pick<
    ProfilesService,
    | 'probeKeychain'
    | 'beginSignIn'
    | 'completeSignIn'
    | 'cancelSignIn'
    | 'list'
    | 'switchTo'
    | 'replaceToken'
    | 'signOut'
  >,
): Pick<Handlers, ProfileChannel> {
  return {
    'auth.probeKeychain': () => profiles.probeKeychain(),
    'auth.beginSignIn': (input) => profiles.beginSignIn(input),
    'auth.completeSignIn': (input) => profiles.completeSignIn(input),
    'auth.cancelSignIn': ({ pendingId }) => profiles.cancelSignIn(pendingId),
    'profiles.list': () => profiles.list(),
    'profiles.switch': ({ id }) => profiles.switchTo(id),
    'profiles.replaceToken': ({ id, token }) => profiles.replaceToken(id, token),
    'profiles.signOut': (input) => profiles.signOut(input),
  };
}
