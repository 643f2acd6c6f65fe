//! "Word cloud" of the cleaned ticket text: the most frequent words, font size growing with
//! frequency, laid out deterministically on a spiral from the centre with boxes measured by the
//! drawing backend itself, so no two words overlap and none leaves the area.

use std::collections::HashMap;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Frame, NO_DATA, chart_error, draw_note};
use crate::Result;

/// The chart's title.
pub const TITLE: &str = "Word cloud";

/// At most this many words are laid out: the most frequent ones.
pub const MAX_WORDS: usize = 100;

/// The note drawn when words exist but the area is too small for any of them.
pub const TOO_SMALL: &str = "Too small to show words";

/// Counts the whitespace-separated words of already-cleaned `texts` (for example the output of
/// [`crate::text::clean::preprocess`]), most frequent first, ties in alphabetical order.
pub fn word_counts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<(String, u64)> {
    let mut counts: HashMap<&str, u64> = HashMap::new();
    for text in texts {
        for word in text.split_whitespace() {
            *counts.entry(word).or_insert(0) += 1;
        }
    }
    let mut sorted: Vec<(String, u64)> = counts
        .into_iter()
        .map(|(w, c)| (w.to_string(), c))
        .collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    sorted
}

/// A word placed by [`layout`]: its text box, top-left corner `(x, y)` in the area's pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedWord {
    /// The word.
    pub word: String,
    /// How often it occurs.
    pub count: u64,
    /// Font size in device pixels.
    pub font_size: f64,
    /// Left edge of the box.
    pub x: i32,
    /// Top edge of the box.
    pub y: i32,
    /// Box width, as the backend measured the word at `font_size`.
    pub width: u32,
    /// Box height, likewise.
    pub height: u32,
}

/// The result of [`layout`]: the placed words, most frequent first, and how many of the words
/// considered found no room.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Placed words; no two boxes overlap and all lie inside the area.
    pub words: Vec<PlacedWord>,
    /// Words among the first [`MAX_WORDS`] that did not fit and were left out.
    pub skipped: usize,
}

/// Share of the area the words' boxes should cover, before the ones that do not fit drop out.
const FILL: f64 = 0.42;
/// The font size words are first measured at, to size the cloud.
const REFERENCE_FONT: f64 = 100.0;

/// Ratio between neighbouring font sizes: sizes are rounded down to the ladder `min_font · STEP^k`,
/// so a cloud uses about 25 distinct sizes instead of one per word. A browser instantiates a
/// font for each size it measures or draws, and that was 50-100 ms of the main thread for a
/// 100-word cloud in Chromium (CPU profile: `measureText`), over the page's 50 ms budget; with
/// the ladder a word's size is at most 10% below its exact value, never above (so the caps
/// hold).
const FONT_STEP: f64 = 1.1;

/// `size` rounded down to a rung of the [`FONT_STEP`] ladder from `min_font`.
fn font_rung(size: f64, min_font: f64) -> f64 {
    if !(size > min_font && min_font > 0.0) {
        return min_font;
    }
    // The epsilon keeps a size on a rung on it, whatever the logarithms' last bits.
    let k = ((size / min_font).ln() / FONT_STEP.ln() + 1e-9).floor();
    min_font * FONT_STEP.powf(k)
}

