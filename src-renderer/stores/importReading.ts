// What the Import page needs from the file-reading side (staging a file, the preview, the export
// of problem rows), in one narrow interface, so the page does not care which host it runs in:
// in Electron the preload turns a File into a path, in the web host the page uploads it.
import type { IpcResult, UnpodApi } from '../../src-main/ipc/contract.ts';
import type {
  ImportPreview,
  ImportPreviewSettings,
  ProblemExport,
  StagedFile,
} from '../../src-main/ipc/contract-import-files.ts';

export type { ImportPreview, ProblemExport, StagedFile };
export type ReadingSettingsInput = ImportPreviewSettings;

export interface ReadingPort {
  stage(file: File): Promise<IpcResult<StagedFile>>;
  preview(input: { sourceId: string; settings: ReadingSettingsInput }): Promise<IpcResult<ImportPreview>>;
  exportProblems(input: {
    sourceId: string;
    settings: ReadingSettingsInput;
  }): Promise<IpcResult<ProblemExport>>;
  /** Main may remove its copy of the file (the web host's upload); the page is done with it. */
  release(input: { sourceId: string }): Promise<IpcResult<null>>;
}

/** The host's way to hand a File to main (Electron: its path; the web host: an upload). */
export type StageFile = (file: File) => Promise<IpcResult<StagedFile>>;

/**
 * What both preloads define as `window.unpodFiles`: staging a File, and exporting the problem rows
 * (Electron: main's save dialog; the web host: main writes it and the page downloads it).
 */
export interface FileBridge {
  stage: StageFile;
  exportProblems: ReadingPort['exportProblems'];
}

const noFileBridge: IpcResult<never> = {
  ok: false,
  error: { code: 'internal', message: 'This window cannot hand files to Unpod Desk. Restart the app.' },
};

/** The reading port over the API's channels and the host's file bridge (null: none, as in unit tests). */
export function createReadingPort(api: Pick<UnpodApi, 'imports'>, files: FileBridge | null): ReadingPort {
  return {
    stage: (file) => (files ? files.stage(file) : Promise.resolve(noFileBridge)),
    preview: (input) => api.imports.preview(input),
    exportProblems: (input) => (files ? files.exportProblems(input) : api.imports.exportProblems(input)),
    release: (input) => api.imports.release(input),
  };
}
