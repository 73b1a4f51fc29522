// The preferences channels: what the user arranged (column widths), read and saved.
import type { Handlers } from '../ipc/router.ts';
import type { PreferencesService } from './preferences.ts';

export function createPreferencesHandlers(
  preferences: Pick<PreferencesService, 'get' | 'set'>,
): Pick<Handlers, 'preferences.get' | 'preferences.set'> {
  return {
    'preferences.get': () => preferences.get(),
    'preferences.set': (patch) => preferences.set(patch),
  };
}
