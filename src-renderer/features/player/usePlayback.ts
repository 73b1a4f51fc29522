// One task's recording as the player and the transcript share it: the app's own <audio> element
// (main serves it with byte ranges from the recordings cache, so seeking works and a downloaded
// recording plays offline), where it stands on this computer, and its waveform peaks.
// The recording is opened (downloaded when needed) on the first play or seek, or at once when it
// is already on this computer, so its waveform and length show before playing.
import { useCallback, useEffect, useState } from 'react';
import type { IpcError } from '../../../src-main/ipc/contract.ts';
import type {
  OpenedRecording,
  RecordingPeaks,
  RecordingState,
} from '../../../src-main/ipc/contract-recordings.ts';
import { settle } from '../../lib/ipc.ts';
import { useConnectionStore } from '../../stores/context.ts';
import { MediaControl } from './mediaControl.ts';
import { stepSpeed } from './playerKeys.ts';

export type PlayerStatus =
  /** Asking main whether the recording is on this computer. */
  | 'checking'
  /** Not opened yet (not downloaded, or not asked to play). */
  | 'idle'
  /** Downloading (or opening) the recording. */
  | 'opening'
  | 'ready'
  /** Not on this computer and no connection: it cannot be played now. */
  | 'not-offline'
  | 'error';

export interface Playback {
  taskId: string;
  status: PlayerStatus;
  error: IpcError | null;
  /** What main knows of the file on this computer (null until asked). */
  stored: RecordingState | null;
  opened: OpenedRecording | null;
  peaks: RecordingPeaks | null;
  downloaded: { bytes: number; total: number | null } | null;
  duration: number;
  time: number;
  playing: boolean;
  rate: number;
  volume: number;
  muted: boolean;
  toggle(): void;
  seekTo(seconds: number): void;
  seekBy(seconds: number): void;
  setRate(rate: number): void;
  stepRate(step: 1 | -1): void;
  setVolume(volume: number): void;
  toggleMute(): void;
  retry(): void;
  /** "Keep offline": never removed to make room (pinning downloads it first). */
  setPinned(pinned: boolean): Promise<IpcError | null>;
}

const mediaErrorText: Record<number, string> = {
  1: 'Playing was stopped.',
  2: 'The recording could not be read from this computer.',
  3: 'The recording is damaged or in a format this app cannot play.',
  4: 'The recording is in a format this app cannot play.',
};

