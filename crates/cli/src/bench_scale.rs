//! `dyad bench scale`: how time and memory grow with one document's size.
//!
//! Each input is coded by a child `dyad code` process (so each gets its own
//! peak memory), with the limits raised so that the work itself is measured:
//! web pages of 1, 5 and 50 MB of news-like text, and pages of 10,000 and
//! 100,000 nested elements (these with the default depth limit, which
//! refuses them after one linear pass over the markup). Time per MB is
//! given against the 1 MB page of the same run: a ratio near 1 means linear
//! growth.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};

/// Sentences about other actors than any test set, cycled to any size.
const SENTENCES: &[&str] = &[
    "The foreign minister of Chile met his Peruvian counterpart in Lima on Monday.",
    "Rebels attacked an army post near the border, killing three soldiers, officials said.",
    "\u{201c}We will not accept these terms,\u{201d} said Maria Santos, a spokeswoman for the ministry.",
    "Kenya and Uganda signed a trade agreement after two days of talks in Nairobi.",
    "Police arrested dozens of protesters outside parliament in Accra on Friday.",
    "The European Union imposed new sanctions on Belarus over the crackdown.",
    "Japan's prime minister urged China to release the detained businessmen.",
    "Analysts at a Canberra think tank said the deal could reshape regional security.",
];

fn page(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 1024);
    out.push_str("<html><head><title>Scale test</title></head><body><article>\n");
    let mut k = 0;
    while out.len() < bytes {
        out.push_str("<p>");
        for _ in 0..4 {
            out.push_str(SENTENCES[k % SENTENCES.len()]);
            out.push(' ');
            k += 1;
        }
        out.push_str("</p>\n");
    }
    out.push_str("</article></body></html>\n");
    out
}

fn nested(n: usize) -> String {
    format!(
        "<html><body>{}Talks resumed in Oslo.{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    )
}

/// One child run: wall time and CPU time (user + system) in seconds, peak
/// resident memory (MiB), and whether it succeeded.
struct Run {
    wall: f64,
    cpu: f64,
    mib: f64,
    ok: bool,
}

/// Seconds in a `timeval`.
fn secs(t: libc::timeval) -> f64 {
    t.tv_sec as f64 + t.tv_usec as f64 / 1e6
}

fn measure(exe: &Path, input: &Path, raise_limits: bool) -> Result<Run> {
    let mut cmd = std::process::Command::new(exe);
    cmd.arg("code").arg(input);
    if raise_limits {
        cmd.args(["--max-bytes", "1000000000", "--max-tokens", "1000000000"]);
    }
    cmd.stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let t = Instant::now();
    let child = cmd.spawn().context("starting dyad code")?;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waiting for the child we just spawned, with valid pointers.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    anyhow::ensure!(pid > 0, "wait4 failed");
    let wall = t.elapsed().as_secs_f64();
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    Ok(Run {
        wall,
        cpu: secs(usage.ru_utime) + secs(usage.ru_stime),
        mib: usage.ru_maxrss as f64 / 1024.0,
        ok,
    })
}

pub fn run(sizes_mb: &[usize]) -> Result<()> {
    let exe = std::env::current_exe()?;
    let dir: PathBuf = std::env::temp_dir().join(format!("dyad-scale-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    // Wall time per MB against the 1 MB page, and CPU time too: on a
    // machine busy with other work, the CPU ratio is the steadier measure of
    // how the work grows.
    let mut base: Option<(f64, f64)> = None;
    for &mb in sizes_mb {
        let path = dir.join(format!("page-{mb}mb.html"));
        std::fs::write(&path, page(mb * 1_000_000))?;
        let r = measure(&exe, &path, true)?;
        let (per_mb, cpu_per_mb) = (r.wall / mb as f64, r.cpu / mb as f64);
        let (b, cb) = *base.get_or_insert((per_mb, cpu_per_mb));
        println!(
            "scale: {mb} MB page: {:.2} s, peak {:.0} MiB, {per_mb:.2} s/MB = {:.2}x the 1 MB page's time per MB; CPU {cpu_per_mb:.2} s/MB = {:.2}x{}",
            r.wall,
            r.mib,
            per_mb / b,
            cpu_per_mb / cb,
            if r.ok { "" } else { " (failed)" }
        );
        std::fs::remove_file(&path)?;
    }
    let mut base: Option<f64> = None;
    for n in [10_000usize, 100_000] {
        let path = dir.join(format!("nested-{n}.html"));
        std::fs::write(&path, nested(n))?;
        let r = measure(&exe, &path, false)?;
        let per = r.wall / (n as f64 / 10_000.0);
        let b = *base.get_or_insert(per);
        println!(
            "scale: {n} nested elements: {:.2} s, peak {:.0} MiB, {:.2}x the 10,000's time per element ({})",
            r.wall,
            r.mib,
            per / b,
            if r.ok { "coded" } else { "refused by --max-depth" }
        );
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