/// Lays out the (at most [`MAX_WORDS`]) most frequent of `words` (word, count) in an area of
/// `size` pixels. `measure(word, font size)` gives a word's box in pixels, as the backend that
/// draws it measures it.
///
/// Font size is proportional to the square root of the count (so a box's area grows with
/// the count), scaled so that the boxes would cover about 42% of the area, capped so the top
/// word takes at most 90% of the width and a third of the height, never below `min_font`, and
/// rounded down to a ladder of sizes 10% apart. Words are placed most frequent first, each at the first free spot along an
/// elliptical spiral from the centre, on a grid of cells about 1/200 of the area's longer side:
/// a box occupies every cell it touches plus a one-cell gap, so boxes never overlap. A word
/// with no free spot is skipped. Deterministic: the same inputs give the same layout.
pub fn layout<F>(
    words: &[(String, u64)],
    size: (u32, u32),
    min_font: f64,
    mut measure: F,
) -> Result<Layout>
where
    F: FnMut(&str, f64) -> Result<(u32, u32)>,
{
    let mut top: Vec<&(String, u64)> = words
        .iter()
        .filter(|(w, c)| *c > 0 && !w.is_empty())
        .collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    top.truncate(MAX_WORDS);
    let (width, height) = size;
    let max_count = top.first().map_or(1, |w| w.1).max(1) as f64;
    if top.is_empty() || width == 0 || height == 0 {
        return Ok(Layout {
            words: Vec::new(),
            skipped: top.len(),
        });
    }

    // Size the cloud from every word's box at the reference font size.
    let mut weighted_area = 0.0;
    let mut first_box = (0, 0);
    for (i, (word, count)) in top.iter().enumerate() {
        let (w, h) = measure(word, REFERENCE_FONT)?;
        if i == 0 {
            first_box = (w, h);
        }
        weighted_area += w as f64 * h as f64 * (*count as f64 / max_count);
    }
    let area = width as f64 * height as f64;
    let mut scale = if weighted_area > 0.0 {
        REFERENCE_FONT * (FILL * area / weighted_area).sqrt()
    } else {
        REFERENCE_FONT
    };
    if first_box.0 > 0 {
        scale = scale.min(REFERENCE_FONT * 0.9 * width as f64 / first_box.0 as f64);
    }
    if first_box.1 > 0 {
        scale = scale.min(REFERENCE_FONT * height as f64 / 3.0 / first_box.1 as f64);
    }

    let mut grid = Grid::new(width, height);
    let mut placed = Vec::new();
    let mut skipped = 0;
    for (word, count) in top {
        let font_size = font_rung(scale * (*count as f64 / max_count).sqrt(), min_font);
        let (w, h) = measure(word, font_size)?;
        match grid.place(w, h) {
            Some((x, y)) => placed.push(PlacedWord {
                word: word.clone(),
                count: *count,
                font_size,
                x,
                y,
                width: w,
                height: h,
            }),
            None => skipped += 1,
        }
    }
    Ok(Layout {
        words: placed,
        skipped,
    })
}

/// Occupancy of the area on a grid of square cells, with a summed-area table so a free-spot
/// test costs four lookups.
struct Grid {
    /// Area size in pixels.
    width: u32,
    height: u32,
    /// Cell side in pixels.
    cell: u32,
    /// Grid size in cells.
    cols: usize,
    rows: usize,
    /// Occupied cells, row-major.
    used: Vec<bool>,
    /// `sums[r * (cols + 1) + c]`: occupied cells in rows `..r` and columns `..c`.
    sums: Vec<u32>,
    /// Cells not yet occupied.
    free: usize,
    /// The spiral: cell offsets from the centre, nearest first, each once.
    spiral: Vec<(i32, i32)>,
    /// Box sizes in cells that found no room: a box at least as wide and as tall cannot either
    /// (the free space only shrinks).
    failed: Vec<(usize, usize)>,
}

impl Grid {
    fn new(width: u32, height: u32) -> Grid {
        let cell = width.max(height).div_ceil(200).max(1);
        let cols = width.div_ceil(cell) as usize;
        let rows = height.div_ceil(cell) as usize;
        Grid {
            width,
            height,
            cell,
            cols,
            rows,
            used: vec![false; cols * rows],
            sums: vec![0; (cols + 1) * (rows + 1)],
            free: cols * rows,
            spiral: spiral(cols, rows),
            failed: Vec::new(),
        }
    }

