// Is a WebM playable? Loads it into a <video> in Chromium (a blank page of the browser given),
// waits for its metadata, seeks to the middle and draws that frame into a canvas. Shared by
// the export's e2e test and the `render --video` CLI test.
import type { Browser } from 'puppeteer-core';

export interface PlayedVideo {
  width: number;
  height: number;
  /** What the element reports: Infinity for a WebM without a Duration element. */
  duration: number;
  /** Distinct colours and luminance spread of the middle frame, sampled on a grid. */
  distinctColors: number;
  lumaRange: number;
}

export async function playInBrowser(browser: Browser, bytes: Uint8Array): Promise<PlayedVideo> {
  const page = await browser.newPage();
  try {
    await page.goto('about:blank');
    return await page.evaluate(async (b64: string) => {
      const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const video = document.createElement('video');
      video.muted = true;
      video.src = URL.createObjectURL(new Blob([raw], { type: 'video/webm' }));
      document.body.append(video);
      const once = (name: string): Promise<void> =>
        new Promise((resolve, reject) => {
          video.addEventListener(name, () => resolve(), { once: true });
          video.addEventListener('error', () => reject(new Error(`video error ${video.error?.code}: ${video.error?.message}`)), {
            once: true,
          });
        });
      await once('loadedmetadata');
      const duration = video.duration;
      const seeked = once('seeked');
      video.currentTime = (Number.isFinite(duration) ? duration : 1) / 2;
      await seeked;
      const canvas = document.createElement('canvas');
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      let colors = new Set<number>();
      let lo = 255;
      let hi = 0;
      // 'seeked' can come before the decoded frame is there to draw (a loaded machine): a few looks.
      for (let look = 0; look < 30 && hi - lo <= 0; look++) {
        if (look > 0) await new Promise((r) => setTimeout(r, 100));
        ctx.drawImage(video, 0, 0);
        const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        colors = new Set<number>();
        lo = 255;
        hi = 0;
        for (let y = 0; y < 48; y++) {
          for (let x = 0; x < 64; x++) {
            const i = (Math.floor(((y + 0.5) * canvas.height) / 48) * canvas.width + Math.floor(((x + 0.5) * canvas.width) / 64)) * 4;
            colors.add((px[i]! << 16) | (px[i + 1]! << 8) | px[i + 2]!);
            const luma = 0.299 * px[i]! + 0.587 * px[i + 1]! + 0.114 * px[i + 2]!;
            lo = Math.min(lo, luma);
            hi = Math.max(hi, luma);
          }
        }
      }
      return { width: video.videoWidth, height: video.videoHeight, duration, distinctColors: colors.size, lumaRange: Math.round(hi - lo) };
    }, Buffer.from(bytes).toString('base64'));
  } finally {
    await page.close();
  }
}
