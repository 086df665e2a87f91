//! The score over the certification cycle, drawn: an inline SVG for the
//! HTML history and a sparkline for the terminal. Pure functions of the
//! shown scores (cut to two decimals, in hundredths), so the drawing can
//! never put a dot in a band its printed score has not reached.
//!
//! Every coordinate is computed in integer arithmetic, in thousandths of
//! an SVG unit, from `score_cents`; a band line and a dot of the same
//! score get the very same y (one function computes both), and one
//! hundredth of a point is at least 30 thousandths of a unit on the y
//! axis, so 89.99 is strictly below the 90 line and 90.00 exactly on it.

use crate::number::{Exact, SCORE_PLACES, cut};
use crate::text::visible;
use maud::{Markup, html};
use num_traits::ToPrimitive;

/// One evaluation of the series, as the chart shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartPoint {
    /// The evaluation's date as shown under its dot (`2024-05-20`).
    pub label: String,
    /// The score as shown, cut (not rounded) to 2 decimals, × 100:
    /// 92.40 → 9240.
    pub score_cents: u32,
    /// Its grade's name, for the dot's tooltip.
    pub grade: String,
}

/// A band of the checklist: the score from which its grade is reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartBand {
    /// The band's minimum, × 100 (7000 for 70).
    pub min_cents: u32,
    /// Its grade's name (达标级), written beside the band.
    pub name: String,
}

/// The full score, × 100: the top of the y axis (§8.3 a, 满分 100).
const FULL: u32 = 10_000;
/// The y axis reaches down at least to 60 (below the lowest band of the
/// built-in checklist, so its 不合格 area shows), and to each score or
/// band lower than that, cut down to a multiple of 10.
const HIGHEST_FLOOR: u32 = 6_000;
const FLOOR_STEP: u32 = 1_000;

// The geometry, in SVG units (the viewBox; the SVG scales to its width).
const WIDTH: i64 = 720;
const HEIGHT: i64 = 356;
const PLOT_LEFT: i64 = 40;
const PLOT_RIGHT: i64 = 600;
const PLOT_TOP: i64 = 24;
const PLOT_HEIGHT: i64 = 300;
const PLOT_BOTTOM: i64 = PLOT_TOP + PLOT_HEIGHT;
/// The first and last dots stay this far inside the plot, so that their
/// labels are not cut at its edges.
const INSET: i64 = 30;
const FIRST_X: i64 = PLOT_LEFT + INSET;
const LAST_X: i64 = PLOT_RIGHT - INSET;
/// Widths (with a gap) that a date label and a score label take at their
/// font size: labels closer than that are thinned out.
const DATE_ROOM: i64 = 70;
const SCORE_ROOM: i64 = 40;
const MILLI: i64 = 1_000;
/// The width left for a band's name at the right of the plot: a longer
/// one is squeezed into it rather than cut at the edge of the drawing.
const NAME_ROOM: i64 = WIDTH - PLOT_RIGHT - 10;
/// The font size of every text, in thousandths of a unit.
const FONT_SIZE: i64 = 11_000;

/// The reports' font stack (CJK first), in single quotes so that the
/// attribute reads as written.
const FONTS: &str = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'Helvetica Neue', Arial, sans-serif";
/// Band shades from the lowest band up, repeated if a checklist has more.
const SHADES: [&str; 4] = ["#edf5ea", "#e6e9ee", "#fbf0cc", "#e3ebfb"];

/// A score as the chart takes it: cut (never rounded) to the 2 decimals
/// every report shows, × 100, within 0 … 100: exact 4650/49 (94.897…) →
/// 9489.
pub fn score_cents(score: &Exact) -> u32 {
    let scaled = cut(score, SCORE_PLACES) * Exact::from_integer(100);
    (scaled.numer() / scaled.denom())
        .to_u32()
        .map_or(0, |cents| cents.min(FULL))
}

/// The bottom of the y axis, × 100: 60, or lower to show every point and
/// every band, cut down to a multiple of 10 (a score of 47.50 → 40).
/// The sparkline takes the same floor so both drawings agree.
pub fn floor_cents(points: &[ChartPoint], bands: &[ChartBand]) -> u32 {
    let lowest = (points.iter().map(|p| p.score_cents))
        .chain(bands.iter().map(|b| b.min_cents))
        .fold(HIGHEST_FLOOR, u32::min);
    lowest / FLOOR_STEP * FLOOR_STEP
}

/// The y axis: score × 100 → y in thousandths of a unit. Scores outside
/// the axis are drawn at its ends.
struct Axis {
    floor: u32,
}

