//! A histogram of values over a fixed range, with equal-width bins, optionally overlaid with a
//! Gaussian kernel density estimate scaled to counts (as seaborn's `histplot(kde=True)`).

use plotters::coord::Shift;
use plotters::prelude::*;
use serde::{Deserialize, Serialize};

use super::{
    BLUE, Corner, Frame, Marker, NO_DATA, ORANGE, chart_error, count_labels, draw_legend,
    draw_note, number,
};
use crate::Result;

/// What a histogram shows: its title, axis labels, range and bin count.
#[derive(Debug, Clone)]
pub struct HistogramSpec {
    /// Chart title.
    pub title: &'static str,
    /// Label of the value axis.
    pub x_label: &'static str,
    /// Inclusive lower and upper end of the binned range.
    pub range: (f64, f64),
    /// Number of equal-width bins.
    pub bins: usize,
}

/// Counts `values` into `spec.bins` equal-width bins over `spec.range`; the last bin includes
/// the upper end (as numpy's `histogram` does). Values outside the range or not finite are
/// not counted.
pub fn bin_counts(spec: &HistogramSpec, values: &[f64]) -> Vec<u64> {
    let (lo, hi) = spec.range;
    let mut counts = vec![0; spec.bins];
    let width = (hi - lo) / spec.bins as f64;
    for &v in values {
        if !(lo..=hi).contains(&v) || width <= 0.0 {
            continue;
        }
        let bin = (((v - lo) / width) as usize).min(spec.bins.saturating_sub(1));
        if let Some(count) = counts.get_mut(bin) {
            *count += 1;
        }
    }
    counts
}

/// The values [`bin_counts`] counts: finite and within `spec.range`.
fn in_range(spec: &HistogramSpec, values: &[f64]) -> Vec<f64> {
    let (lo, hi) = spec.range;
    values
        .iter()
        .copied()
        .filter(|v| (lo..=hi).contains(v))
        .collect()
}

/// Above this many distinct values, [`Kde::new`] bins the sample onto this many equally spaced
/// nodes first, which bounds the cost of an evaluation at `NODES` kernel terms.
const NODES: usize = 2048;

/// Points of the density line, as seaborn's default `gridsize`.
pub const GRID_POINTS: usize = 200;

/// A one-dimensional Gaussian kernel density estimate with Scott's bandwidth: the density of
/// `scipy.stats.gaussian_kde(values)` (bandwidth `std(values, ddof=1) * n^(-1/5)`).
///
/// The sample is kept as distinct values with multiplicities, so evaluating costs one kernel
/// term per distinct value (1083 for the 8469 seed sentiment scores, 5 for satisfaction
/// ratings), exactly. A sample with more than `NODES` distinct values is linearly binned
/// onto `NODES` equally spaced nodes spanning it (Wand's linear binning: each value split
/// between its two neighbouring nodes, keeping its mass and mean); with node spacing `d` and
/// bandwidth `h` that changes the density by at most `d² / (8 h²)` times the kernel's peak
/// `1 / (h √(2π))`, since the kernel's second derivative is at most its peak over `h²`.
#[derive(Debug, Clone)]
pub struct Kde {
    /// Kernel standard deviation.
    bandwidth: f64,
    /// Distinct values (or binning nodes) and their weights, summing to 1.
    points: Vec<(f64, f64)>,
}

impl Kde {
    /// The estimate of the finite values of `values`; `None` with fewer than two of them or no
    /// spread (where scipy raises a singular-covariance error).
    pub fn new(values: &[f64]) -> Option<Kde> {
        let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        let n = sorted.len();
        if n < 2 {
            return None;
        }
        sorted.sort_by(f64::total_cmp);
        let count = n as f64;
        let mean = sorted.iter().sum::<f64>() / count;
        let variance = sorted.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (count - 1.0);
        // Scott's factor n^(-1/(d+4)) with d = 1.
        let bandwidth = variance.sqrt() * count.powf(-0.2);
        if !(bandwidth.is_finite() && bandwidth > 0.0) {
            return None;
        }
        let mut points: Vec<(f64, f64)> = Vec::new();
        for &v in &sorted {
            match points.last_mut() {
                Some((last, weight)) if *last == v => *weight += 1.0,
                _ => points.push((v, 1.0)),
            }
        }
        if points.len() > NODES {
            points = linear_binning(&points, NODES);
        }
        for (_, weight) in &mut points {
            *weight /= count;
        }
        Some(Kde { bandwidth, points })
    }