    /// Occupied cells in columns `c0..c1` and rows `r0..r1`.
    fn occupied(&self, c0: usize, r0: usize, c1: usize, r1: usize) -> u32 {
        let at = |r: usize, c: usize| self.sums.get(r * (self.cols + 1) + c).copied().unwrap_or(0);
        (at(r1, c1) + at(r0, c0))
            .wrapping_sub(at(r0, c1))
            .wrapping_sub(at(r1, c0))
    }

    /// Marks columns `c0..c1`, rows `r0..r1` used and rebuilds the summed-area table.
    fn mark(&mut self, c0: usize, r0: usize, c1: usize, r1: usize) {
        for r in r0..r1.min(self.rows) {
            for c in c0..c1.min(self.cols) {
                if let Some(u) = self.used.get_mut(r * self.cols + c)
                    && !*u
                {
                    *u = true;
                    self.free = self.free.saturating_sub(1);
                }
            }
        }
        let stride = self.cols + 1;
        for r in 0..self.rows {
            let mut row_sum = 0;
            for c in 0..self.cols {
                row_sum += u32::from(self.used.get(r * self.cols + c).copied().unwrap_or(false));
                let above = self.sums.get(r * stride + c + 1).copied().unwrap_or(0);
                if let Some(s) = self.sums.get_mut((r + 1) * stride + c + 1) {
                    *s = above + row_sum;
                }
            }
        }
    }

    /// Finds the first free spot along the spiral for a `w` × `h` pixel box, marks it used and
    /// returns its top-left pixel; `None` if there is none.
    fn place(&mut self, w: u32, h: u32) -> Option<(i32, i32)> {
        if w == 0 || h == 0 || w > self.width || h > self.height {
            return None;
        }
        let cell = self.cell;
        // Cells the box may touch at a cell-aligned position, plus a one-cell gap right and
        // below (so neighbours never touch); the gap may fall off the grid's edge.
        let box_cols = w.div_ceil(cell) as usize + 1;
        let box_rows = h.div_ceil(cell) as usize + 1;
        let size = (box_cols, box_rows);
        if (box_cols - 1) * (box_rows - 1) > self.free
            || self.failed.iter().any(|f| size.0 >= f.0 && size.1 >= f.1)
        {
            return None;
        }
        // Highest cell-aligned top-left that keeps the box inside the area.
        let max_col = ((self.width - w) / cell) as i64;
        let max_row = ((self.height - h) / cell) as i64;
        let centre_col = (self.cols as i64 - box_cols as i64 + 1) / 2;
        let centre_row = (self.rows as i64 - box_rows as i64 + 1) / 2;
        let spot = self.spiral.iter().find_map(|&(dc, dr)| {
            let col = centre_col + i64::from(dc);
            let row = centre_row + i64::from(dr);
            if !(0..=max_col).contains(&col) || !(0..=max_row).contains(&row) {
                return None;
            }
            let (col, row) = (col as usize, row as usize);
            let c1 = (col + box_cols).min(self.cols);
            let r1 = (row + box_rows).min(self.rows);
            (self.occupied(col, row, c1, r1) == 0).then_some((col, row, c1, r1))
        });
        match spot {
            Some((col, row, c1, r1)) => {
                self.mark(col, row, c1, r1);
                Some(((col as u32 * cell) as i32, (row as u32 * cell) as i32))
            }
            None => {
                self.failed.push(size);
                None
            }
        }
    }
}

