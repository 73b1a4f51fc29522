// Sign-in backend: profiles, token validation, and sessions (no electron import).
export {
  createAuthService,
  profileDataDir,
  type AuthService,
  type AuthServiceOptions,
  type AuthSession,
  type BeginSignInInput,
  type ClientDefaults,
  type CompleteSignInInput,
  type PendingSignIn,
  type ProfileList,
  type ProfileSummary,
  type SignOutOptions,
  type SignOutResult,
} from './auth-service.ts';
export { AuthError, isAuthError, type AuthFailure } from './errors.ts';
export {
  PROFILES_FILE_NAME,
  loadProfiles,
  profilesFilePath,
  saveProfiles,
  type LoadedProfiles,
  type Profile,
  type ProfilesFile,
  type ProfilesFileProblem,
} from './profiles.ts';
export { cleanToken, tokenHintOf } from './token.ts';
export type { OrganizationChoice } from './validate-token.ts';