impl Axis {
    fn y(&self, cents: u32) -> i64 {
        let cents = cents.clamp(self.floor, FULL);
        let span = i64::from(FULL - self.floor);
        let below_top = i64::from(FULL - cents);
        PLOT_TOP * MILLI + below_top * PLOT_HEIGHT * MILLI / span
    }
}

/// The x of each of `count` evenly spaced points, in thousandths, and the
/// space between two of them (the whole width when there is one point).
fn xs(count: usize) -> (Vec<i64>, i64) {
    let width = (LAST_X - FIRST_X) * MILLI;
    if count <= 1 {
        return (vec![(FIRST_X + LAST_X) * MILLI / 2], width);
    }
    let gaps = (count - 1) as i64;
    let x = (0..count as i64).map(|i| FIRST_X * MILLI + i * width / gaps);
    (x.collect(), width / gaps)
}

/// Every how many points a label fits when each takes `room` units and
/// the points are `step` thousandths apart: 1 is every point.
fn every(room: i64, step: i64) -> usize {
    let room = room * MILLI;
    usize::try_from((room + step - 1) / step.max(1)).map_or(1, |n| n.max(1))
}

/// Whether the label of point `index` of `count` is drawn when one in
/// `every` is: counted from the last, the latest evaluation, which is
/// always labelled; and the first, where the series starts, in place of
/// the lowest counted one when that is less than `every` from it.
fn labelled(index: usize, count: usize, every: usize) -> bool {
    index == 0 || ((count - 1 - index).is_multiple_of(every) && index >= every)
}

/// Thousandths of a unit as SVG writes them: `62325` → `62.325`, `99000`
/// → `99`.
fn milli(value: i64) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let (whole, part) = (value.abs() / MILLI, value.abs() % MILLI);
    if part == 0 {
        return format!("{sign}{whole}");
    }
    let digits = format!("{part:03}");
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

/// A score × 100 as printed: `9489` → `94.89`.
fn score(cents: u32) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// A band minimum or tick × 100 as printed on the axis: `9000` → `90`,
/// `9250` → `92.5`.
fn axis_label(cents: u32) -> String {
    if cents.is_multiple_of(100) {
        return (cents / 100).to_string();
    }
    score(cents).trim_end_matches('0').to_string()
}

/// User text as the chart shows it: invisible and direction characters
/// escaped, on one line (maud then escapes `&`, `<`, `>` and `"`; every
/// attribute is written in double quotes).
fn shown(text: &str) -> String {
    visible(text, false).into_owned()
}

/// About how wide `text` is at the font size of 11 units, in thousandths:
/// a Chinese character (or any wide one) a full em, others 0.55 em (the
/// average of a Latin text; digits are 0.55 em in Noto Sans).
fn estimated_width(text: &str) -> i64 {
    let wide = |c: char| matches!(u32::from(c), 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    text.chars()
        .map(|c| {
            if wide(c) {
                FONT_SIZE
            } else {
                FONT_SIZE * 55 / 100
            }
        })
        .sum()
}

/// The font size that fits a band's name into [`NAME_ROOM`], when the
/// usual 11 is too large: a long name is written smaller rather than cut
/// at the edge of the drawing.
fn smaller_to_fit(name: &str) -> Option<String> {
    let width = estimated_width(name);
    (width > NAME_ROOM * MILLI).then(|| milli(FONT_SIZE * NAME_ROOM * MILLI / width))
}

/// The band (by index into `bands` sorted by minimum) a score reaches.
fn band_reached(bands: &[&ChartBand], cents: u32) -> Option<usize> {
    bands.iter().rposition(|band| band.min_cents <= cents)
}

/// The score over time as a self-contained inline SVG: no script, no
/// external font or image, `role="img"` with `title` as its accessible
/// name, `width="100%"` so that it fits the page on screen and in print.
///
/// The y axis runs from [`floor_cents`] to 100, with a line every 10
/// points and a shaded area for each band from its minimum to the next
/// one's (or 100), named at the right. The evaluations are evenly spaced
/// from left to right, in the order given, joined by a line; each dot
/// carries a tooltip (date, score, grade). A dot whose grade is not the
/// band its score reaches (a special deduction fails the evaluation
/// whatever the score) is drawn hollow, in red. Dates and scores are
/// thinned out when there are too many evaluations to print every one:
/// the latest is always printed.
pub fn svg(points: &[ChartPoint], bands: &[ChartBand], title: &str) -> String {
    let axis = Axis {
        floor: floor_cents(points, bands),
    };
    let mut sorted: Vec<&ChartBand> = bands.iter().collect();
    sorted.sort_by_key(|band| band.min_cents);
    let view_box = format!("0 0 {WIDTH} {HEIGHT}");
    let markup = html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox=(view_box) width="100%"
            role="img" font-family=(FONTS) font-size=(milli(FONT_SIZE)) fill="#1d1d1f" {
            title { (shown(title)) }
            (band_areas(&axis, &sorted))
            (grid(&axis, &sorted))
            (series(&axis, &sorted, points))
        }
    };
    markup.into_string()
}

