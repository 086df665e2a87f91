//! What the printed 细则 says, once, as data: the header, and per
//! category and group each indicator's check text, points, levels with
//! their conditions, sampling, methods and exclusion. Each format only
//! draws it (`super` for the terminal, Markdown and HTML, `xlsx::rules`).

use crate::checklist::{Checklist, Indicator};
use crate::number::{Exact, MAX_DECIMAL_DIGITS, trimmed};
use crate::render::labels::{Lang, RuleLabels};
use crate::render::words::Words;
use crate::rules::{Level, Rule, Rules, Sampling};
use crate::text::on_one_line;

fn exact_figure(value: &Exact) -> String {
    trimmed(value, MAX_DECIMAL_DIGITS as u32)
}

/// Where an indicator's rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// The file names the indicator.
    Named,
    /// The file's `[defaults]`.
    Defaults,
    /// No rule: Appendix A alone, any coefficient.
    Unspecified,
}

/// One coefficient an indicator may take, and when.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LevelLine {
    /// The coefficient, exact (`0.5`).
    pub coefficient: String,
    /// Its condition, as the format shows the 细则's text.
    pub when: Option<String>,
}

impl LevelLine {
    /// `0.5 — 缺少其中一至两项`, or the coefficient alone.
    pub fn line(&self, labels: &RuleLabels) -> String {
        match &self.when {
            Some(when) => format!("{}{}{when}", self.coefficient, labels.condition_dash),
            None => self.coefficient.clone(),
        }
    }
}

/// One indicator of the printed 细则.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    /// Its id, with its aliases (`4.2.c` over `(= …)`).
    pub id: String,
    /// Appendix A's check text.
    pub check: String,
    /// Its points, exact.
    pub points: String,
    /// Where its rule comes from.
    pub source: Source,
    /// The coefficients it may take, lowest first (empty: any).
    pub levels: Vec<LevelLine>,
    /// How it is sampled, one line each (the unit and minimum, then how
    /// the coefficient follows), if it is.
    pub sampling: Vec<String>,
    /// How it is examined, one line each: where the rule comes from when
    /// the file does not name it, methods, evidence, exclusion, guidance.
    pub examined: Vec<String>,
}

impl Entry {
    /// The lines of the coefficients column: each level with its
    /// condition, the sampling, or that any coefficient may be given.
    pub fn level_lines(&self, labels: &RuleLabels) -> Vec<String> {
        let mut lines: Vec<String> = self.levels.iter().map(|l| l.line(labels)).collect();
        lines.extend(self.sampling.iter().cloned());
        if lines.is_empty() {
            lines.push(labels.any_coefficient.to_string());
        }
        lines
    }

    /// The entry as a row of text cells: id, check text, points, the
    /// coefficients, how it is examined.
    pub fn cells(&self, labels: &RuleLabels) -> Vec<String> {
        vec![
            self.id.clone(),
            self.check.clone(),
            self.points.clone(),
            self.level_lines(labels).join("\n"),
            self.examined.join("\n"),
        ]
    }
}

/// A group of Appendix A and its indicators.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct GroupPart {
    /// `4.1`.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its heading: `4.1 服务咨询（分值 4）`.
    pub heading: String,
    /// Its total points, exact.
    pub points: String,
    /// Its indicators, in checklist order.
    pub entries: Vec<Entry>,
}

/// A category of Appendix A and its groups.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CategoryPart {
    /// Its name.
    pub name: String,
    /// Its heading: `服务要求（分值 33）`.
    pub heading: String,
    /// Its total points, exact.
    pub points: String,
    /// Its groups, in checklist order.
    pub groups: Vec<GroupPart>,
}

/// The printed 细则, as data every format draws.
#[derive(Debug, Clone)]
pub(crate) struct Document {
    /// The fixed words.
    pub labels: &'static RuleLabels,
    /// The 细则's title.
    pub title: String,
    /// Its version.
    pub version: String,
    /// The standard it applies to: the checklist's code and title.
    pub standard: String,
    /// SHA-256 of the file, whole.
    pub sha256: String,
    /// How many indicators it names, defaults, leaves to Appendix A.
    pub coverage: String,
    /// The headings of the indicators' columns.
    pub headings: [String; 5],
    /// Appendix A's categories, in order.
    pub categories: Vec<CategoryPart>,
}

impl Document {
    /// The document of `rules` over `checklist`, in `words`' language;
    /// `shown` is how this format shows the 细则 file's own text.
    ///
    /// That text is put on one line first, its line breaks shown as ⏎, in
    /// every format: a cell lists one item a line (a level, the exclusion),
    /// and a line break in a condition or a guidance must not print as a
    /// level or an exclusion of its own.
    pub fn of(
        rules: &Rules,
        checklist: &Checklist,
        words: &Words<'_>,
        shown: &dyn Fn(&str) -> String,
    ) -> Document {
        let shown = &|text: &str| shown(&on_one_line(text));
        let labels = RuleLabels::of(words.lang);
        let entries: Vec<Entry> = (checklist.indicators.iter().enumerate())
            .map(|(index, indicator)| entry(rules, index, indicator, words, shown))
            .collect();
        let count = |source: Source| entries.iter().filter(|e| e.source == source).count();
        let coverage = words.rules_coverage(
            count(Source::Named),
            count(Source::Defaults),
            count(Source::Unspecified),
        );
        Document {
            labels,
            title: shown(&rules.title),
            version: shown(&rules.version),
            standard: words.standard(),
            sha256: shown(&rules.sha256),
            coverage,
            headings: [
                words.labels.id,
                words.labels.check_text,
                words.labels.points,
                labels.levels,
                labels.examined,
            ]
            .map(String::from),
            categories: categories(checklist, words, entries),
        }
    }

