// The waveform, drawn from main's precomputed peaks on a canvas of our own. wavesurfer.js (in
// package.json) was not used: it renders into a shadow root with an injected <style> element,
// which the page's Content-Security-Policy (style-src 'self', no nonce) refuses; a canvas needs
// no styles injected and no second copy of the audio. One lane per channel (a two-channel
// recording: the agent on the left channel, the customer on the right). Click or drag seeks; the
// Seek slider is the keyboard's and screen readers' way to do the same, so this is hidden from them.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import type { RecordingPeaks } from '../../../src-main/ipc/contract-recordings.ts';
import { fitLane, laneNames, timeAtX, waveformGain } from './waveform.ts';

const LANE_HEIGHT = 44;
const LANE_GAP = 6;

function cssColor(element: Element, name: string, fallback: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim() || fallback;
}

export function Waveform({
  peaks,
  duration,
  time,
  onSeek,
}: {
  peaks: RecordingPeaks;
  duration: number;
  time: number;
  onSeek(seconds: number): void;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const dragging = useRef(false);
  const names = laneNames(peaks.lanes.length);
  const height = peaks.lanes.length * LANE_HEIGHT + (peaks.lanes.length - 1) * LANE_GAP;

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const observer = new ResizeObserver(() => setWidth(Math.floor(canvas.clientWidth)));
    observer.observe(canvas);
    setWidth(Math.floor(canvas.clientWidth));
    return () => observer.disconnect();
  }, []);

  // Fitting the peaks to the width is the costly part (a 30-minute call has 90,000 per lane):
  // done when the width or the peaks change, not on every frame of playback.
  const lanes = useMemo(() => peaks.lanes.map((lane) => fitLane(lane, width)), [peaks, width]);
  const gain = useMemo(() => waveformGain(peaks.lanes), [peaks]);

  const total = duration > 0 ? duration : peaks.durationSeconds;
  const playedX = total > 0 ? Math.round((Math.min(time, total) / total) * width) : 0;

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || width === 0) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const played = cssColor(canvas, '--color-primary', '#1d4fd8');
    const rest = cssColor(canvas, '--color-border-strong', '#9aa5b4');
    lanes.forEach((lane, index) => {
      const top = index * (LANE_HEIGHT + LANE_GAP);
      const middle = top + LANE_HEIGHT / 2;
      const half = LANE_HEIGHT / 2 - 1;
      for (let x = 0; x < width; x++) {
        const lo = Math.max(-1, (lane.min[x] ?? 0) * gain);
        const hi = Math.min(1, (lane.max[x] ?? 0) * gain);
        const y1 = middle - hi * half;
        const h = Math.max(1, (hi - lo) * half);
        ctx.fillStyle = x < playedX ? played : rest;
        ctx.fillRect(x, y1, 1, h);
      }
    });
    ctx.fillStyle = cssColor(canvas, '--color-text', '#17202b');
    ctx.fillRect(Math.min(playedX, width - 1), 0, 1, height);
  }, [lanes, gain, width, height, playedX]);

  function seekAt(event: PointerEvent<HTMLCanvasElement>) {
    const rect = event.currentTarget.getBoundingClientRect();
    onSeek(timeAtX(event.clientX - rect.left, rect.width, total));
  }

  return (
    <div className="waveform" aria-hidden="true">
      <div className="waveform__names">
        {names.map((name) => (
          <span key={name} className="waveform__name">
            {name}
          </span>
        ))}
      </div>
      <canvas
        ref={canvasRef}
        className={`waveform__canvas waveform__canvas--lanes-${peaks.lanes.length}`}
        height={height}
        data-testid="waveform"
        onPointerDown={(event) => {
          if (event.button !== 0) return;
          dragging.current = true;
          event.currentTarget.setPointerCapture(event.pointerId);
          seekAt(event);
        }}
        onPointerMove={(event) => {
          if (dragging.current) seekAt(event);
        }}
        onPointerUp={() => {
          dragging.current = false;
        }}
        onPointerCancel={() => {
          dragging.current = false;
        }}
      />
    </div>
  );
}
