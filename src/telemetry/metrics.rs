//! Labelled counters, gauges and histograms kept in memory, written out in the Prometheus text
//! exposition format (0.0.4). A family's label names are fixed when it is declared; its series
//! appear as label values are first used, so whoever records must keep those values bounded
//! (names from a catalog, never raw client input).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Mutex, PoisonError};

/// Upper bounds (seconds) for request and call durations: the buckets the OpenTelemetry MCP
/// conventions advise for `mcp.server.operation.duration`.
pub(crate) const DURATION_BUCKETS: &[f64] = &[
    0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0,
];

/// One histogram series: a count per bucket (not cumulative), the sum and the count.
#[derive(Debug, Clone, Default)]
struct Buckets {
    counts: Vec<u64>,
    sum: f64,
    count: u64,
}

/// A family of series sharing a name, help text and label names.
struct Family<T> {
    name: &'static str,
    help: &'static str,
    labels: &'static [&'static str],
    series: Mutex<BTreeMap<Vec<String>, T>>,
}

impl<T: Default> Family<T> {
    fn new(name: &'static str, help: &'static str, labels: &'static [&'static str]) -> Self {
        Family {
            name,
            help,
            labels,
            series: Mutex::new(BTreeMap::new()),
        }
    }

    fn with(&self, values: &[&str], f: impl FnOnce(&mut T)) {
        debug_assert_eq!(values.len(), self.labels.len(), "{}", self.name);
        let key: Vec<String> = values.iter().map(|v| (*v).to_string()).collect();
        let mut series = self.series.lock().unwrap_or_else(PoisonError::into_inner);
        f(series.entry(key).or_default());
    }

    fn header(&self, out: &mut String, kind: &str) {
        let _ = writeln!(out, "# HELP {} {}", self.name, self.help);
        let _ = writeln!(out, "# TYPE {} {kind}", self.name);
    }
}

impl<T: Default + std::fmt::Display> Family<T> {
    /// A family of one value per series (a counter's or a gauge's): its header, then a sample
    /// per series.
    fn render_plain(&self, out: &mut String, kind: &str) {
        self.header(out, kind);
        let series = self.series.lock().unwrap_or_else(PoisonError::into_inner);
        for (values, n) in series.iter() {
            sample(
                out,
                self.name,
                "",
                self.labels,
                values,
                None,
                &n.to_string(),
            );
        }
    }
}

/// A monotonic count per label set.
pub(crate) struct Counter(Family<u64>);

impl Counter {
    pub(crate) fn new(
        name: &'static str,
        help: &'static str,
        labels: &'static [&'static str],
    ) -> Counter {
        Counter(Family::new(name, help, labels))
    }

    pub(crate) fn inc(&self, values: &[&str]) {
        self.0.with(values, |c| *c += 1);
    }

    /// The count of one series (0 when it does not exist).
    #[cfg(test)]
    pub(crate) fn get(&self, values: &[&str]) -> u64 {
        let key: Vec<String> = values.iter().map(|v| (*v).to_string()).collect();
        self.0
            .series
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
            .copied()
            .unwrap_or(0)
    }

    pub(crate) fn render(&self, out: &mut String) {
        self.0.render_plain(out, "counter");
    }
}

/// A value per label set that goes up and down (things in progress).
pub(crate) struct Gauge(Family<i64>);

impl Gauge {
    pub(crate) fn new(
        name: &'static str,
        help: &'static str,
        labels: &'static [&'static str],
    ) -> Gauge {
        Gauge(Family::new(name, help, labels))
    }

    pub(crate) fn add(&self, values: &[&str], delta: i64) {
        self.0.with(values, |g| *g += delta);
    }

    pub(crate) fn render(&self, out: &mut String) {
        self.0.render_plain(out, "gauge");
    }
}

/// Observations counted into fixed buckets, per label set.
pub(crate) struct Histogram {
    family: Family<Buckets>,
    bounds: &'static [f64],
}

impl Histogram {
    pub(crate) fn new(
        name: &'static str,
        help: &'static str,
        labels: &'static [&'static str],
        bounds: &'static [f64],
    ) -> Histogram {
        Histogram {
            family: Family::new(name, help, labels),
            bounds,
        }
    }

    pub(crate) fn observe(&self, values: &[&str], value: f64) {
        let slot = self
            .bounds
            .iter()
            .position(|b| value <= *b)
            .unwrap_or(self.bounds.len());
        let slots = self.bounds.len() + 1;
        self.family.with(values, |h| {
            if h.counts.len() != slots {
                h.counts = vec![0; slots];
            }
            h.counts[slot] += 1;
            h.sum += value;
            h.count += 1;
        });
    }

    /// The bucket bounds.
    pub(crate) fn bounds(&self) -> &'static [f64] {
        self.bounds
    }

    /// The label names.
    pub(crate) fn labels(&self) -> &'static [&'static str] {
        self.family.labels
    }

    /// Every series now: its label values, count per bucket (not cumulative, one more than the
    /// bounds), sum and count.
    pub(crate) fn points(&self) -> Vec<(Vec<String>, Vec<u64>, f64, u64)> {
        let series = self
            .family
            .series
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        series
            .iter()
            .map(|(values, h)| (values.clone(), h.counts.clone(), h.sum, h.count))
            .collect()
    }

    pub(crate) fn render(&self, out: &mut String) {
        let f = &self.family;
        f.header(out, "histogram");
        let series = f.series.lock().unwrap_or_else(PoisonError::into_inner);
        for (values, h) in series.iter() {
            let mut cumulative = 0;
            for (i, bound) in self.bounds.iter().enumerate() {
                cumulative += h.counts.get(i).copied().unwrap_or(0);
                let le = format_float(*bound);
                sample(
                    out,
                    f.name,
                    "_bucket",
                    f.labels,
                    values,
                    Some(&le),
                    &cumulative.to_string(),
                );
            }
            let count = h.count.to_string();
            sample(
                out,
                f.name,
                "_bucket",
                f.labels,
                values,
                Some("+Inf"),
                &count,
            );
            sample(
                out,
                f.name,
                "_sum",
                f.labels,
                values,
                None,
                &format_float(h.sum),
            );
            sample(out, f.name, "_count", f.labels, values, None, &count);
        }
    }
}

