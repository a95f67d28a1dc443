//! Speed: building the index for 500 and 5,000 tools, replacing one server's tools in the
//! large one (a `list_changed`), and query latency.
//!
//! Times are the thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`): on a shared machine, wall time
//! mostly measures the other processes. Even CPU time varies by a third there (caches and
//! cores are shared), so builds show the best of several runs, which is the least disturbed,
//! then the median CPU and wall times.

use std::time::{Duration, Instant};

use nix::time::{ClockId, clock_gettime};

use serde_json::Value;
use vmcp::search::eval::{CorpusServer, LabelledQuery};
use vmcp::search::{Bm25f, Ranker, SearchIndex};

/// `n` tools made from the corpus. Copy `k` of a server is named `{server}-{k}`, and its
/// descriptions lose every seventh word (from the `k`-th) and gain a word of their own, so
/// copies are near duplicates, as servers of one kind are, not clones.
fn synthesise(corpus: &[CorpusServer], n: usize) -> Vec<CorpusServer> {
    let mut out = Vec::new();
    let mut count = 0;
    for k in 0.. {
        for s in corpus {
            if count >= n {
                return out;
            }
            let take = s.tools.len().min(n - count);
            let mut copy = CorpusServer {
                server: if k == 0 {
                    s.server.clone()
                } else {
                    format!("{}-{k}", s.server)
                },
                tools: s.tools[..take].to_vec(),
                original_names: s.original_names[..take].to_vec(),
            };
            if k > 0 {
                for (def, original) in copy.tools.iter_mut().zip(&copy.original_names) {
                    def["name"] = Value::from(format!("{}_{original}", copy.server));
                    let words: Vec<&str> = def["description"]
                        .as_str()
                        .unwrap_or("")
                        .split(' ')
                        .enumerate()
                        .filter(|(i, _)| (i + k) % 7 != 0)
                        .map(|(_, w)| w)
                        .collect();
                    def["description"] = Value::from(format!("{} variant{k}", words.join(" ")));
                }
            }
            count += take;
            out.push(copy);
        }
    }
    out
}

/// The index of `servers`, from their tool definitions (reading them included).
fn build(servers: &[CorpusServer]) -> SearchIndex {
    let mut index = SearchIndex::default();
    for s in servers {
        index.set_server(&s.server, &s.docs());
    }
    index
}

/// CPU time used by this thread so far.
fn cpu() -> Duration {
    let t = clock_gettime(ClockId::CLOCK_THREAD_CPUTIME_ID).unwrap();
    Duration::new(
        t.tv_sec().unsigned_abs(),
        u32::try_from(t.tv_nsec()).unwrap(),
    )
}

/// Runs `f` and returns its (CPU, wall) time.
fn time<T>(f: impl FnOnce() -> T) -> (Duration, Duration) {
    let (c, w) = (cpu(), Instant::now());
    std::hint::black_box(f());
    (cpu().saturating_sub(c), w.elapsed())
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// The sample below which a share `p` (0 to 1) of `sorted` lies.
fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let below = ((sorted.len() - 1) as f64 * p).round();
    sorted[(0..sorted.len())
        .take_while(|&i| (i as f64) < below)
        .count()]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// `reps` runs of `f`: "best CPU ms (median CPU, median wall)".
fn runs<T>(reps: usize, mut f: impl FnMut() -> T) -> String {
    let (c, w): (Vec<Duration>, Vec<Duration>) = (0..reps).map(|_| time(&mut f)).unzip();
    let best = c.iter().min().copied().unwrap_or_default();
    format!(
        "{:>7.2} ms  ({:.2}, wall {:.2})",
        ms(best),
        ms(median(c)),
        ms(median(w))
    )
}

pub(crate) fn report(corpus: &[CorpusServer], queries: &[LabelledQuery]) {
    println!(
        "\nSpeed: thread CPU time, best of the runs (median CPU, median wall); targets: 5,000-tool \
         index <= 50 ms, query p99 <= 1 ms"
    );
    for n in [500, 5000] {
        let servers = synthesise(corpus, n);
        let reps = if n > 1000 { 15 } else { 41 };
        println!(
            "  index build, {n:>5} tools ({:>3} servers):  {}",
            servers.len(),
            runs(reps, || build(&servers))
        );
        // The same without the servers' summaries for the description of search_tools.
        let ranking = runs(reps, || {
            let mut ranker = Bm25f::default();
            let mut slot = 0;
            for s in &servers {
                for doc in s.docs() {
                    ranker.add(slot, &doc);
                    slot += 1;
                }
            }
            ranker
        });
        println!("    of which the ranking index:          {ranking}");
    }
    let servers = synthesise(corpus, 5000);
    // How fast this machine is: a plain loop over the same text, to compare figures taken on
    // different machines.
    let calibration = runs(15, || {
        let mut n = 0;
        for s in &servers {
            for doc in s.docs() {
                doc.for_each_text(|_, t| n += t.chars().filter(|c| c.is_alphanumeric()).count());
            }
        }
        n
    });
    println!(
        "  (calibration: reading those 5,000 definitions and counting their letters: {calibration})"
    );
    let mut index = build(&servers);
    let playwright = servers.iter().find(|s| s.server == "playwright").unwrap();
    let replace = runs(51, || {
        index.set_server(&playwright.server, &playwright.docs());
    });
    println!(
        "  replace one server's {} tools in the 5,000:  {replace}",
        playwright.tools.len()
    );
    println!("  query latency, CPU (wall):");
    for (label, index) in [("527", build(corpus)), ("5,000", index)] {
        let (mut c, mut w) = (Vec::new(), Vec::new());
        for _ in 0..20 {
            for q in queries {
                let (qc, qw) = time(|| index.search(&q.query, 8));
                c.push(qc);
                w.push(qw);
            }
        }
        c.sort();
        w.sort();
        println!(
            "    {label:>5} tools: p50 {:.3} ms, p99 {:.3} ms  (wall p50 {:.3}, p99 {:.3})",
            ms(percentile(&c, 0.5)),
            ms(percentile(&c, 0.99)),
            ms(percentile(&w, 0.5)),
            ms(percentile(&w, 0.99)),
        );
    }
}
