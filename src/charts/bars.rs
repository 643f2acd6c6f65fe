//! A bar chart of counts per category ("Ticket priority counts", "Ticket status counts"), each
//! bar labelled with its category below and its count above; long category names wrap onto
//! several lines, and shrink only if a single word is wider than its bar's slot.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{BLUE, Frame, NO_DATA, chart_error, count_labels, draw_note};
use crate::Result;

/// What a bar chart shows: its title and axis labels.
#[derive(Debug, Clone)]
pub struct BarSpec {
    /// Chart title.
    pub title: &'static str,
    /// Label of the category axis.
    pub x_label: &'static str,
    /// Label of the count axis.
    pub y_label: &'static str,
}

/// Category label font size in CSS pixels, and the smallest it shrinks to.
const LABEL_FONT: f64 = 11.0;
const MIN_LABEL_FONT: f64 = 7.0;
/// At most this many lines per category label; the rest of the words go on the last line.
const MAX_LINES: usize = 3;

/// A category label laid out to fit its slot: lines, font size in device pixels, and the
/// height of one line in device pixels.
#[derive(Debug, Clone, PartialEq)]
struct WrappedLabel {
    lines: Vec<String>,
    font: f64,
    line_height: u32,
}

/// Wraps `label` into at most [`MAX_LINES`] lines no wider than `max_width` device pixels as
/// `measure(text, font size)` measures them: greedy word wrap at the normal font size; if a line
/// is still too wide the font shrinks (not below [`MIN_LABEL_FONT`]), and at the smallest size a
/// line that still does not fit is cut and ends with "…".
fn wrap_label<F>(label: &str, max_width: u32, frame: Frame, measure: &mut F) -> Result<WrappedLabel>
where
    F: FnMut(&str, f64) -> Result<(u32, u32)>,
{
    let normal = frame.font(LABEL_FONT).1;
    let smallest = frame.font(MIN_LABEL_FONT).1;
    let mut font = normal;
    loop {
        let lines = greedy_lines(label, max_width, font, measure)?;
        let mut widest = 0;
        for line in &lines {
            widest = widest.max(measure(line, font)?.0);
        }
        if widest <= max_width || font <= smallest {
            let mut fitted = Vec::with_capacity(lines.len());
            for line in lines {
                fitted.push(cut_to_fit(&line, max_width, font, measure)?);
            }
            let line_height = measure("Ag", font)?.1.max(1);
            return Ok(WrappedLabel {
                lines: fitted,
                font,
                line_height,
            });
        }
        // Shrink in proportion to the overflow, at least 10% per step.
        let ratio = (max_width as f64 / widest.max(1) as f64).min(0.9);
        font = (font * ratio).max(smallest);
    }
}

/// Greedy word wrap of `label` into at most [`MAX_LINES`] lines of width `max_width`.
fn greedy_lines<F>(label: &str, max_width: u32, font: f64, measure: &mut F) -> Result<Vec<String>>
where
    F: FnMut(&str, f64) -> Result<(u32, u32)>,
{
    let mut lines: Vec<String> = Vec::new();
    for word in label.split_whitespace() {
        match lines.last_mut() {
            Some(line) => {
                let joined = format!("{line} {word}");
                if lines.len() >= MAX_LINES || measure(&joined, font)?.0 <= max_width {
                    if let Some(line) = lines.last_mut() {
                        *line = joined;
                    }
                } else {
                    lines.push(word.to_string());
                }
            }
            None => lines.push(word.to_string()),
        }
    }
    Ok(lines)
}

/// `line` if it fits `max_width`, else its longest prefix that fits with "…" appended (just
/// "…" if nothing does).
fn cut_to_fit<F>(line: &str, max_width: u32, font: f64, measure: &mut F) -> Result<String>
where
    F: FnMut(&str, f64) -> Result<(u32, u32)>,
{
    if measure(line, font)?.0 <= max_width {
        return Ok(line.to_string());
    }
    let mut chars: Vec<char> = line.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate: String = chars.iter().chain(['…'].iter()).collect();
        if measure(&candidate, font)?.0 <= max_width {
            return Ok(candidate);
        }
    }
    Ok("…".to_string())
}

