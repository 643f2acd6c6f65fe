// Canvas sizing: plotters-canvas draws in backing-store pixels, so the store is sized at
// devicePixelRatio and the chart is told the ratio; otherwise charts are blurry on HiDPI screens.

/** Sizes `canvas`'s backing store to its CSS box at device resolution; returns the ratio. */
export function fitCanvas(canvas) {
  const scale = window.devicePixelRatio || 1;
  const { width, height } = canvas.getBoundingClientRect();
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  return scale;
}