    /// The header lines: version, standard, digest (as `digest` shows
    /// it), coverage.
    pub fn header(&self, digest: String) -> Vec<(String, String)> {
        let labels = self.labels;
        [
            (labels.version, self.version.clone()),
            (labels.applies_to, self.standard.clone()),
            (labels.digest, digest),
        ]
        .map(|(label, value)| (label.to_string(), value))
        .into_iter()
        .collect()
    }
}

/// The entries sorted into Appendix A's categories and groups, in order.
fn categories(checklist: &Checklist, words: &Words<'_>, entries: Vec<Entry>) -> Vec<CategoryPart> {
    let labels = words.labels;
    let (open, close) = labels.brackets;
    let heading = |name: &str, points: &Exact| {
        let points = exact_figure(points);
        format!("{name}{open}{} {points}{close}", labels.category_points)
    };
    let mut parts: Vec<CategoryPart> = (checklist.categories.iter())
        .map(|category| CategoryPart {
            name: words.category(category).to_string(),
            heading: heading(words.category(category), &category.total),
            points: exact_figure(&category.total),
            groups: Vec::new(),
        })
        .collect();
    let mut groups: Vec<GroupPart> = (checklist.groups.iter())
        .map(|group| GroupPart {
            id: group.id.clone(),
            name: words.group(group).to_string(),
            heading: heading(
                &format!("{} {}", group.id, words.group(group)),
                &group.total,
            ),
            points: exact_figure(&group.total),
            entries: Vec::new(),
        })
        .collect();
    for (indicator, entry) in checklist.indicators.iter().zip(entries) {
        if let Some(group) = groups.get_mut(indicator.group) {
            group.entries.push(entry);
        }
    }
    for (group, part) in checklist.groups.iter().zip(groups) {
        if let Some(category) = parts.get_mut(group.category) {
            category.groups.push(part);
        }
    }
    parts
}

/// The entry of the indicator at `index`.
fn entry(
    rules: &Rules,
    index: usize,
    indicator: &Indicator,
    words: &Words<'_>,
    shown: &dyn Fn(&str) -> String,
) -> Entry {
    let labels = RuleLabels::of(words.lang);
    let rule = rules.rule(index);
    let source = match (rules.names(index), rule) {
        (true, _) => Source::Named,
        (false, Some(_)) => Source::Defaults,
        (false, None) => Source::Unspecified,
    };
    let mut id = indicator.id.clone();
    if !indicator.aliases.is_empty() {
        id = format!("{id}\n(= {})", indicator.aliases.join(", "));
    }
    let mut examined = match source {
        Source::Named => Vec::new(),
        Source::Defaults => vec![labels.from_defaults.to_string()],
        Source::Unspecified => vec![labels.unspecified.to_string()],
    };
    examined.extend(
        rule.map(|rule| examined_lines(rule, words, shown))
            .into_iter()
            .flatten(),
    );
    Entry {
        id,
        check: words.indicator(indicator).to_string(),
        points: exact_figure(&indicator.points),
        source,
        levels: (rule
            .and_then(|rule| rule.levels.as_deref())
            .unwrap_or_default())
        .iter()
        .map(|level| level_line(level, shown))
        .collect(),
        sampling: (rule.and_then(|rule| rule.sample.as_ref()))
            .map(|sample| sampling_lines(sample, labels, words, shown))
            .unwrap_or_default(),
        examined,
    }
}

fn level_line(level: &Level, shown: &dyn Fn(&str) -> String) -> LevelLine {
    LevelLine {
        coefficient: exact_figure(&level.coefficient),
        when: level.when.as_deref().map(shown),
    }
}

/// `抽样单位：需求变更记录，至少 5 个`, then how the coefficient follows.
fn sampling_lines(
    sample: &Sampling,
    labels: &RuleLabels,
    words: &Words<'_>,
    shown: &dyn Fn(&str) -> String,
) -> Vec<String> {
    let separator = match words.lang {
        Lang::Zh => "，",
        Lang::En => ", ",
    };
    vec![
        format!(
            "{}{}{}{separator}{}{}{}",
            labels.sampling_unit,
            words.labels.colon,
            shown(&sample.unit),
            labels.at_least,
            sample.minimum,
            labels.items
        ),
        labels.sample_coefficient.to_string(),
    ]
}

/// Methods, evidence, exclusion and guidance, a labelled line each.
fn examined_lines(rule: &Rule, words: &Words<'_>, shown: &dyn Fn(&str) -> String) -> Vec<String> {
    let labels = RuleLabels::of(words.lang);
    let (colon, separator) = (words.labels.colon, words.labels.list_separator);
    let mut lines = Vec::new();
    if !rule.methods.is_empty() {
        let methods: Vec<String> = (rule.methods.iter())
            .map(|method| method.name().get(words.lang).to_string())
            .collect();
        lines.push(format!(
            "{}{colon}{}",
            labels.methods,
            methods.join(separator)
        ));
    }
    if !rule.evidence.is_empty() {
        let evidence: Vec<String> = rule.evidence.iter().map(|item| shown(item)).collect();
        lines.push(format!(
            "{}{colon}{}",
            labels.evidence,
            evidence.join(separator)
        ));
    }
    lines.push(
        match rule.exclusion {
            true => labels.excludable,
            false => labels.not_excludable,
        }
        .to_string(),
    );
    if let Some(guidance) = &rule.guidance {
        lines.push(format!("{}{colon}{}", labels.guidance, shown(guidance)));
    }
    lines
}