    /// The kernel's standard deviation (scipy's `sqrt(kde.covariance)`).
    pub fn bandwidth(&self) -> f64 {
        self.bandwidth
    }

    /// The estimated density at `x`.
    pub fn density(&self, x: f64) -> f64 {
        let h = self.bandwidth;
        let norm = 1.0 / (h * (2.0 * std::f64::consts::PI).sqrt());
        let sum: f64 = self
            .points
            .iter()
            .map(|&(v, w)| {
                let z = (x - v) / h;
                w * (-0.5 * z * z).exp()
            })
            .sum();
        sum * norm
    }
}

/// Splits each weighted value between the two nearest of `nodes` equally spaced nodes over the
/// values' span, in proportion to its closeness (`points` sorted, at least two distinct).
fn linear_binning(points: &[(f64, f64)], nodes: usize) -> Vec<(f64, f64)> {
    let lo = points.first().map_or(0.0, |p| p.0);
    let hi = points.last().map_or(0.0, |p| p.0);
    let last = nodes.saturating_sub(1).max(1);
    let step = (hi - lo) / last as f64;
    let mut weights = vec![0.0; last + 1];
    for &(v, w) in points {
        let at = ((v - lo) / step).clamp(0.0, last as f64);
        let left = (at.floor() as usize).min(last - 1);
        let frac = at - left as f64;
        if let Some(l) = weights.get_mut(left) {
            *l += w * (1.0 - frac);
        }
        if let Some(r) = weights.get_mut(left + 1) {
            *r += w * frac;
        }
    }
    weights
        .into_iter()
        .enumerate()
        .filter(|&(_, w)| w > 0.0)
        .map(|(i, w)| (lo + step * i as f64, w))
        .collect()
}

/// The density line seaborn's `histplot(kde=True)` draws over the histogram: the [`Kde`] of the
/// values the histogram counts, on [`GRID_POINTS`] equally spaced points from their minimum to
/// their maximum (seaborn's `cut=0`), scaled by their count times the bin width so it is in
/// tickets per bin like the bars. `None` when there is no estimate (fewer than two distinct
/// counted values).
pub fn density_curve(spec: &HistogramSpec, values: &[f64]) -> Option<Vec<(f64, f64)>> {
    let counted = in_range(spec, values);
    let kde = Kde::new(&counted)?;
    let lo = counted.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = counted.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (range_lo, range_hi) = spec.range;
    let scale = counted.len() as f64 * (range_hi - range_lo) / spec.bins.max(1) as f64;
    let last = (GRID_POINTS - 1) as f64;
    Some(
        (0..GRID_POINTS)
            .map(|i| {
                // np.linspace: lo + i * step, the last point exactly hi.
                let x = if i + 1 == GRID_POINTS {
                    hi
                } else {
                    lo + i as f64 * ((hi - lo) / last)
                };
                (x, kde.density(x) * scale)
            })
            .collect(),
    )
}

/// Draws the histogram of `values` on `area`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: Frame,
    spec: &HistogramSpec,
    values: &[f64],
) -> Result<()> {
    draw_histogram(area, frame, spec, values, false)
}

/// Draws the histogram of `values` on `area` with its [`density_curve`] over the bars.
pub fn draw_with_density<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: Frame,
    spec: &HistogramSpec,
    values: &[f64],
) -> Result<()> {
    draw_histogram(area, frame, spec, values, true)
}

/// The legend entry of the density line.
const DENSITY_LABEL: &str = "Kernel density (scaled to counts)";

/// What the histogram of some values draws and says, prepared where the values are (the page's
/// analysis worker), so that drawing it costs no pass over them: its bin counts, its density
/// line and its summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prepared {
    counts: Vec<u64>,
    curve: Option<Vec<(f64, f64)>>,
    summary: String,
}

impl Prepared {
    /// The histogram of `values`, with its [`density_curve`] when `density` is set.
    pub fn of(spec: &HistogramSpec, values: &[f64], density: bool) -> Prepared {
        Prepared {
            counts: bin_counts(spec, values),
            curve: if density {
                density_curve(spec, values)
            } else {
                None
            },
            summary: summary(spec, values),
        }
    }

    /// Its [`summary`].
    pub fn summary(&self) -> &str {
        &self.summary
    }
}