/// Each band's shaded area, from its minimum up to the next band's (the
/// highest up to 100), with its name at the right of the plot.
fn band_areas(axis: &Axis, bands: &[&ChartBand]) -> Markup {
    let areas = bands.iter().enumerate().map(|(index, band)| {
        let top_cents = bands.get(index + 1).map_or(FULL, |next| next.min_cents);
        let (top, bottom) = (axis.y(top_cents), axis.y(band.min_cents));
        (index, band, top, bottom)
    });
    html! {
        @for (index, band, top, bottom) in areas {
            rect x=(PLOT_LEFT) y=(milli(top)) width=(PLOT_RIGHT - PLOT_LEFT)
                height=(milli(bottom - top)) fill=(SHADES[index % SHADES.len()]) {}
            @let name = shown(&band.name);
            text x=(PLOT_RIGHT + 6) y=(milli((top + bottom) / 2 + 4 * MILLI))
                font-size=[smaller_to_fit(&name)] {
                (name)
            }
        }
    }
}

/// A light line and label every 10 points from the floor to 100, a
/// darker line at each band's minimum (labelled too when it is not on a
/// ten), and the plot's frame.
fn grid(axis: &Axis, bands: &[&ChartBand]) -> Markup {
    let tens: Vec<u32> = (axis.floor..=FULL).step_by(FLOOR_STEP as usize).collect();
    let minimums = bands
        .iter()
        .map(|band| band.min_cents.clamp(axis.floor, FULL));
    let off_tens: Vec<u32> = minimums
        .clone()
        .filter(|m| !m.is_multiple_of(FLOOR_STEP))
        .collect();
    let y_of = |cents: u32| milli(axis.y(cents));
    html! {
        @for cents in &tens {
            line x1=(PLOT_LEFT) x2=(PLOT_RIGHT) y1=(y_of(*cents)) y2=(y_of(*cents))
                stroke="#c9ced6" stroke-width="0.5" {}
            text x=(PLOT_LEFT - 6) y=(milli(axis.y(*cents) + 4 * MILLI)) text-anchor="end" {
                (axis_label(*cents))
            }
        }
        @for cents in &off_tens {
            text x=(PLOT_LEFT - 6) y=(milli(axis.y(*cents) + 4 * MILLI)) text-anchor="end" {
                (axis_label(*cents))
            }
        }
        @for cents in minimums {
            line.band x1=(PLOT_LEFT) x2=(PLOT_RIGHT) y1=(y_of(cents)) y2=(y_of(cents))
                stroke="#6b778a" stroke-width="1" {}
        }
        rect x=(PLOT_LEFT) y=(PLOT_TOP) width=(PLOT_RIGHT - PLOT_LEFT) height=(PLOT_HEIGHT)
            fill="none" stroke="#8a94a6" stroke-width="1" {}
    }
}

