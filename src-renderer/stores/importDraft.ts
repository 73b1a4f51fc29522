// The import being prepared: the file the supervisor dropped or chose, how it is read (encoding,
// delimiter, mapping, default country, duplicates), main's preview of it, and the launch options
// (agent, space, shared context, schedule) until "Start calls". Every reading change asks main
// for a new preview; an answer to an older one is dropped, so the counts always belong to the
// settings on screen. Nothing is sent before `start`.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { IpcError, IpcResult, UnpodApi } from '../../src-main/ipc/contract.ts';
import type { ImportSummary } from '../../src-main/ipc/contract-imports.ts';
import type { ColumnTarget, Delimiter, FileEncoding } from '../../src-main/imports/read/settings.ts';
import { fieldErrors, withoutKeys } from '../features/import/fieldErrors.ts';
import { checkSchedule, type ScheduleChoice } from '../features/import/schedule.ts';
import { settle } from '../lib/ipc.ts';
import type {
  ImportPreview,
  ProblemExport,
  ReadingPort,
  ReadingSettingsInput,
  StagedFile,
} from './importReading.ts';

export interface ReadingChoices {
  encoding: FileEncoding | null;
  delimiter: Delimiter | null;
  /** Null: as mapped from the headers. */
  mapping: ColumnTarget[] | null;
  /** Null: the profile's default country (main says which, in the preview). */
  country: string | null;
  duplicates: 'skip' | 'keep';
  windowDays: number;
}

export interface LaunchChoices {
  agentHandle: string;
  spaceToken: string;
  context: string;
  schedule: ScheduleChoice;
}

const launchFields = ['agentHandle', 'spaceToken', 'context', 'schedule'] as const;
export type LaunchField = (typeof launchFields)[number];

export interface ImportDraftStore {
  file: StagedFile | null;
  /** The file is being handed to main (the web host uploads it). */
  staging: boolean;
  stageError: IpcError | null;
  reading: ReadingChoices;
  previewStatus: 'idle' | 'loading' | 'ready' | 'error';
  preview: ImportPreview | null;
  previewError: IpcError | null;
  launch: LaunchChoices;
  /** Why the launch options cannot be used, by field (shown beside each). */
  launchErrors: Partial<Record<LaunchField, string>>;
  starting: boolean;
  startError: IpcError | null;
  exporting: boolean;
  exportError: IpcError | null;

  chooseFile(file: File): Promise<void>;
  /**
   * Reads a file main already staged (a CSV opened with the app), or shows why it could not be:
   * what `chooseFile` does once its file is staged.
   */
  adoptStaged(staged: IpcResult<StagedFile>): Promise<void>;
  setReading(patch: Partial<ReadingChoices>): void;
  /** Sends one column to another field (or keeps it as an extra field, or drops it). */
  mapColumn(index: number, target: ColumnTarget): void;
  setLaunch(patch: Partial<LaunchChoices>): void;
  /** Checks the launch options and starts the calls; resolves with the import, or null. */
  start(now: number, timeZone: string): Promise<ImportSummary | null>;
  /** Writes the rows with problems as a CSV with a reason column; null when it failed. */
  exportProblems(): Promise<ProblemExport | null>;
  /** Back to "drop a file" (after a launch, or the user chose another file). */
  clear(): void;
  /** Forgets the file and the launch options (another workspace: its agents and spaces differ). */
  reset(): void;
}

const PREVIEW_DELAY_MS = 250;

export function initialReading(country: string | null): ReadingChoices {
  return { encoding: null, delimiter: null, mapping: null, country, duplicates: 'skip', windowDays: 30 };
}

const initialLaunch = (): LaunchChoices => ({
  agentHandle: '',
  spaceToken: '',
  context: '',
  schedule: { kind: 'now' },
});