/// Draws one bar per `(category, count)` of `bars`, in the given order; a "No data" note when
/// there are no bars or every count is 0.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: Frame,
    spec: &BarSpec,
    bars: &[(&str, u64)],
) -> Result<()> {
    let err = chart_error(spec.title);
    let most = bars.iter().map(|&(_, c)| c).max().unwrap_or(0);
    if most == 0 {
        return draw_note(area, frame, spec.title, NO_DATA);
    }
    let n = bars.len();
    let margin = frame.px(8.0);
    let y_area = frame.px(60.0);
    let (width, _) = area.dim_in_pixel();
    // Saturating: an absurd scale must not overflow (a panic in debug builds).
    let plot_width = width.saturating_sub(margin.saturating_mul(2).saturating_add(y_area));
    // Each category owns an equal slot; its label may use 92% of it.
    let slot = plot_width / n.max(1) as u32;
    let max_label = (slot as f64 * 0.92) as u32;
    let mut measure = |text: &str, size: f64| -> Result<(u32, u32)> {
        area.estimate_text_size(text, &TextStyle::from(("sans-serif", size)))
            .map_err(&err)
    };
    let mut labels = Vec::with_capacity(n);
    for &(name, _) in bars {
        labels.push(wrap_label(name, max_label, frame, &mut measure)?);
    }
    let label_block = labels
        .iter()
        .map(|l| l.line_height.saturating_mul(l.lines.len() as u32))
        .max()
        .unwrap_or(0);
    let (_, desc_height) = measure(spec.x_label, frame.font(12.0).1)?;
    let tick_gap = frame.px(6.0);
    let x_area = [label_block, frame.px(8.0), desc_height, frame.px(4.0)]
        .into_iter()
        .fold(tick_gap, u32::saturating_add);

    // Room above the tallest bar for its count label.
    let top = (most as f64 * 1.15).ceil() as u64 + 1;
    area.fill(&WHITE).map_err(&err)?;
    let mut chart = ChartBuilder::on(area)
        .caption(spec.title, frame.font(16.0))
        .margin(margin)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(0.0..n as f64, 0..top)
        .map_err(&err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .x_desc(spec.x_label)
        .y_desc(spec.y_label)
        .y_labels(count_labels(top as f64))
        .label_style(frame.font(11.0))
        .axis_desc_style(frame.font(12.0))
        .light_line_style(WHITE)
        .draw()
        .map_err(&err)?;
    let gap = 0.15;
    chart
        .draw_series(bars.iter().enumerate().map(|(i, &(_, c))| {
            let x = i as f64;
            Rectangle::new([(x + gap, 0), (x + 1.0 - gap, c)], BLUE.filled())
        }))
        .map_err(&err)?;
    let count_style = TextStyle::from(frame.font(11.0)).pos(Pos::new(HPos::Center, VPos::Bottom));
    let lift = frame.offset(3.0);
    chart
        .draw_series(bars.iter().enumerate().map(|(i, &(_, c))| {
            EmptyElement::at((i as f64 + 0.5, c))
                + Text::new(c.to_string(), (0, -lift), count_style.clone())
        }))
        .map_err(&err)?;
    // Category labels, centred under their bars, in the area's own coordinates.
    let (base_x, base_y) = area.get_base_pixel();
    for (i, label) in labels.iter().enumerate() {
        let (x, y) = chart.backend_coord(&(i as f64 + 0.5, 0));
        let style =
            TextStyle::from(("sans-serif", label.font)).pos(Pos::new(HPos::Center, VPos::Top));
        for (k, line) in label.lines.iter().enumerate() {
            let below = label
                .line_height
                .saturating_mul(k as u32)
                .saturating_add(tick_gap);
            let line_y = (y - base_y).saturating_add(i32::try_from(below).unwrap_or(i32::MAX));
            area.draw(&Text::new(
                line.clone(),
                (x - base_x, line_y),
                style.clone(),
            ))
            .map_err(&err)?;
        }
    }
    area.present().map_err(&err)?;
    Ok(())
}

/// One or two sentences on what the bar chart shows: the total, the most common category, and
/// every category's count.
pub fn summary(spec: &BarSpec, bars: &[(&str, u64)]) -> String {
    let total: u64 = bars.iter().map(|&(_, c)| c).sum();
    let unit = spec.y_label.to_lowercase();
    // The first of the largest.
    let top = bars
        .iter()
        .fold(None, |best: Option<&(&str, u64)>, bar| match best {
            Some(b) if b.1 >= bar.1 => Some(b),
            _ => Some(bar),
        });
    match top {
        Some(&(name, count)) if total > 0 => {
            let all: Vec<String> = bars.iter().map(|(n, c)| format!("{n} {c}")).collect();
            format!(
                "{total} {unit}; most common {}: {name} ({count}). Counts: {}.",
                spec.x_label.to_lowercase(),
                all.join(", ")
            )
        }
        _ => format!("No {unit} to count."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{render_svg, svg_texts};

    const PRIORITY: BarSpec = BarSpec {
        title: "Ticket priority counts",
        x_label: "Ticket priority",
        y_label: "Tickets",
    };
    const STATUS: BarSpec = BarSpec {
        title: "Ticket status counts",
        x_label: "Ticket status",
        y_label: "Tickets",
    };
    const PRIORITIES: [(&str, u64); 4] = [
        ("Low", 2063),
        ("Medium", 2192),
        ("High", 2085),
        ("Critical", 2129),
    ];
    const STATUSES: [(&str, u64); 3] = [
        ("Pending Customer Response", 2881),
        ("Closed", 2769),
        ("Open", 2819),
    ];

    #[test]
    fn svg_has_title_axes_bars_categories_and_counts() {
        let svg = render_svg((500, 320), |area| {
            draw(area, Frame::default(), &PRIORITY, &PRIORITIES)
        });
        let texts = svg_texts(&svg);
        for label in [
            "Ticket priority counts",
            "Ticket priority",
            "Tickets",
            "Low",
            "Medium",
            "High",
            "Critical",
            "2063",
            "2192",
            "2085",
            "2129",
        ] {
            assert!(
                texts.iter().any(|t| t == label),
                "no {label:?} in {texts:?}"
            );
        }
        assert_eq!(svg.matches("fill=\"#3B6EA8\"").count(), 4);
    }

    /// `(x centre, width)` of every category label line in `svg`: the texts drawn with the
    /// centre/top anchor below the axis that are not counts, widths estimated as plotters'
    /// SVG backend estimates them (`0.7 em` per byte, `em = size / 1.24²`, where the SVG
    /// `font-size` is `size / 1.24`).
    fn label_lines(svg: &str, names: &[&str]) -> Vec<(f64, f64, String)> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| {
                let attr = |name: &str| -> f64 {
                    t.split(&format!(" {name}=\""))
                        .nth(1)
                        .unwrap()
                        .split('"')
                        .next()
                        .unwrap()
                        .parse()
                        .unwrap()
                };
                let text = t
                    .split_once('>')?
                    .1
                    .split("</text>")
                    .next()?
                    .trim()
                    .to_string();
                let is_label = text
                    .split_whitespace()
                    .all(|w| names.iter().any(|n| n.contains(w)));
                is_label.then(|| {
                    let em = attr("font-size") / 1.24;
                    (attr("x"), (em * 0.7 * text.len() as f64).round(), text)
                })
            })
            .collect()
    }

    #[test]
    fn long_status_names_wrap_within_their_slot() {
        for width in [320u32, 480, 800] {
            let svg = render_svg((width, 300), |area| {
                draw(area, Frame::default(), &STATUS, &STATUSES)
            });
            let texts = svg_texts(&svg);
            assert!(texts.iter().any(|t| t == "Closed"), "{texts:?}");
            let pending: Vec<&String> = texts
                .iter()
                .filter(|t| {
                    ["Pending", "Customer", "Response"]
                        .iter()
                        .any(|w| t.contains(w))
                })
                .collect();
            if width < 800 {
                assert!(pending.len() >= 2, "not wrapped at {width}: {texts:?}");
            }
            let joined = pending
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(joined, "Pending Customer Response");
        }
    }

    #[test]
    fn wrapped_lines_fit_the_slot_or_shrink_or_cut() {
        // A measure like the SVG backend's: 0.6 of the font size per character.
        let mut measure = |text: &str, size: f64| -> Result<(u32, u32)> {
            Ok((
                (text.chars().count() as f64 * size * 0.6).round() as u32,
                size as u32,
            ))
        };
        let frame = Frame::default();
        let wide = wrap_label("Pending Customer Response", 120, frame, &mut measure).unwrap();
        assert_eq!(wide.lines, ["Pending Customer", "Response"]);
        assert_eq!(wide.font, 11.0);
        let narrow = wrap_label("Pending Customer Response", 50, frame, &mut measure).unwrap();
        assert_eq!(narrow.lines, ["Pending", "Customer", "Response"]);
        assert!(narrow.font < 11.0 && narrow.font >= 7.0, "{narrow:?}");
        for line in &narrow.lines {
            assert!(measure(line, narrow.font).unwrap().0 <= 50);
        }
        let tiny = wrap_label("Pending Customer Response", 20, frame, &mut measure).unwrap();
        assert_eq!(tiny.font, 7.0);
        assert!(tiny.lines.iter().all(|l| l.ends_with('…')), "{tiny:?}");
        for line in &tiny.lines {
            assert!(measure(line, tiny.font).unwrap().0 <= 20, "{line}");
        }
        let many = wrap_label("a b c d e", 5, frame, &mut measure).unwrap();
        assert_eq!(many.lines.len(), MAX_LINES);
    }

    #[test]
    fn category_labels_do_not_overlap_in_svg() {
        let names: Vec<&str> = STATUSES.iter().map(|&(n, _)| n).collect();
        for width in [240u32, 360, 640] {
            let svg = render_svg((width, 300), |area| {
                draw(area, Frame::default(), &STATUS, &STATUSES)
            });
            let lines = label_lines(&svg, &names);
            assert!(lines.len() >= 3, "{lines:?}");
            for (i, a) in lines.iter().enumerate() {
                for b in lines.iter().skip(i + 1) {
                    if a.0 != b.0 {
                        let gap = (a.0 - b.0).abs() - (a.1 + b.1) / 2.0;
                        assert!(gap >= 0.0, "{a:?} overlaps {b:?} at width {width}");
                    }
                }
            }
        }
    }

    #[test]
    fn no_bars_or_zero_counts_draw_the_no_data_note() {
        for bars in [&[][..], &[("Open", 0)][..]] {
            let svg = render_svg((400, 300), |area| {
                draw(area, Frame::default(), &STATUS, bars)
            });
            assert_eq!(svg_texts(&svg), ["Ticket status counts", NO_DATA]);
        }
    }

    #[test]
    fn small_counts_have_integer_ticks() {
        let svg = render_svg((400, 300), |area| {
            draw(
                area,
                Frame::default(),
                &PRIORITY,
                &[("Low", 1), ("High", 2)],
            )
        });
        let texts = svg_texts(&svg);
        assert!(texts.iter().all(|t| !t.contains('.')), "{texts:?}");
    }

    #[test]
    fn summary_names_total_and_most_common() {
        assert_eq!(
            summary(&PRIORITY, &PRIORITIES),
            "8469 tickets; most common ticket priority: Medium (2192). Counts: Low 2063, \
             Medium 2192, High 2085, Critical 2129."
        );
        assert_eq!(summary(&STATUS, &[]), "No tickets to count.");
    }
}
