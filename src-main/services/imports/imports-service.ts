// Front of the lead-file side of the import: staging files, the preview, the export of rows with
// problems, and readCheckedLeads bound to the open space's cached calls (for the journal). The
// reading itself runs in the read worker (imports/read/); this holds only summaries.
import { rm } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { CheckedLead } from '../../imports/checked-lead.ts';
import {
  getSource,
  LeadFileProblem,
  readCheckedLeads,
  UnknownSourceError,
  type FileLayout,
  type FileProblem,
  type ReadOptions,
  type ReadSettings,
} from '../../imports/read/index.ts';
import { cellKeysFor } from '../../imports/read/lead-check.ts';
import { isSupportedCountryCode } from '../../imports/read/phone-check.ts';
import type {
  ImportPreview,
  ImportPreviewSettings,
  ProblemExport,
  StagedFile,
} from '../../ipc/contract-import-files.ts';
import { importPreviewSettingsSchema } from '../../ipc/contract-import-files.ts';
import { AppError } from '../../ipc/errors.ts';
import type { Logger } from '../../log/index.ts';
import type { StoreClient } from '../../store/worker/store-client.ts';
import type { WorkspaceService } from '../workspace.ts';
import { readProfileCountry, systemCountry, writeProfileCountry } from './default-country.ts';
import { createPreviewTally, type PreviewSummary } from './preview.ts';
import { createProblemCsvWriter } from './problem-export.ts';
import { createStaging, type Staging } from './staging.ts';

/** The host's save dialog (Electron): the path the user chose, or null when they cancelled. */
export type SaveFileDialog = (suggestedName: string) => Promise<string | null>;

export interface ImportsServiceOptions {
  dataDir: string;
  workspace: Pick<WorkspaceService, 'activeSession'>;
  /** The open session's task cache (for calls already placed), or null. */
  currentCache: () => Pick<StoreClient, 'tasks'> | null;
  logger: Logger;
  /** Electron's save dialog; without it (the web host) exports are offered as a download. */
  saveFile?: SaveFileDialog;
  /** Tests: a smaller upload limit. */
  uploadLimit?: number;
}

export interface ImportsService {
  stagePath(path: string): Promise<StagedFile>;
  stageUpload(body: Readable, name: string, declaredSize: number | null): Promise<StagedFile>;
  preview(input: {
    sourceId: string;
    settings: ImportPreviewSettings;
    problemsOffset: number;
    problemsLimit: number;
  }): Promise<ImportPreview>;
  exportProblems(input: { sourceId: string; settings: ImportPreviewSettings }): Promise<ProblemExport>;
  /** The export behind a download address, once (the web host streams it, then removes it). */
  takeDownload(token: string): { path: string; fileName: string } | null;
  release(sourceId: string): Promise<null>;
  /** For the journal: the file's checked leads, duplicates of the open space's recent calls marked. */
  readCheckedLeads(
    sourceId: string,
    settings: ReadSettings,
    options?: Pick<ReadOptions, 'signal' | 'onLayout'>,
  ): AsyncGenerator<CheckedLead[], void, undefined>;
  /** The country numbers without a + are read for: the profile's choice, else the system's. */
  defaultCountry(): Promise<{ country: string; source: 'profile' | 'system' }>;
  close(): Promise<void>;
}

export const DOWNLOAD_PATH = '/imports/download/';

export const NOT_LOADED_NOTICE =
  'Not compared with calls already placed in this space: its task list has not been loaded yet. Open Tasks once, then check the file again.';
export const CACHE_FAILED_NOTICE =
  'Not compared with calls already placed in this space: the saved task list could not be read.';