/// Cell offsets along an Archimedean spiral stretched to the grid's aspect ratio, from the
/// centre out until it covers the whole grid, each offset once, in order of first visit.
fn spiral(cols: usize, rows: usize) -> Vec<(i32, i32)> {
    let aspect = (cols.max(1) as f64 / rows.max(1) as f64).sqrt();
    // The ellipse r·(aspect, 1/aspect) covers the grid's corners from its centre.
    let half = (cols as f64 / 2.0 + 1.0, rows as f64 / 2.0 + 1.0);
    let reach = std::f64::consts::SQRT_2 * (half.0 / aspect).max(half.1 * aspect) + 1.0;
    // About 0.7 cell along the curve per step, in the more stretched direction.
    let stretch = aspect.max(1.0 / aspect);
    let mut seen = vec![false; (2 * cols + 3) * (2 * rows + 3)];
    let mut out = Vec::new();
    let mut theta: f64 = 0.0;
    loop {
        // One cell further out per turn.
        let r = theta / std::f64::consts::TAU;
        if r > reach {
            return out;
        }
        let dc = (r * aspect * theta.cos()).round() as i64;
        let dr = (r / aspect * theta.sin()).round() as i64;
        theta += 0.7 / (r * stretch).max(0.7);
        let (ic, ir) = (dc + cols as i64 + 1, dr + rows as i64 + 1);
        if ic < 0 || ir < 0 || ic > 2 * cols as i64 + 2 || ir > 2 * rows as i64 + 2 {
            continue;
        }
        if let Some(s) = seen.get_mut(ir as usize * (2 * cols + 3) + ic as usize)
            && !*s
        {
            *s = true;
            out.push((dc as i32, dr as i32));
        }
    }
}

/// Word colours, by rank.
const PALETTE: [RGBColor; 6] = [
    RGBColor(0x3b, 0x6e, 0xa8),
    RGBColor(0xd9, 0x6c, 0x1e),
    RGBColor(0x2e, 0x8b, 0x57),
    RGBColor(0x8e, 0x44, 0xad),
    RGBColor(0xb0, 0x3a, 0x2e),
    RGBColor(0x1f, 0x7f, 0x8c),
];

/// Draws the word cloud of `words` (word, count; as [`word_counts`] returns them) on `area`
/// and returns its layout; a "No data" note when there are no words.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: Frame,
    words: &[(String, u64)],
) -> Result<Layout> {
    let err = chart_error(TITLE);
    if !words.iter().any(|(w, c)| *c > 0 && !w.is_empty()) {
        draw_note(area, frame, TITLE, NO_DATA)?;
        return Ok(Layout {
            words: Vec::new(),
            skipped: 0,
        });
    }
    // Lay out first, so an area too small for any word gets only the note.
    let title_font = TextStyle::from(frame.font(16.0));
    let (_, title_h) = area.estimate_text_size(TITLE, &title_font).map_err(&err)?;
    let pad = frame.px(8.0);
    let body = area.margin(title_h.saturating_add(pad.saturating_mul(2)), pad, pad, pad);
    let (family, _) = frame.font(1.0);
    let measure = |text: &str, size: f64| -> Result<(u32, u32)> {
        body.estimate_text_size(text, &TextStyle::from((family, size)))
            .map_err(&err)
    };
    // The body's size computed here, as a margin wider than the area would wrap around.
    let (area_w, area_h) = area.dim_in_pixel();
    let size = (
        area_w.saturating_sub(pad.saturating_mul(2)),
        area_h.saturating_sub(title_h.saturating_add(pad.saturating_mul(3))),
    );
    let placed = layout(words, size, frame.font(9.0).1, measure)?;
    if placed.words.is_empty() {
        draw_note(area, frame, TITLE, TOO_SMALL)?;
        return Ok(placed);
    }
    area.fill(&WHITE).map_err(&err)?;
    let (width, _) = area.dim_in_pixel();
    area.draw(&Text::new(
        TITLE,
        (width as i32 / 2, pad as i32),
        title_font.pos(Pos::new(HPos::Center, VPos::Top)),
    ))
    .map_err(&err)?;
    for (rank, word) in placed.words.iter().enumerate() {
        let color = PALETTE.get(rank % PALETTE.len()).copied().unwrap_or(BLACK);
        let style = TextStyle::from((family, word.font_size))
            .color(&color)
            .pos(Pos::new(HPos::Left, VPos::Top));
        body.draw(&Text::new(word.word.clone(), (word.x, word.y), style))
            .map_err(&err)?;
    }
    area.present().map_err(&err)?;
    Ok(placed)
}