/// Draws a [`Prepared`] histogram on `area`.
pub fn draw_prepared<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: Frame,
    spec: &HistogramSpec,
    prepared: &Prepared,
) -> Result<()> {
    draw_counts(
        area,
        frame,
        spec,
        &prepared.counts,
        prepared.curve.as_deref(),
    )
}

/// Draws the histogram, with the density line when `density` is set; a "No data" note when no
/// value falls in the range.
fn draw_histogram<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: Frame,
    spec: &HistogramSpec,
    values: &[f64],
    density: bool,
) -> Result<()> {
    let counts = bin_counts(spec, values);
    let curve = if density && counts.iter().any(|&c| c > 0) {
        density_curve(spec, values)
    } else {
        None
    };
    draw_counts(area, frame, spec, &counts, curve.as_deref())
}

/// Draws bars of `counts` and the density line `curve`; a "No data" note when no count.
fn draw_counts<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: Frame,
    spec: &HistogramSpec,
    counts: &[u64],
    curve: Option<&[(f64, f64)]>,
) -> Result<()> {
    let err = chart_error(spec.title);
    let (lo, hi) = spec.range;
    // No value counted also covers an empty or inverted range.
    if counts.iter().all(|&c| c == 0) {
        return draw_note(area, frame, spec.title, NO_DATA);
    }
    let curve_top = curve
        .iter()
        .copied()
        .flatten()
        .map(|&(_, y)| y)
        .fold(0.0, f64::max);
    let top = (counts.iter().copied().max().unwrap_or(0).max(1) as f64).max(curve_top) * 1.1;
    let width = (hi - lo) / spec.bins.max(1) as f64;
    area.fill(&WHITE).map_err(&err)?;
    let mut chart = ChartBuilder::on(area)
        .caption(spec.title, frame.font(16.0))
        .margin(frame.px(8.0))
        .x_label_area_size(frame.px(36.0))
        .y_label_area_size(frame.px(60.0))
        .build_cartesian_2d(lo..hi, 0.0..top)
        .map_err(&err)?;
    chart
        .configure_mesh()
        .x_desc(spec.x_label)
        .y_desc("Tickets")
        .y_labels(count_labels(top))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .label_style(frame.font(11.0))
        .axis_desc_style(frame.font(12.0))
        .light_line_style(WHITE)
        .draw()
        .map_err(&err)?;
    let bar = BLUE.filled();
    chart
        .draw_series(
            counts
                .iter()
                .enumerate()
                .filter(|&(_, &c)| c > 0)
                .map(|(i, &c)| {
                    let x0 = lo + width * i as f64;
                    Rectangle::new([(x0, 0.0), (x0 + width, c as f64)], bar)
                }),
        )
        .map_err(&err)?;
    if let Some(curve) = curve {
        let line = ORANGE.stroke_width(frame.px(2.0).max(1));
        chart
            .draw_series(LineSeries::new(curve.iter().copied(), line))
            .map_err(&err)?;
        draw_legend(
            &chart.plotting_area().strip_coord_spec(),
            frame,
            spec.title,
            Corner::UpperRight,
            &[(DENSITY_LABEL, Marker::Line(line))],
        )?;
    }
    area.present().map_err(&err)?;
    Ok(())
}