/// The line through the scores, a dot for each with its tooltip, and the
/// scores above and dates below, thinned out when they would overlap.
fn series(axis: &Axis, bands: &[&ChartBand], points: &[ChartPoint]) -> Markup {
    if points.is_empty() {
        return html! {};
    }
    let (xs, step) = xs(points.len());
    let ys: Vec<i64> = points.iter().map(|p| axis.y(p.score_cents)).collect();
    let radius = (step / 3).clamp(1_500, 4_000);
    let (dates_every, scores_every) = (every(DATE_ROOM, step), every(SCORE_ROOM, step));
    let mut line = String::with_capacity(points.len() * 20);
    for (x, y) in xs.iter().zip(&ys) {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&format!("{},{}", milli(*x), milli(*y)));
    }
    let count = points.len();
    let failed = |point: &ChartPoint| {
        band_reached(bands, point.score_cents).is_some_and(|band| bands[band].name != point.grade)
    };
    html! {
        polyline points=(line) fill="none" stroke="#34568b" stroke-width="2"
            stroke-linejoin="round" {}
        @for (index, point) in points.iter().enumerate() {
            @let (x, y) = (milli(xs[index]), milli(ys[index]));
            @if failed(point) {
                circle.failed cx=(x) cy=(y) r=(milli(radius)) fill="#ffffff"
                    stroke="#b3261e" stroke-width="2" {
                    title { (tooltip(point)) }
                }
            } @else {
                circle cx=(x) cy=(y) r=(milli(radius)) fill="#34568b" {
                    title { (tooltip(point)) }
                }
            }
            // Classes of the chart's own: the report page's `.score` (13 pt)
            // would make the labels wider than SCORE_ROOM, and overlap.
            @if labelled(index, count, scores_every) {
                text.point-score x=(x) y=(milli(ys[index] - 8 * MILLI)) text-anchor="middle"
                    font-weight="bold" stroke="#ffffff" stroke-width="3" paint-order="stroke" {
                    (score(point.score_cents))
                }
            }
            @if labelled(index, count, dates_every) {
                text.point-date x=(x) y=(PLOT_BOTTOM + 18) text-anchor="middle" {
                    (shown(&point.label))
                }
            }
        }
    }
}

/// A dot's tooltip: date, score and grade, with no wording of either
/// language.
fn tooltip(point: &ChartPoint) -> String {
    format!(
        "{} · {} · {}",
        shown(&point.label),
        score(point.score_cents),
        shown(&point.grade)
    )
}