export function createImportDraftStore(
  api: Pick<UnpodApi, 'imports'>,
  reading: ReadingPort,
  options: { onStarted(summary: ImportSummary): void },
): StoreApi<ImportDraftStore> {
  let latestPreview = 0;
  let latestStage = 0;
  let previewTimer: ReturnType<typeof setTimeout> | null = null;

  return createStore<ImportDraftStore>()((set, get) => {
    /** Main may remove its copy of a file the page is done with (the web host's upload). */
    function releaseFile(): void {
      const file = get().file;
      if (file) void settle(() => reading.release({ sourceId: file.sourceId }));
    }

    function readingSettings(choices: ReadingChoices): ReadingSettingsInput {
      return {
        ...(choices.encoding ? { encoding: choices.encoding } : {}),
        ...(choices.delimiter ? { delimiter: choices.delimiter } : {}),
        ...(choices.mapping ? { mapping: choices.mapping } : {}),
        ...(choices.country ? { country: choices.country } : {}),
        windowDays: choices.windowDays,
        duplicates: choices.duplicates,
      };
    }

    async function loadPreview(): Promise<void> {
      const file = get().file;
      if (!file) return;
      const request = ++latestPreview;
      set({ previewStatus: 'loading', previewError: null });
      const result = await settle(() =>
        reading.preview({ sourceId: file.sourceId, settings: readingSettings(get().reading) }),
      );
      if (request !== latestPreview) return;
      if (!result.ok) {
        set({ previewStatus: 'error', previewError: result.error });
        return;
      }
      set({ previewStatus: 'ready', preview: result.data });
    }

    function schedulePreview(delay: number): void {
      if (previewTimer) clearTimeout(previewTimer);
      latestPreview++; // whatever is on its way is already out of date
      set({ previewStatus: 'loading' });
      previewTimer = setTimeout(() => {
        previewTimer = null;
        void loadPreview();
      }, delay);
    }

    /** Forgets the file shown and starts reading a new one; returns the number of this staging. */
    function beginFile(): number {
      releaseFile();
      const request = ++latestStage;
      latestPreview++;
      set({
        staging: true,
        stageError: null,
        file: null,
        preview: null,
        previewStatus: 'idle',
        previewError: null,
        startError: null,
        // A new file is read afresh: its own encoding, delimiter and columns.
        reading: { ...initialReading(get().reading.country), duplicates: get().reading.duplicates },
      });
      return request;
    }

    /** Shows what staging gave (the file and its preview, or why it cannot be read), if still wanted. */
    async function adopt(request: number, staged: IpcResult<StagedFile>): Promise<void> {
      if (request !== latestStage) return;
      if (!staged.ok) {
        set({ staging: false, stageError: staged.error });
        return;
      }
      set({ staging: false, file: staged.data });
      await loadPreview();
    }

    return {
      file: null,
      staging: false,
      stageError: null,
      reading: initialReading(null),
      previewStatus: 'idle',
      preview: null,
      previewError: null,
      launch: initialLaunch(),
      launchErrors: {},
      starting: false,
      startError: null,
      exporting: false,
      exportError: null,

      async chooseFile(file) {
        const request = beginFile();
        await adopt(request, await settle(() => reading.stage(file)));
      },

      adoptStaged: (staged) => adopt(beginFile(), staged),

      setReading(patch) {
        set({ reading: { ...get().reading, ...patch } });
        // A typed number of days settles before it is read; a choice in a list is read at once.
        schedulePreview('windowDays' in patch ? PREVIEW_DELAY_MS : 0);
      },

      mapColumn(index, target) {
        const current = get().reading.mapping ?? get().preview?.layout?.mapping ?? [];
        const mapping = current.map((t, i) => (i === index ? target : t));
        get().setReading({ mapping });
      },

      setLaunch(patch) {
        const launchErrors = withoutKeys(get().launchErrors, Object.keys(patch));
        set({ launch: { ...get().launch, ...patch }, launchErrors, startError: null });
      },

      async start(now, timeZone) {
        const { file, launch, preview, starting } = get();
        if (starting || !file || !preview) return null;
        const errors: Partial<Record<LaunchField, string>> = {};
        if (!launch.agentHandle) errors.agentHandle = 'Choose the agent that makes the calls.';
        if (!launch.spaceToken) errors.spaceToken = 'Choose the space the calls go into.';
        if (!launch.context.trim()) errors.context = 'Write what the calls are about (the shared context).';
        const schedule = checkSchedule(launch.schedule, now, timeZone);
        if (!schedule.ok) errors.schedule = schedule.message;
        set({ launchErrors: errors });
        if (Object.keys(errors).length > 0 || !schedule.ok) return null;

        set({ starting: true, startError: null });
        const result = await settle(() =>
          api.imports.start({
            sourceId: file.sourceId,
            reading: readingSettings(get().reading),
            launch: {
              agentHandle: launch.agentHandle,
              spaceToken: launch.spaceToken,
              context: launch.context.trim(),
              schedule: schedule.schedule,
            },
          }),
        );
        set({ starting: false });
        if (!result.ok) {
          // A refused agent or time is said beside its field; anything else above the button.
          const { byField } = fieldErrors(result.error);
          const launchErrors = Object.fromEntries(
            Object.entries(byField).filter(([field]) => launchFields.includes(field as LaunchField)),
          ) as Partial<Record<LaunchField, string>>;
          if (Object.keys(launchErrors).length > 0) set({ launchErrors });
          else set({ startError: result.error });
          return null;
        }
        options.onStarted(result.data);
        get().clear();
        return result.data;
      },

      async exportProblems() {
        const file = get().file;
        if (!file || get().exporting) return null;
        set({ exporting: true, exportError: null });
        const result = await settle(() =>
          reading.exportProblems({ sourceId: file.sourceId, settings: readingSettings(get().reading) }),
        );
        set({ exporting: false, exportError: result.ok ? null : result.error });
        return result.ok ? result.data : null;
      },

      clear() {
        releaseFile();
        latestStage++;
        latestPreview++;
        if (previewTimer) clearTimeout(previewTimer);
        set({
          file: null,
          staging: false,
          stageError: null,
          preview: null,
          previewStatus: 'idle',
          previewError: null,
          reading: { ...initialReading(get().reading.country), duplicates: get().reading.duplicates },
          launch: { ...get().launch, context: '', schedule: { kind: 'now' } },
          launchErrors: {},
          startError: null,
          exportError: null,
        });
      },

      reset() {
        get().clear();
        set({ launch: initialLaunch(), launchErrors: {}, starting: false });
      },
    };
  });
}
