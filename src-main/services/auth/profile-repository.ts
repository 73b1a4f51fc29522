// Serialised access to the profiles file: every read-modify-write runs after the previous one
// has finished, so two quick actions (say, a switch and a sign-out) cannot lose each other's
// change. The first problem found while loading (a corrupt file moved aside) is kept so the UI
// can tell the user about it.
import {
  loadProfiles,
  profilesFilePath,
  saveProfiles,
  type ProfilesFile,
  type ProfilesFileProblem,
} from './profiles.ts';

export class ProfileRepository {
  readonly filePath: string;
  #now: () => Date;
  #queue: Promise<unknown> = Promise.resolve();
  #problem: ProfilesFileProblem | null = null;

  constructor(dataDir: string, now: () => Date) {
    this.filePath = profilesFilePath(dataDir);
    this.#now = now;
  }

  /** The problem found when a corrupt profiles file was set aside during this run, if any. */
  get problem(): ProfilesFileProblem | null {
    return this.#problem;
  }

  read(): Promise<ProfilesFile> {
    return this.#serial(() => this.#load());
  }

  /** Loads, lets `change` edit the data in place, saves, and returns what `change` returned. */
  update<T>(change: (data: ProfilesFile) => T | Promise<T>): Promise<T> {
    return this.#serial(async () => {
      const data = await this.#load();
      const result = await change(data);
      await saveProfiles(this.filePath, data);
      return result;
    });
  }

  async #load(): Promise<ProfilesFile> {
    const loaded = await loadProfiles(this.filePath, this.#now);
    if (loaded.problem) this.#problem = loaded.problem;
    return loaded.data;
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