export function createImportsService(options: ImportsServiceOptions): ImportsService {
  const staging: Staging = createStaging({
    dataDir: options.dataDir,
    ...(options.uploadLimit ? { uploadLimit: options.uploadLimit } : {}),
  });
  // What a crash left in the staging folder goes first, before any file is staged there.
  const ready = staging
    .reset()
    .catch((error: unknown) => options.logger.warn('could not empty the import staging folder', { error }));
  const running = new Map<string, AbortController>();
  let cached: { key: string; source: StagedFile; summary: PreviewSummary } | null = null;
  const downloads = new Map<string, { path: string; fileName: string }>();

  const settingsDir = () => {
    const session = options.workspace.activeSession();
    if (!session) return null;
    return session.dataDir ?? join(options.dataDir, 'demo');
  };

  async function defaultCountry(): Promise<{ country: string; source: 'profile' | 'system' }> {
    const dir = settingsDir();
    const saved = dir === null ? null : await readProfileCountry(dir);
    return saved ? { country: saved, source: 'profile' } : { country: systemCountry(), source: 'system' };
  }

  function requireSource(sourceId: string): StagedFile {
    const source = getSource(sourceId);
    if (!source)
      throw new AppError('not_found', 'This file is no longer available: drop or choose it again.');
    return { sourceId, name: source.name, size: source.size };
  }

  /**
   * The open space's recent calls from the task cache. `unchecked` says why a read could not
   * compare with them (no space, no cache opened yet, or the cache failed): the preview says so.
   */
  function recentCalls(): { lookup?: ReadOptions['recentCalls']; unchecked: () => string | null } {
    const space = options.workspace.activeSession()?.spaceToken ?? null;
    const cache = options.currentCache();
    if (space === null) return { unchecked: () => null };
    if (cache === null) return { unchecked: () => NOT_LOADED_NOTICE };
    let failed = false;
    return {
      lookup: async (since) => {
        try {
          return await cache.tasks.recentCalls(space, since);
        } catch (error) {
          options.logger.warn('could not read recent calls for import duplicates', { error });
          failed = true;
          return [];
        }
      },
      unchecked: () => (failed ? CACHE_FAILED_NOTICE : null),
    };
  }

  function boundRead(
    sourceId: string,
    settings: ReadSettings,
    extra: Pick<ReadOptions, 'signal' | 'onLayout'> = {},
    calls = recentCalls(),
  ): AsyncGenerator<CheckedLead[], void, undefined> {
    return readCheckedLeads(sourceId, settings, {
      ...extra,
      ...(calls.lookup ? { recentCalls: calls.lookup } : {}),
    });
  }

  /** Reads the whole file, handing each batch to `each`; a problem of the file ends it (returned). */
  async function readAll(
    sourceId: string,
    settings: ReadSettings,
    each: (batch: CheckedLead[]) => void | Promise<void>,
    signal?: AbortSignal,
  ): Promise<{ layout: FileLayout | null; notices: string[]; problem: FileProblem | null }> {
    let layout: FileLayout | null = null;
    let notices: string[] = [];
    const calls = recentCalls();
    const withCallNotice = () => {
      const unchecked = settings.windowDays === 0 ? null : calls.unchecked();
      return unchecked === null ? notices : [...notices, unchecked];
    };
    try {
      for await (const batch of boundRead(
        sourceId,
        settings,
        {
          ...(signal ? { signal } : {}),
          onLayout: (l, n) => {
            layout = l;
            notices = n;
          },
        },
        calls,
      )) {
        await each(batch);
      }
      return { layout, notices: withCallNotice(), problem: null };
    } catch (error) {
      if (error instanceof LeadFileProblem)
        return { layout, notices: withCallNotice(), problem: error.problem };
      if (error instanceof UnknownSourceError) throw new AppError('not_found', error.message);
      if (error instanceof DOMException && error.name === 'AbortError') {
        throw new AppError('cancelled', 'A newer preview of this file replaced this one.');
      }
      throw error;
    }
  }

  async function countryFor(settings: ImportPreviewSettings) {
    if (settings.country) {
      const dir = settingsDir();
      if (dir !== null && isSupportedCountryCode(settings.country)) {
        await writeProfileCountry(dir, settings.country).catch((error: unknown) =>
          options.logger.warn('could not remember the import country', { error }),
        );
      }
      return { country: settings.country, source: 'user' as const };
    }
    return defaultCountry();
  }

  return {
    stagePath: (path) => ready.then(() => staging.stagePath(path)),
    stageUpload: (body, name, size) => ready.then(() => staging.stageUpload(body, name, size)),

    async preview({ sourceId, settings: given, problemsOffset, problemsLimit }) {
      const source = requireSource(sourceId);
      const settings = importPreviewSettingsSchema.parse(given);
      const { country, source: countrySource } = await countryFor(settings);
      const readSettings: ReadSettings = {
        country,
        windowDays: settings.windowDays,
        ...(settings.encoding ? { encoding: settings.encoding } : {}),
        ...(settings.delimiter ? { delimiter: settings.delimiter } : {}),
        ...(settings.mapping ? { mapping: settings.mapping } : {}),
      };
      // Whether the task cache is open changes the duplicates found, so it is part of the key.
      const key = JSON.stringify([
        sourceId,
        readSettings,
        settings.duplicates,
        options.currentCache() !== null,
      ]);
      let summary: PreviewSummary;
      if (cached?.key === key) summary = cached.summary;
      else {
        running.get(sourceId)?.abort();
        const controller = new AbortController();
        running.set(sourceId, controller);
        try {
          const tally = createPreviewTally(settings.duplicates);
          const read = await readAll(sourceId, readSettings, (batch) => tally.add(batch), controller.signal);
          summary = tally.summary(read.layout, read.notices, read.problem);
        } finally {
          if (running.get(sourceId) === controller) running.delete(sourceId);
        }
        cached = { key, source, summary };
      }
      return {
        source,
        country,
        countrySource,
        layout: summary.layout,
        notices: summary.notices,
        problem: summary.problem,
        counts: summary.counts,
        firstRows: summary.firstRows,
        duplicateRows: summary.duplicateRows,
        problems: {
          total: summary.counts.withProblems,
          offset: problemsOffset,
          items: summary.problemRows.slice(problemsOffset, problemsOffset + problemsLimit),
          truncated: summary.truncated,
        },
      };
    },

    async exportProblems({ sourceId, settings: given }) {
      const source = requireSource(sourceId);
      const settings = importPreviewSettingsSchema.parse(given);
      const { country } = await countryFor(settings);
      const stem = basename(source.name, extname(source.name)) || 'leads';
      const fileName = `${stem} - rows with problems.csv`;
      let target: string;
      if (options.saveFile) {
        const chosen = await options.saveFile(fileName);
        if (chosen === null) return { rows: 0, fileName, savedTo: null, downloadUrl: null };
        target = chosen;
      } else target = await ready.then(() => staging.temporaryPath('.csv'));
      let writer: ReturnType<typeof createProblemCsvWriter> | null = null;
      const readSettings: ReadSettings = {
        country,
        windowDays: 0,
        ...(settings.encoding ? { encoding: settings.encoding } : {}),
        ...(settings.delimiter ? { delimiter: settings.delimiter } : {}),
        ...(settings.mapping ? { mapping: settings.mapping } : {}),
      };
      try {
        let layout: FileLayout | null = null;
        const read = await readAll(
          sourceId,
          readSettings,
          async (batch) => {
            if (writer === null) {
              const columns = layout ? cellKeysFor(layout.headers) : Object.keys(batch[0]?.cells ?? {});
              writer = createProblemCsvWriter(target, columns);
            }
            await writer.add(batch);
          },
          undefined,
        );
        layout = read.layout;
        if (writer === null) {
          if (read.problem && read.layout === null) throw new AppError('bad_request', read.problem.message);
          writer = createProblemCsvWriter(target, read.layout ? cellKeysFor(read.layout.headers) : []);
        }
        const done: ReturnType<typeof createProblemCsvWriter> = writer;
        await done.close();
        if (options.saveFile) return { rows: done.rows, fileName, savedTo: target, downloadUrl: null };
        const token = basename(target, '.csv');
        downloads.set(token, { path: target, fileName });
        return { rows: done.rows, fileName, savedTo: null, downloadUrl: `${DOWNLOAD_PATH}${token}` };
      } catch (error) {
        (writer as ReturnType<typeof createProblemCsvWriter> | null)?.destroy();
        await rm(target, { force: true });
        throw error;
      }
    },

    takeDownload(token) {
      const entry = downloads.get(token) ?? null;
      downloads.delete(token);
      return entry;
    },

    async release(sourceId) {
      running.get(sourceId)?.abort();
      if (cached?.source.sourceId === sourceId) cached = null;
      await staging.release(sourceId);
      return null;
    },

    readCheckedLeads: (sourceId, settings, extra) => boundRead(sourceId, settings, extra),
    defaultCountry,

    async close() {
      await ready;
      for (const controller of running.values()) controller.abort();
      running.clear();
      cached = null;
      downloads.clear();
      await staging.close();
    },
  };
}