/// One or two sentences on what the word cloud shows: the most frequent words with their
/// counts, out of how many distinct words.
pub fn summary(words: &[(String, u64)]) -> String {
    let mut sorted: Vec<&(String, u64)> = words
        .iter()
        .filter(|(w, c)| *c > 0 && !w.is_empty())
        .collect();
    if sorted.is_empty() {
        return "No words in the ticket text.".to_string();
    }
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let top: Vec<String> = sorted
        .iter()
        .take(5)
        .map(|(w, c)| format!("{w} ({c})"))
        .collect();
    format!(
        "Most frequent of {} distinct words in the ticket text: {}.",
        sorted.len(),
        top.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{render_svg, svg_texts};
    use proptest::prelude::*;

    /// A measure like plotters' SVG estimate: `factor` of the font size per character, 1.2
    /// font sizes high.
    fn measure_with(factor: f64) -> impl FnMut(&str, f64) -> Result<(u32, u32)> {
        move |text: &str, size: f64| {
            Ok((
                (text.chars().count() as f64 * size * factor).round() as u32,
                (size * 1.2).round() as u32,
            ))
        }
    }

    /// Zipf-like counts for `n` words "w0", "w1", ….
    fn zipf(n: usize) -> Vec<(String, u64)> {
        (0..n)
            .map(|i| (format!("word{i}"), 10_000 / (i as u64 + 1)))
            .collect()
    }

    /// Checks the layout invariants: every box inside the area, no two boxes overlapping, every
    /// word counted once as placed or skipped, box sizes as measured.
    fn check(
        words: &[(String, u64)],
        size: (u32, u32),
        factor: f64,
    ) -> std::result::Result<(), TestCaseError> {
        let result = layout(words, size, 9.0, measure_with(factor)).unwrap();
        let considered = words
            .iter()
            .filter(|(w, c)| *c > 0 && !w.is_empty())
            .count()
            .min(MAX_WORDS);
        prop_assert_eq!(result.words.len() + result.skipped, considered);
        let mut measure = measure_with(factor);
        for (i, a) in result.words.iter().enumerate() {
            prop_assert!(a.x >= 0 && a.y >= 0, "{:?} outside", a);
            prop_assert!(
                a.x as u32 + a.width <= size.0 && a.y as u32 + a.height <= size.1,
                "{:?} outside {:?}",
                a,
                size
            );
            prop_assert_eq!((a.width, a.height), measure(&a.word, a.font_size).unwrap());
            for b in result.words.iter().skip(i + 1) {
                let apart = a.x + a.width as i32 <= b.x
                    || b.x + b.width as i32 <= a.x
                    || a.y + a.height as i32 <= b.y
                    || b.y + b.height as i32 <= a.y;
                prop_assert!(apart, "{:?} overlaps {:?}", a, b);
            }
        }
        Ok(())
    }

    #[test]
    fn font_sizes_fall_on_a_short_ladder_never_above_their_exact_size() {
        for exact in [9.0, 9.5, 12.0, 18.0, 33.3, 99.0, 250.0] {
            let rung = font_rung(exact, 9.0);
            assert!(
                rung <= exact && rung > exact / FONT_STEP - 1e-9,
                "{exact} -> {rung}"
            );
        }
        assert_eq!(font_rung(5.0, 9.0), 9.0);
        assert_eq!(font_rung(f64::NAN, 9.0), 9.0);
        assert!(
            (font_rung(9.0 * FONT_STEP * FONT_STEP, 9.0) - 9.0 * FONT_STEP * FONT_STEP).abs()
                < 1e-9
        );
        // A Zipf-like 100-word cloud uses few distinct sizes.
        let words: Vec<(String, u64)> = (0..100)
            .map(|i| (format!("w{i}"), 10_000 / (i + 1)))
            .collect();
        let placed = layout(&words, (2000, 1100), 18.0, |w: &str, s: f64| {
            Ok(((w.len() as f64 * s * 0.6) as u32, (s * 1.2) as u32))
        })
        .unwrap();
        let mut sizes: Vec<u64> = placed.words.iter().map(|w| w.font_size.to_bits()).collect();
        sizes.dedup();
        assert!(sizes.len() <= 26, "{} sizes", sizes.len());
    }

    proptest! {
        #[test]
        fn boxes_never_overlap_nor_leave_the_area(
            words in prop::collection::vec(("[a-z]{0,14}", 0u64..20_000), 0..140),
            width in 0u32..1400,
            height in 0u32..900,
            factor in 0.3f64..0.9,
        ) {
            check(&words, (width, height), factor)?;
        }
    }

    #[test]
    fn a_full_cloud_places_most_words_without_overlap() {
        let words = zipf(150);
        check(&words, (800, 400), 0.6).unwrap();
        let result = layout(&words, (800, 400), 9.0, measure_with(0.6)).unwrap();
        assert!(
            result.words.len() >= 60,
            "placed only {}",
            result.words.len()
        );
        assert_eq!(result.words.len() + result.skipped, MAX_WORDS);
        // Bigger counts never get smaller fonts.
        for pair in result.words.windows(2) {
            assert!(pair[0].font_size >= pair[1].font_size);
        }
        // The top word sits near the centre.
        let first = &result.words[0];
        let cx = first.x + first.width as i32 / 2;
        let cy = first.y + first.height as i32 / 2;
        assert!((cx - 400).abs() < 40 && (cy - 200).abs() < 40, "{first:?}");
    }

    #[test]
    fn layout_is_deterministic() {
        let words = zipf(120);
        let a = layout(&words, (640, 360), 9.0, measure_with(0.55)).unwrap();
        let b = layout(&words, (640, 360), 9.0, measure_with(0.55)).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn word_counts_sort_by_count_then_word() {
        let counts = word_counts(["b a c", "a  b", "", "a"]);
        assert_eq!(
            counts,
            [
                ("a".to_string(), 3),
                ("b".to_string(), 2),
                ("c".to_string(), 1)
            ]
        );
    }

    #[test]
    fn svg_shows_title_and_every_placed_word() {
        let words = zipf(40);
        let mut placed = None;
        let svg = render_svg((800, 400), |area| {
            placed = Some(draw(area, Frame::default(), &words)?);
            Ok(())
        });
        let placed = placed.unwrap();
        let texts = svg_texts(&svg);
        assert_eq!(texts.first().map(String::as_str), Some(TITLE));
        assert_eq!(texts.len(), 1 + placed.words.len());
        assert!(placed.words.len() >= 30, "{}", placed.words.len());
        for word in &placed.words {
            assert!(texts.contains(&word.word), "{} not drawn", word.word);
        }
    }

    #[test]
    fn no_words_or_no_room_draw_a_note() {
        let svg = render_svg((400, 300), |area| {
            draw(area, Frame::default(), &[]).map(|_| ())
        });
        assert_eq!(svg_texts(&svg), [TITLE, NO_DATA]);
        let empty = [(String::new(), 5), ("zero".to_string(), 0)];
        let svg = render_svg((400, 300), |area| {
            draw(area, Frame::default(), &empty).map(|_| ())
        });
        assert_eq!(svg_texts(&svg), [TITLE, NO_DATA]);
        let svg = render_svg((60, 40), |area| {
            draw(area, Frame::default(), &zipf(5)).map(|_| ())
        });
        assert_eq!(svg_texts(&svg), [TITLE, TOO_SMALL]);
    }

    #[test]
    fn summary_lists_the_top_words() {
        let words = word_counts(["issue product issue", "product issue data"]);
        assert_eq!(
            summary(&words),
            "Most frequent of 3 distinct words in the ticket text: issue (3), product (2), \
             data (1)."
        );
        assert_eq!(summary(&[]), "No words in the ticket text.");
    }
}