/// A gauge whose values are read when the metrics are written (sessions, upstream states).
pub(crate) fn render_snapshot(
    out: &mut String,
    name: &str,
    help: &str,
    labels: &[&str],
    rows: &BTreeMap<Vec<String>, u64>,
) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} gauge");
    for (values, n) in rows {
        sample(out, name, "", labels, values, None, &n.to_string());
    }
}

/// One line: `name{a="x",le="0.1"} value`.
fn sample(
    out: &mut String,
    name: &str,
    suffix: &str,
    labels: &[&str],
    values: &[String],
    le: Option<&str>,
    value: &str,
) {
    out.push_str(name);
    out.push_str(suffix);
    let pairs = labels
        .iter()
        .zip(values)
        .map(|(l, v)| (*l, v.as_str()))
        .chain(le.map(|le| ("le", le)));
    let mut first = true;
    for (label, v) in pairs {
        out.push(if first { '{' } else { ',' });
        first = false;
        out.push_str(label);
        out.push_str("=\"");
        escape_into(out, v);
        out.push('"');
    }
    if !first {
        out.push('}');
    }
    out.push(' ');
    out.push_str(value);
    out.push('\n');
}

/// Label values escape `\`, `"` and newlines (the format's only rule for them).
fn escape_into(out: &mut String, v: &str) {
    for c in v.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
}

/// Prometheus floats: `0.1`, `1`, `+Inf`.
fn format_float(v: f64) -> String {
    if v.is_infinite() {
        return if v > 0.0 { "+Inf" } else { "-Inf" }.into();
    }
    format!("{v}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_render_one_line_per_series_with_escaped_labels() {
        let c = Counter::new("x_total", "Things.", &["a", "b"]);
        c.inc(&["1", "q\"u\\o\nte"]);
        c.inc(&["1", "q\"u\\o\nte"]);
        c.inc(&["0", "z"]);
        let mut out = String::new();
        c.render(&mut out);
        assert_eq!(
            out,
            "# HELP x_total Things.\n# TYPE x_total counter\nx_total{a=\"0\",b=\"z\"} 1\nx_total{a=\"1\",b=\"q\\\"u\\\\o\\nte\"} 2\n"
        );
        assert_eq!(c.get(&["0", "z"]), 1);
        assert_eq!(c.get(&["9", "z"]), 0);
    }

    #[test]
    fn histograms_are_cumulative_with_sum_and_count() {
        const B: &[f64] = &[0.1, 1.0];
        let h = Histogram::new("d_seconds", "Time.", &["m"], B);
        h.observe(&["x"], 0.05);
        h.observe(&["x"], 0.5);
        h.observe(&["x"], 7.0);
        let mut out = String::new();
        h.render(&mut out);
        assert_eq!(
            out,
            "# HELP d_seconds Time.\n# TYPE d_seconds histogram\n\
             d_seconds_bucket{m=\"x\",le=\"0.1\"} 1\n\
             d_seconds_bucket{m=\"x\",le=\"1\"} 2\n\
             d_seconds_bucket{m=\"x\",le=\"+Inf\"} 3\n\
             d_seconds_sum{m=\"x\"} 7.55\n\
             d_seconds_count{m=\"x\"} 3\n"
        );
    }

    #[test]
    fn gauges_go_both_ways_and_snapshots_render_as_gauges() {
        let g = Gauge::new("g", "Now.", &[]);
        g.add(&[], 2);
        g.add(&[], -1);
        let mut out = String::new();
        g.render(&mut out);
        assert_eq!(out, "# HELP g Now.\n# TYPE g gauge\ng 1\n");
        let mut rows = BTreeMap::new();
        rows.insert(vec!["v".to_string()], 3);
        let mut out = String::new();
        render_snapshot(&mut out, "s", "Live.", &["vmcp"], &rows);
        assert_eq!(out, "# HELP s Live.\n# TYPE s gauge\ns{vmcp=\"v\"} 3\n");
    }
}