export function usePlayback(
  taskId: string,
  knownDuration: number | null,
): { playback: Playback; attachAudio: (element: HTMLAudioElement | null) => void } {
  const [control] = useState(() => new MediaControl());
  const [audioElement, setAudioElement] = useState<HTMLAudioElement | null>(null);
  const attachAudio = useCallback(
    (element: HTMLAudioElement | null) => {
      control.attach(element);
      setAudioElement(element);
    },
    [control],
  );
  const offline = useConnectionStore((s) => s.connection?.state === 'offline');
  const [status, setStatus] = useState<PlayerStatus>('checking');
  const [error, setError] = useState<IpcError | null>(null);
  const [stored, setStored] = useState<RecordingState | null>(null);
  const [opened, setOpened] = useState<OpenedRecording | null>(null);
  const [peaks, setPeaks] = useState<RecordingPeaks | null>(null);
  const [downloaded, setDownloaded] = useState<Playback['downloaded']>(null);
  const [mediaDuration, setMediaDuration] = useState<number | null>(null);
  const [time, setTime] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [rate, setRateState] = useState(1);
  const [volume, setVolumeState] = useState(1);
  const [muted, setMuted] = useState(false);
  const [checkStamp, setCheckStamp] = useState(0);

  useEffect(() => {
    control.setLive(true);
    return () => {
      control.setLive(false);
    };
  }, [control]);

  const loadPeaks = useCallback(() => {
    void settle(() => window.unpod.recordings.peaks({ taskId })).then((result) => {
      // Without peaks the player still plays and seeks; the waveform just stays empty.
      if (control.live && result.ok) setPeaks(result.data);
    });
  }, [taskId, control]);

  const ensureOpen = useCallback((): Promise<HTMLAudioElement | null> => {
    if (control.opening) return control.opening;
    setStatus('opening');
    setError(null);
    const opening = settle(() => window.unpod.recordings.open({ taskId })).then((result) => {
      if (!control.live) return null;
      if (!result.ok) {
        control.setOpening(null);
        if (result.error.code === 'not_available_offline') setStatus('not-offline');
        else {
          setError(result.error);
          setStatus('error');
        }
        return null;
      }
      const audio = control.load(result.data.url);
      setOpened(result.data);
      setStored(result.data);
      setStatus('ready');
      loadPeaks();
      return audio;
    });
    control.setOpening(opening);
    return opening;
  }, [taskId, loadPeaks, control]);

  // Where the recording stands on this computer; asked again when recordings arrive or leave.
  useEffect(() => {
    let current = true;
    void settle(() => window.unpod.recordings.state({ taskId })).then((result) => {
      if (!current || !control.live) return;
      if (!result.ok) {
        setStatus((s) => (s === 'checking' ? 'idle' : s));
        return;
      }
      setStored(result.data);
      if (result.data.offline) {
        if (!control.opening) void ensureOpen();
      } else setStatus((s) => (s === 'checking' ? 'idle' : s));
    });
    return () => {
      current = false;
    };
  }, [taskId, ensureOpen, checkStamp, control]);

  useEffect(
    () =>
      window.unpod.on('recordings.changed', ({ taskIds }) => {
        if (taskIds === null || taskIds.includes(taskId)) setCheckStamp((n) => n + 1);
      }),
    [taskId],
  );

  useEffect(
    () =>
      window.unpod.on('recordings.downloadProgress', (p) => {
        if (p.taskId === taskId) setDownloaded({ bytes: p.bytes, total: p.total });
      }),
    [taskId],
  );

  // The <audio> element's own events are the truth for the controls.
  useEffect(() => {
    const audio = audioElement;
    if (!audio) return;
    let frame = 0;
    const tick = () => {
      setTime(audio.currentTime);
      frame = requestAnimationFrame(tick);
    };
    const onPlay = () => {
      setPlaying(true);
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(tick);
    };
    const onPause = () => {
      setPlaying(false);
      cancelAnimationFrame(frame);
      setTime(audio.currentTime);
    };
    const onTime = () => setTime(audio.currentTime);
    const onDuration = () => setMediaDuration(Number.isFinite(audio.duration) ? audio.duration : null);
    const onVolume = () => {
      setVolumeState(audio.volume);
      setMuted(audio.muted);
    };
    const onRate = () => setRateState(audio.playbackRate);
    const onError = () => {
      if (!audio.error) return;
      setError({
        code: 'internal',
        message: mediaErrorText[audio.error.code] ?? 'The recording could not be played.',
      });
      setStatus('error');
      control.setOpening(null);
    };
    const listeners: [string, () => void][] = [
      ['play', onPlay],
      ['pause', onPause],
      ['ended', onPause],
      ['timeupdate', onTime],
      ['seeked', onTime],
      ['durationchange', onDuration],
      ['loadedmetadata', onDuration],
      ['volumechange', onVolume],
      ['ratechange', onRate],
      ['error', onError],
    ];
    for (const [name, fn] of listeners) audio.addEventListener(name, fn);
    return () => {
      cancelAnimationFrame(frame);
      for (const [name, fn] of listeners) audio.removeEventListener(name, fn);
    };
  }, [audioElement, control]);

  const duration = mediaDuration ?? opened?.durationSeconds ?? peaks?.durationSeconds ?? knownDuration ?? 0;

  const seekTo = useCallback(
    (seconds: number) => {
      void ensureOpen().then((audio) => {
        if (!audio) return;
        const to = control.seek(seconds, duration);
        if (to !== null) setTime(to);
      });
    },
    [ensureOpen, duration, control],
  );

  const toggle = useCallback(() => {
    void ensureOpen().then((audio) => {
      if (audio) control.toggle();
    });
  }, [ensureOpen, control]);

  const setRate = useCallback(
    (next: number) => {
      control.setRate(next);
      setRateState(next);
    },
    [control],
  );

  const retry = useCallback(() => {
    control.setOpening(null);
    setError(null);
    void ensureOpen();
  }, [ensureOpen, control]);

  // Offline and not on this computer: say so up front instead of failing on Play; back online,
  // Play may download it again.
  const shownStatus: PlayerStatus =
    offline && stored !== null && !stored.offline && (status === 'idle' || status === 'checking')
      ? 'not-offline'
      : !offline && status === 'not-offline'
        ? 'idle'
        : status;

  const playback: Playback = {
    taskId,
    status: shownStatus,
    error,
    stored,
    opened,
    peaks,
    downloaded,
    duration,
    time,
    playing,
    rate,
    volume,
    muted,
    toggle,
    seekTo,
    seekBy: (seconds) => seekTo(control.position() + seconds),
    setRate,
    stepRate: (step) => setRate(stepSpeed(rate, step)),
    setVolume: (next) => control.setVolume(next),
    toggleMute: () => control.toggleMute(),
    retry,
    setPinned: async (pinned) => {
      const result = await settle(() => window.unpod.recordings.setPinned({ taskId, pinned }));
      if (!result.ok) return result.error;
      if (control.live) setStored(result.data);
      return null;
    },
  };
  return { playback, attachAudio };
}