/// The terminal's sparkline: one of `▁▂▃▄▅▆▇█` per evaluation. The range
/// from `floor_cents` to 100 is cut into 8 equal levels, each including
/// its lower end; a score at or below the floor is `▁`, 100 is `█`. With
/// the floor at 60 each level is 5 points, so the levels meet the
/// built-in bands: 90.00 … 94.99 is `▇`, 95 and above `█`.
pub fn sparkline(points: &[ChartPoint], floor_cents: u32) -> String {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let top = LEVELS.len() - 1;
    let level = |cents: u32| -> usize {
        if floor_cents >= FULL {
            return if cents >= FULL { top } else { 0 };
        }
        let above = u64::from(cents.clamp(floor_cents, FULL) - floor_cents);
        let span = u64::from(FULL - floor_cents);
        usize::try_from(above * LEVELS.len() as u64 / span).map_or(top, |l| l.min(top))
    };
    points
        .iter()
        .map(|p| LEVELS[level(p.score_cents)])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(label: &str, score_cents: u32, grade: &str) -> ChartPoint {
        ChartPoint {
            label: label.to_string(),
            score_cents,
            grade: grade.to_string(),
        }
    }

    /// The built-in checklist's bands (docs/scoring.md §8.3 d).
    fn builtin_bands() -> Vec<ChartBand> {
        [
            (7000, "达标级"),
            (8000, "三星级（银牌）"),
            (9000, "四星级（金牌）"),
            (9500, "五星级（铂金）"),
        ]
        .into_iter()
        .map(|(min_cents, name)| ChartBand {
            min_cents,
            name: name.to_string(),
        })
        .collect()
    }

    /// examples/history/jiangnan: 86.10 (failed by a special deduction),
    /// 94.89, 94.38, 99.72 (examples/history/README.md).
    fn jiangnan() -> Vec<ChartPoint> {
        vec![
            point("2023-06-01", 8610, "不合格"),
            point("2024-05-20", 9489, "四星级（金牌）"),
            point("2025-05-15", 9438, "四星级（金牌）"),
            point("2026-05-12", 9972, "五星级（铂金）"),
        ]
    }

    /// The value of `attribute` in each element `<tag` of `svg` that has
    /// the class `class` (any class when `None`), in order.
    fn attributes(svg: &str, tag: &str, class: Option<&str>, attribute: &str) -> Vec<String> {
        let open = format!("<{tag}");
        svg.split(&open)
            .skip(1)
            .map(|rest| &rest[..rest.find('>').unwrap()])
            .filter(|element| {
                class.is_none_or(|class| element.contains(&format!("class=\"{class}\"")))
            })
            .filter_map(|element| {
                let key = format!(" {attribute}=\"");
                let start = element.find(&key)? + key.len();
                let end = start + element[start..].find('"').unwrap();
                Some(element[start..end].to_string())
            })
            .collect()
    }

    /// The texts of the `<text class="…">` elements.
    fn texts(svg: &str, class: &str) -> Vec<String> {
        let open = format!("<text class=\"{class}\"");
        svg.split(&open)
            .skip(1)
            .map(|rest| {
                let start = rest.find('>').unwrap() + 1;
                rest[start..start + rest[start..].find("</text>").unwrap()].to_string()
            })
            .collect()
    }

    #[test]
    fn a_score_is_taken_cut_to_hundredths() {
        // The example histories' scores (examples/history/README.md):
        // 4650/49 = 94.897… → 9489, never 9490; 9773/98 = 99.724… →
        // 9972; 90 → 9000; 3775/49 = 77.040… → 7704.
        assert_eq!(score_cents(&Exact::ratio(4650, 49)), 9489);
        assert_eq!(score_cents(&Exact::ratio(9773, 98)), 9972);
        assert_eq!(score_cents(&Exact::from_integer(90)), 9000);
        assert_eq!(score_cents(&Exact::ratio(3775, 49)), 7704);
        // 89.999 stays below the 90 line: 8999.
        assert_eq!(score_cents(&Exact::ratio(89_999, 1000)), 8999);
        // Out of 0 … 100 (never a score): at the ends.
        assert_eq!(score_cents(&Exact::from_integer(-1)), 0);
        assert_eq!(score_cents(&Exact::from_integer(101)), 10_000);
    }

    #[test]
    fn the_floor_is_60_or_lower_to_a_ten() {
        let bands = builtin_bands();
        // Every point at 70 or above, every band too: 60.
        assert_eq!(floor_cents(&jiangnan(), &bands), 6000);
        // 47.50 → 40; 59.99 → 50; exactly 50 → 50.
        assert_eq!(floor_cents(&[point("a", 4750, "")], &bands), 4000);
        assert_eq!(floor_cents(&[point("a", 5999, "")], &bands), 5000);
        assert_eq!(floor_cents(&[point("a", 5000, "")], &bands), 5000);
        // A band below 60 (a custom checklist's 55) shows too: 50.
        let low = [ChartBand {
            min_cents: 5500,
            name: "x".into(),
        }];
        assert_eq!(floor_cents(&[], &low), 5000);
        assert_eq!(floor_cents(&[point("a", 0, "")], &bands), 0);
    }

    #[test]
    fn y_is_exact_in_hundredths_of_a_point() {
        // Floor 60: the span 100 − 60 = 40 points = 4000 hundredths over
        // 300 units, 300000/4000 = 75 thousandths per hundredth; y = 24
        // units at 100.
        let axis = Axis { floor: 6000 };
        assert_eq!(axis.y(10_000), 24_000);
        assert_eq!(axis.y(9_000), 24_000 + 1_000 * 75); // 99
        assert_eq!(axis.y(8_999), 24_000 + 1_001 * 75); // 99.075
        assert_eq!(axis.y(6_000), 324_000);
        // Out of the axis: at its ends.
        assert_eq!(axis.y(5_000), 324_000);
        // Floor 0, the widest span: 300000/10000 = 30 thousandths per
        // hundredth, still more than one.
        let wide = Axis { floor: 0 };
        assert_eq!(wide.y(9_000), 24_000 + 1_000 * 30);
        assert_eq!(wide.y(8_999), 24_000 + 1_001 * 30);
        // Floor 30: span 7000, 1001 × 300000 / 7000 = 42900.0 and
        // 1000 × 300000 / 7000 = 42857.14…, cut to 42857.
        let odd = Axis { floor: 3000 };
        assert_eq!(odd.y(9_000), 24_000 + 42_857);
        assert_eq!(odd.y(8_999), 24_000 + 42_900);
    }

    #[test]
    fn a_dot_at_89_99_is_below_the_90_line_and_one_at_90_on_it() {
        let points = [
            point("2024-01-01", 8999, "三星级（银牌）"),
            point("2025-01-01", 9000, "四星级（金牌）"),
        ];
        let svg = svg(&points, &builtin_bands(), "t");
        // Band lines at 70, 80, 90, 95 with floor 60: y = 24 + (100 − m)
        // × 7.5: 249, 174, 99, 61.5.
        assert_eq!(
            attributes(&svg, "line", Some("band"), "y1"),
            ["249", "174", "99", "61.5"]
        );
        // 89.99: 24 + 1001 × 0.075 = 99.075, below (SVG's y grows
        // downwards) the 90 line at 99; 90.00: 99, on it.
        assert_eq!(attributes(&svg, "circle", None, "cy"), ["99.075", "99"]);
        assert_eq!(texts(&svg, "point-score"), ["89.99", "90.00"]);
    }

    #[test]
    fn the_jiangnan_history_is_drawn_where_worked_out() {
        let svg = svg(&jiangnan(), &builtin_bands(), "江南链融 评分");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 356\" width=\"100%\" role=\"img\""));
        assert!(svg.contains("<title>江南链融 评分</title>"));
        assert!(svg.contains(" font-family=\"'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'Helvetica Neue', Arial, sans-serif\""));
        // Four points from x = 70 to 570: 500/3 = 166.666… apart, cut
        // to thousandths: 70, 236.666, 403.333, 570.
        assert_eq!(
            attributes(&svg, "circle", None, "cx"),
            ["70", "236.666", "403.333", "570"]
        );
        // y = 24 + (10000 − cents) × 0.075: 86.10 → 24 + 1390 × 0.075 =
        // 128.25; 94.89 → 24 + 511 × 0.075 = 62.325; 94.38 → 24 + 562 ×
        // 0.075 = 66.15; 99.72 → 24 + 28 × 0.075 = 26.1.
        let ys = ["128.25", "62.325", "66.15", "26.1"];
        assert_eq!(attributes(&svg, "circle", None, "cy"), ys);
        assert_eq!(
            attributes(&svg, "polyline", None, "points"),
            ["70,128.25 236.666,62.325 403.333,66.15 570,26.1"]
        );
        // Every score and date printed: 166.666 apart is room for both.
        assert_eq!(
            texts(&svg, "point-score"),
            ["86.10", "94.89", "94.38", "99.72"]
        );
        assert_eq!(
            texts(&svg, "point-date"),
            ["2023-06-01", "2024-05-20", "2025-05-15", "2026-05-12"]
        );
        // Scores 8 units above their dots: 128.25 − 8 = 120.25, …
        assert_eq!(
            attributes(&svg, "text", Some("point-score"), "y"),
            ["120.25", "54.325", "58.15", "18.1"]
        );
        // 86.10 is in the silver band but graded 不合格 (the special
        // deduction): the one hollow dot.
        assert_eq!(attributes(&svg, "circle", Some("failed"), "cx"), ["70"]);
        assert!(svg.contains("<title>2023-06-01 · 86.10 · 不合格</title>"));
        assert!(svg.contains("<title>2026-05-12 · 99.72 · 五星级（铂金）</title>"));
    }

    #[test]
    fn each_band_is_shaded_to_the_next_and_named_in_its_middle() {
        let svg = svg(&jiangnan(), &builtin_bands(), "t");
        // Areas (floor 60): 达标级 70–80 from y 174 to 249 (height 75),
        // 银牌 80–90 99–174, 金牌 90–95 61.5–99 (37.5), 铂金 95–100
        // 24–61.5 (37.5); then the frame (y 24, height 300).
        assert_eq!(
            attributes(&svg, "rect", None, "y"),
            ["174", "99", "61.5", "24", "24"]
        );
        assert_eq!(
            attributes(&svg, "rect", None, "height"),
            ["75", "75", "37.5", "37.5", "300"]
        );
        // Names 4 units below each area's middle: (174 + 249)/2 + 4 =
        // 215.5, 140.5, 84.25, 46.75.
        for (name, y) in [
            ("达标级", "215.5"),
            ("三星级（银牌）", "140.5"),
            ("四星级（金牌）", "84.25"),
            ("五星级（铂金）", "46.75"),
        ] {
            assert!(
                svg.contains(&format!("<text x=\"606\" y=\"{y}\">{name}</text>")),
                "{name}"
            );
        }
        // Axis labels 60 … 100, then 95, the one band not on a ten.
        for (label, y) in [("60", "328"), ("90", "103"), ("100", "28"), ("95", "65.5")] {
            assert!(
                svg.contains(&format!(
                    "<text x=\"34\" y=\"{y}\" text-anchor=\"end\">{label}</text>"
                )),
                "{label}"
            );
        }
    }

    #[test]
    fn bands_are_drawn_as_given_in_any_order() {
        // A custom checklist's two bands, given highest first, one at
        // 92.50: floor 60, lines at 24 + 750 × 0.075 = 80.25 (92.5) and
        // 24 + 2500 × 0.075 = 211.5 (75).
        let bands = [
            ChartBand {
                min_cents: 9250,
                name: "优".into(),
            },
            ChartBand {
                min_cents: 7500,
                name: "良".into(),
            },
        ];
        let svg = svg(&jiangnan(), &bands, "t");
        assert_eq!(
            attributes(&svg, "line", Some("band"), "y1"),
            ["211.5", "80.25"]
        );
        assert!(svg.contains(">92.5</text>"));
        // 86.10 is in 良 by score and graded 不合格: hollow; the others
        // are graded by the built-in names, not 优: hollow too, since the
        // chart compares the names it is given.
        assert_eq!(attributes(&svg, "circle", Some("failed"), "cx").len(), 4);
    }

    #[test]
    fn a_long_band_name_is_written_smaller_to_fit() {
        // 110 units of room at font size 11: 五星级（铂金） is 7 wide
        // characters, 77 units, fits; "Five-star (Platinum)" is 20 × 6.05
        // = 121 units: font size 11 × 110 / 121 = 10 exactly; 十一 wide
        // ones are 121 units too; 一二三四五六七八九十 is 110, just fits.
        assert_eq!(NAME_ROOM, 110);
        assert_eq!(estimated_width("五星级（铂金）"), 77_000);
        assert_eq!(estimated_width("Five-star (Platinum)"), 121_000);
        let bands: Vec<ChartBand> = [
            "五星级（铂金）",
            "Five-star (Platinum)",
            "一二三四五六七八九十",
            "一二三四五六七八九十一",
        ]
        .into_iter()
        .zip([7000, 8000, 9000, 9500])
        .map(|(name, min_cents)| ChartBand {
            min_cents,
            name: name.into(),
        })
        .collect();
        let svg = svg(&[], &bands, "t");
        // The two names too long, written smaller; the others at the root's 11.
        assert_eq!(attributes(&svg, "text", None, "font-size"), ["10", "10"]);
        assert!(svg.contains("font-size=\"10\">Five-star (Platinum)</text>"));
    }

    #[test]
    fn user_text_is_escaped() {
        let points = [point("<b>&\"'", 9000, "金<牌>")];
        let bands = [ChartBand {
            min_cents: 9000,
            name: "A&B \"C\" <D>".into(),
        }];
        let svg = svg(&points, &bands, "</title><script>alert(1)</script>\u{202e}");
        assert!(!svg.contains("<script"));
        assert!(!svg.contains("<b>"));
        assert!(svg.contains(
            "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;\\u{202e}</title>"
        ));
        assert!(svg.contains("&lt;b&gt;&amp;&quot;'"));
        assert!(svg.contains("A&amp;B &quot;C&quot; &lt;D&gt;"));
        assert!(svg.contains("金&lt;牌&gt;"));
    }

    #[test]
    fn one_point_is_centred_and_none_leaves_the_bands() {
        let one = svg(&[point("2026-01-01", 9500, "x")], &builtin_bands(), "t");
        // (70 + 570) / 2 = 320; 95 → 61.5.
        assert_eq!(attributes(&one, "circle", None, "cx"), ["320"]);
        assert_eq!(attributes(&one, "circle", None, "cy"), ["61.5"]);
        let none = svg(&[], &builtin_bands(), "t");
        assert!(!none.contains("<circle") && !none.contains("<polyline"));
        assert_eq!(attributes(&none, "line", Some("band"), "y1").len(), 4);
    }

    #[test]
    fn hundreds_of_points_are_thinned_out_and_stay_linear() {
        let points: Vec<ChartPoint> = (0..301)
            .map(|i| point(&format!("d{i}"), 7000 + (i * 10) as u32, "g"))
            .collect();
        let svg = svg(&points, &builtin_bands(), "t");
        // 301 points over 500 units: 500000/300 = 1666 thousandths apart.
        // A date takes 70 units: every ⌈70000/1666⌉ = 43rd, counted from
        // the last (300): 300, 257, …, 85, 42; 42 is less than 43 from
        // the first, which takes its place: 7 dates, d0 first. A score
        // takes 40: every ⌈40000/1666⌉ = 25th: 300, 275, …, 0: 13 scores.
        let dates = texts(&svg, "point-date");
        assert_eq!(dates.len(), 7);
        assert_eq!(dates.first().unwrap(), "d0");
        assert_eq!(dates[1], "d85");
        assert_eq!(dates.last().unwrap(), "d300");
        assert_eq!(texts(&svg, "point-score").len(), 13);
        // Every dot is still drawn, radius 1666/3 → at least 1.5.
        assert_eq!(attributes(&svg, "circle", None, "r").len(), 301);
        assert_eq!(attributes(&svg, "circle", None, "r")[0], "1.5");
        // Linear: ten times the points, about ten times the text.
        let many: Vec<ChartPoint> = (0..3010).map(|i| points[i % 301].clone()).collect();
        let ratio = super::svg(&many, &builtin_bands(), "t").len() / svg.len();
        assert!((8..=12).contains(&ratio), "{ratio}");
    }

    #[test]
    fn milli_writes_thousandths_shortest() {
        assert_eq!(milli(62_325), "62.325");
        assert_eq!(milli(99_000), "99");
        assert_eq!(milli(61_500), "61.5");
        assert_eq!(milli(1_050), "1.05");
        assert_eq!(milli(-2_500), "-2.5");
        assert_eq!(milli(7), "0.007");
    }

    #[test]
    fn the_sparkline_levels_are_worked_out_by_hand() {
        // Floor 60: 8 levels of 5 points. 86.10: (2610 × 8) / 4000 =
        // 5.22 → ▆; 94.89: 3489 × 8 / 4000 = 6.97 → ▇; 94.38 → 6.87 →
        // ▇; 99.72: 3972 × 8 / 4000 = 7.94 → █.
        assert_eq!(sparkline(&jiangnan(), 6000), "▆▇▇█");
        // At the bands: 89.99 → 5.998 → ▆, 90.00 → 6 → ▇, 95 → 7 → █,
        // 100 → 8, the top level █; 60 and below → ▁; 64.99 → 0.998 → ▁;
        // 65 → ▂.
        let levels = |cents: &[u32]| {
            let points: Vec<ChartPoint> = cents.iter().map(|&c| point("d", c, "g")).collect();
            sparkline(&points, 6000)
        };
        assert_eq!(
            levels(&[8999, 9000, 9500, 10_000, 6000, 0, 6499, 6500]),
            "▆▇██▁▁▁▂"
        );
        // Floor 0: levels of 12.5 points: 12.49 → ▁, 12.50 → ▂, 50 → ▅.
        let points = [
            point("d", 1249, "g"),
            point("d", 1250, "g"),
            point("d", 5000, "g"),
        ];
        assert_eq!(sparkline(&points, 0), "▁▂▅");
        assert_eq!(sparkline(&[], 6000), "");
        // A floor at the top: only 100 is full.
        assert_eq!(sparkline(&points[..1], 10_000), "▁");
    }

    /// To look at: writes the jiangnan history's chart, and one of the
    /// breach folder's (scores 77.04, 88.77 and exactly 90), to
    /// `chart.html` in the temporary folder, for a browser to screenshot
    /// and print. `cargo test --lib history::chart -- --ignored`.
    #[test]
    #[ignore = "writes chart.html to look at in a browser"]
    fn write_a_page_to_look_at() {
        let breach = [
            point("2024-03-01", 7704, "达标级"),
            point("2025-04-10", 8877, "三星级（银牌）"),
            point("2026-03-20", 9000, "四星级（金牌）"),
        ];
        let english: Vec<ChartBand> = [
            "Compliant",
            "Three-star (Silver)",
            "Four-star (Gold)",
            "Five-star (Platinum)",
        ]
        .into_iter()
        .zip(builtin_bands())
        .map(|(name, band)| ChartBand {
            name: name.into(),
            ..band
        })
        .collect();
        let many: Vec<ChartPoint> = (0..120)
            .map(|i| {
                let cents = 6500 + (i * 271 % 3500) as u32;
                let grade = band_reached(&english.iter().collect::<Vec<_>>(), cents)
                    .map_or("Fail", |band| &english[band].name);
                point(
                    &format!("2026-{:02}-{:02}", i % 12 + 1, i % 28 + 1),
                    cents,
                    grade,
                )
            })
            .collect();
        let page = format!(
            "<!DOCTYPE html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>chart</title>\
             <style>@page {{ size: A4; margin: 14mm 12mm; }} body {{ max-width: 190mm; margin: 0 auto; }}</style>\
             </head><body><h1>江南链融科技有限公司</h1>{}<h1>北辰存证科技有限公司</h1>{}<h1>120</h1>{}\
             <p>{}</p></body></html>",
            svg(
                &jiangnan(),
                &builtin_bands(),
                "江南链融科技有限公司 供应链金融区块链服务平台 评分"
            ),
            svg(
                &breach,
                &builtin_bands(),
                "北辰存证科技有限公司 司法电子存证区块链服务 评分"
            ),
            svg(&many, &english, "120"),
            sparkline(&jiangnan(), floor_cents(&jiangnan(), &builtin_bands())),
        );
        std::fs::write(std::env::temp_dir().join("chart.html"), page).unwrap();
    }
}