/// One or two sentences on what the histogram of `values` shows: how many values it counts,
/// their mean, the fullest bin, and how many were left out.
pub fn summary(spec: &HistogramSpec, values: &[f64]) -> String {
    let counted = in_range(spec, values);
    let (lo, hi) = spec.range;
    let label = spec.x_label.to_lowercase();
    let left_out = values.len().saturating_sub(counted.len());
    let mut text = if counted.is_empty() {
        format!(
            "No tickets with a {label} between {} and {}.",
            number(lo),
            number(hi)
        )
    } else {
        let counts = bin_counts(spec, values);
        let width = (hi - lo) / spec.bins.max(1) as f64;
        // The first fullest bin.
        let (bin, most) =
            counts.iter().copied().enumerate().fold(
                (0, 0),
                |best, (i, c)| if c > best.1 { (i, c) } else { best },
            );
        let mean = counted.iter().sum::<f64>() / counted.len() as f64;
        let from = lo + width * bin as f64;
        format!(
            "{} tickets with a {label} between {} and {}, mean {}; the fullest bin, {} to {}, \
             holds {most}.",
            counted.len(),
            number(lo),
            number(hi),
            number(mean),
            number(from),
            number(from + width),
        )
    };
    if left_out > 0 {
        text.push_str(&format!(
            " {left_out} missing or out-of-range values are not shown."
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{render_svg, svg_texts};

    const SPEC: HistogramSpec = HistogramSpec {
        title: "Sentiment score distribution",
        x_label: "Sentiment score",
        range: (-1.0, 1.0),
        bins: 4,
    };

    /// The page's two density histograms.
    const SENTIMENT: HistogramSpec = HistogramSpec {
        title: "Sentiment score distribution",
        x_label: "Sentiment score",
        range: (-1.0, 1.0),
        bins: 30,
    };
    const SATISFACTION: HistogramSpec = HistogramSpec {
        title: "Customer satisfaction distribution",
        x_label: "Satisfaction rating (1-5)",
        range: (1.0, 5.0),
        bins: 10,
    };

    /// scipy's `gaussian_kde` bandwidth and `(grid index, x, density)` on seaborn's grid
    /// `linspace(min, max, 200)`, from `tools/reference/charts_reference.py` (scipy 1.17.1).
    struct Reference {
        bandwidth: f64,
        at: &'static [(usize, f64, f64)],
    }

    const SENTIMENT_REF: Reference = Reference {
        bandwidth: 0.033454813695357175,
        at: &[
            (0, -0.6999999999999998, 0.0014403774664694228),
            (37, -0.3839195979899496, 0.08965255752193936),
            (99, 0.14572864321608037, 1.6322220214259155),
            (150, 0.5814070351758792, 0.06219129357157216),
            (199, 1.0, 0.0056322769425087744),
        ],
    };
    const SATISFACTION_REF: Reference = Reference {
        bandwidth: 0.2882932023299092,
        at: &[
            (0, 1.0, 0.27703103348372826),
            (37, 1.7437185929648242, 0.19474780194903482),
            (99, 2.9899497487437188, 0.2910200490083783),
            (150, 4.015075376884422, 0.2723765252003134),
            (199, 5.0, 0.27252596923337946),
        ],
    };
    const SMALL: [f64; 10] = [-0.5, -0.5, 0.0, 0.0, 0.0, 0.1, 0.25, 0.4, 0.4, 0.9];
    const SMALL_REF: Reference = Reference {
        bandwidth: 0.2653898897667786,
        at: &[
            (0, -0.5, 0.39249579850776906),
            (37, -0.23969849246231156, 0.5958986270863788),
            (99, 0.19648241206030148, 0.8690115589774611),
            (150, 0.5552763819095476, 0.4807343034927727),
            (199, 0.9, 0.21181276831803486),
        ],
    };

    /// Relative tolerance against scipy: both sum the same terms in a different order (scipy
    /// whitens with a Cholesky factor), so they agree to a few ulps per term.
    const TOL: f64 = 1e-10;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= TOL * b.abs().max(1e-300)
    }

    /// Checks the KDE of `values` and the unscaled density line against scipy.
    fn check_against_scipy(spec: &HistogramSpec, values: &[f64], reference: &Reference) {
        let kde = Kde::new(values).unwrap();
        assert!(
            close(kde.bandwidth(), reference.bandwidth),
            "bandwidth {} vs scipy {}",
            kde.bandwidth(),
            reference.bandwidth
        );
        let curve = density_curve(spec, values).unwrap();
        assert_eq!(curve.len(), GRID_POINTS);
        let scale = values.len() as f64 * (spec.range.1 - spec.range.0) / spec.bins as f64;
        for &(i, x, density) in reference.at {
            let (cx, cy) = curve[i];
            assert!(close(cx, x), "grid point {i}: {cx} vs numpy {x}");
            assert!(
                close(kde.density(x), density),
                "density at {x}: {} vs scipy {density}",
                kde.density(x)
            );
            assert!(close(cy, density * scale), "scaled density at {x}: {cy}");
        }
    }

    #[test]
    fn kde_matches_scipy_on_a_small_sample_with_ties() {
        let spec = HistogramSpec {
            bins: 10,
            ..SENTIMENT
        };
        check_against_scipy(&spec, &SMALL, &SMALL_REF);
    }

    #[test]
    fn kde_matches_scipy_on_the_seed_sentiment_scores() {
        let csv = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/golden/features.csv"
        ))
        .unwrap();
        let mut lines = csv.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let column = header.iter().position(|&h| h == "s").unwrap();
        let scores: Vec<f64> = lines
            .map(|l| l.split(',').nth(column).unwrap().parse().unwrap())
            .collect();
        assert_eq!(scores.len(), 8469);
        check_against_scipy(&SENTIMENT, &scores, &SENTIMENT_REF);
    }

    #[test]
    fn kde_matches_scipy_on_the_satisfaction_ratings() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/customer_support_tickets.csv"
        ))
        .unwrap();
        let read = crate::export::read(&bytes, crate::export::Options::default()).unwrap();
        let ratings: Vec<f64> = read
            .tickets
            .iter()
            .filter_map(|t| t.satisfaction.as_deref()?.parse().ok())
            .collect();
        assert_eq!(ratings.len(), 2769);
        check_against_scipy(&SATISFACTION, &ratings, &SATISFACTION_REF);
    }

    #[test]
    fn kde_is_none_without_spread_and_ignores_nan() {
        assert!(Kde::new(&[]).is_none());
        assert!(Kde::new(&[0.3]).is_none());
        assert!(Kde::new(&[0.3, 0.3, f64::NAN]).is_none());
        let with_nan = Kde::new(&[0.0, 1.0, f64::NAN, f64::INFINITY]).unwrap();
        let without = Kde::new(&[0.0, 1.0]).unwrap();
        assert_eq!(with_nan.density(0.5), without.density(0.5));
    }

    #[test]
    fn binned_kde_stays_within_the_stated_bound() {
        // 8469 distinct values (more than NODES), skewed like sentiment scores.
        let values: Vec<f64> = (0..8469)
            .map(|i| {
                let u = (i as f64 * 0.618_033_988_75).fract();
                (u * u * 2.0 - 1.0) * 0.8
            })
            .collect();
        let kde = Kde::new(&values).unwrap();
        assert!(kde.points.len() <= NODES);
        let h = kde.bandwidth();
        let exact = |x: f64| {
            values
                .iter()
                .map(|v| (-0.5 * ((x - v) / h).powi(2)).exp())
                .sum::<f64>()
                / (values.len() as f64 * h * (2.0 * std::f64::consts::PI).sqrt())
        };
        let d = 1.6 / (NODES - 1) as f64;
        let bound = d * d / (8.0 * h * h) / (h * (2.0 * std::f64::consts::PI).sqrt());
        let mut worst: f64 = 0.0;
        for i in 0..=200 {
            let x = -0.9 + 1.8 * i as f64 / 200.0;
            worst = worst.max((kde.density(x) - exact(x)).abs());
        }
        assert!(
            worst <= bound,
            "binning error {worst} above the bound {bound}"
        );
    }

    #[test]
    fn bins_follow_numpy_edges() {
        let counts = bin_counts(
            &SPEC,
            &[-1.0, -0.5, -0.2, 0.0, 0.49, 0.5, 1.0, 1.5, f64::NAN],
        );
        assert_eq!(counts, [1, 2, 2, 2]);
    }

    #[test]
    fn svg_has_title_axis_labels_and_one_bar_per_non_empty_bin() {
        let svg = render_svg((400, 300), |area| {
            draw(area, Frame::default(), &SPEC, &[-0.9, -0.8, 0.1, 0.2, 0.3])
        });
        let texts = svg_texts(&svg);
        for label in ["Sentiment score distribution", "Sentiment score", "Tickets"] {
            assert!(
                texts.iter().any(|t| t == label),
                "no {label:?} in {texts:?}"
            );
        }
        let bars = svg.matches("fill=\"#3B6EA8\"").count();
        assert_eq!(bars, 2, "{svg}");
        assert!(!texts.iter().any(|t| t == DENSITY_LABEL));
    }

    /// The fill of a histogram's bars in the SVG.
    const BAR_FILL: &str = "fill=\"#3B6EA8\"";

    /// Values on the closed right edge count in the last bin (numpy's rule), and that bin's
    /// bar is drawn: exactly one bar per non-empty bin, with and without the density line.
    #[test]
    fn the_last_bin_holds_the_right_edge_and_its_bar_is_drawn() {
        let cases: [(&HistogramSpec, &[f64], &[u64]); 3] = [
            (&SPEC, &[-0.9, 0.1, 1.0, 1.0], &[1, 0, 1, 2]),
            (&SPEC, &[1.0, 1.0, 1.0], &[0, 0, 0, 3]),
            // Satisfaction ratings: every 5.0 is in the last of ten bins.
            (
                &SATISFACTION,
                &[1.0, 2.0, 3.0, 4.0, 5.0, 5.0],
                &[1, 0, 1, 0, 0, 1, 0, 1, 0, 2],
            ),
        ];
        for (spec, values, want) in cases {
            assert_eq!(bin_counts(spec, values), want, "{values:?}");
            let non_empty = want.iter().filter(|&&c| c > 0).count();
            let plain = render_svg((400, 300), |area| {
                draw(area, Frame::default(), spec, values)
            });
            let with_density = render_svg((400, 300), |area| {
                draw_with_density(area, Frame::default(), spec, values)
            });
            for svg in [plain, with_density] {
                assert_eq!(svg.matches(BAR_FILL).count(), non_empty, "{values:?}");
            }
        }
    }

    #[test]
    fn count_axis_has_integer_labels_only() {
        let svg = render_svg((400, 300), |area| {
            draw(area, Frame::default(), &SPEC, &[-0.9, -0.8, 0.1])
        });
        let texts = svg_texts(&svg);
        // The y labels are the texts that parse as numbers but are not x ticks (which have
        // decimals); with at most 2 tickets per bin they must be whole and distinct.
        let whole: Vec<&String> = texts.iter().filter(|t| t.parse::<u64>().is_ok()).collect();
        let mut unique = whole.clone();
        unique.dedup();
        assert_eq!(whole, unique, "repeated count labels in {texts:?}");
        assert!(whole.iter().any(|t| *t == "2"), "{texts:?}");
    }

    #[test]
    fn density_variant_draws_a_line_and_its_legend() {
        let values = [-0.5, -0.5, 0.0, 0.0, 0.0, 0.1, 0.25, 0.4, 0.4, 0.9];
        let svg = render_svg((600, 400), |area| {
            draw_with_density(area, Frame::default(), &SENTIMENT, &values)
        });
        let texts = svg_texts(&svg);
        assert!(texts.iter().any(|t| t == "Sentiment score distribution"));
        assert!(texts.iter().any(|t| t == DENSITY_LABEL), "{texts:?}");
        let line = svg
            .split("<polyline")
            .skip(1)
            .find(|p| p.contains("stroke=\"#D96C1E\""))
            .expect("an orange density polyline");
        let points = line
            .split("points=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert_eq!(points.split_whitespace().count(), GRID_POINTS);
    }

    #[test]
    fn density_variant_without_spread_draws_only_bars() {
        let svg = render_svg((600, 400), |area| {
            draw_with_density(area, Frame::default(), &SATISFACTION, &[3.0, 3.0, 3.0])
        });
        assert!(!svg.contains("#D96C1E"));
        assert_eq!(svg.matches("fill=\"#3B6EA8\"").count(), 1);
    }

    #[test]
    fn no_values_in_range_draws_the_no_data_note() {
        for values in [&[][..], &[f64::NAN, 7.0][..]] {
            for density in [false, true] {
                let svg = render_svg((400, 300), |area| {
                    draw_histogram(area, Frame::default(), &SATISFACTION, values, density)
                });
                assert_eq!(
                    svg_texts(&svg),
                    ["Customer satisfaction distribution", NO_DATA]
                );
            }
        }
    }

    #[test]
    fn double_scale_doubles_the_fonts() {
        let values = [-0.5, 0.0, 0.0, 0.4];
        let font_sizes = |scale: f64, size: (u32, u32)| -> Vec<String> {
            let svg = render_svg(size, |area| {
                draw_with_density(area, Frame { scale }, &SENTIMENT, &values)
            });
            svg.split("font-size=\"")
                .skip(1)
                .filter_map(|s| s.split('"').next())
                .map(str::to_string)
                .collect()
        };
        let one = font_sizes(1.0, (600, 400));
        let two = font_sizes(2.0, (1200, 800));
        assert_eq!(one.len(), two.len());
        for (a, b) in one.iter().zip(&two) {
            let (a, b): (f64, f64) = (a.parse().unwrap(), b.parse().unwrap());
            assert!((b - 2.0 * a).abs() < 1e-9, "{a} vs {b}");
        }
    }

    #[test]
    fn summary_states_count_mean_and_fullest_bin() {
        assert_eq!(
            summary(&SPEC, &[-0.9, -0.8, 0.1, 0.2, 0.3, f64::NAN, 2.0]),
            "5 tickets with a sentiment score between -1 and 1, mean -0.22; the fullest bin, \
             0 to 0.5, holds 3. 2 missing or out-of-range values are not shown."
        );
        assert_eq!(
            summary(&SATISFACTION, &[]),
            "No tickets with a satisfaction rating (1-5) between 1 and 5."
        );
    }
}
