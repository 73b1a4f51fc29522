// The app's <audio> element behind a small object, so the player's callbacks change the element
// (rate, volume, position) without React refs in what the playback hook hands to components.
// It also holds the one open request, so a Play and a seek pressed together open it once.

export class MediaControl {
  element: HTMLAudioElement | null = null;
  opening: Promise<HTMLAudioElement | null> | null = null;
  /** False once the task's detail is gone: late answers are dropped. */
  live = true;

  setLive(live: boolean): void {
    this.live = live;
  }

  /** The open request under way or done (null: not opened, or it failed and may be tried again). */
  setOpening(opening: Promise<HTMLAudioElement | null> | null): void {
    this.opening = opening;
  }

  attach(element: HTMLAudioElement | null): void {
    this.element = element;
  }

  load(url: string): HTMLAudioElement | null {
    const audio = this.element;
    if (!audio) return null;
    audio.preservesPitch = true;
    audio.src = url;
    return audio;
  }

  seek(seconds: number, fallbackDuration: number): number | null {
    const audio = this.element;
    if (!audio) return null;
    const end = Number.isFinite(audio.duration) ? audio.duration : fallbackDuration;
    const to = Math.min(Math.max(seconds, 0), end > 0 ? end : Math.max(seconds, 0));
    audio.currentTime = to;
    return to;
  }

  position(): number {
    return this.element?.currentTime ?? 0;
  }

  toggle(): void {
    const audio = this.element;
    if (!audio) return;
    if (audio.paused) {
      // A pause before playback began rejects the promise; a real failure fires `error`.
      void audio.play().catch(() => undefined);
    } else audio.pause();
  }

  setRate(rate: number): void {
    const audio = this.element;
    if (!audio) return;
    audio.preservesPitch = true;
    audio.playbackRate = rate;
    // A new source resets the rate to the default: the default keeps the user's choice.
    audio.defaultPlaybackRate = rate;
  }

  setVolume(volume: number): void {
    const audio = this.element;
    if (!audio) return;
    audio.volume = Math.min(Math.max(volume, 0), 1);
    if (audio.volume > 0) audio.muted = false;
  }

  toggleMute(): void {
    const audio = this.element;
    if (audio) audio.muted = !audio.muted;
  }
}
