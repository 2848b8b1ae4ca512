//! The progress bar of a long run.

/// A progress bar on standard error while files are scanned: only when standard error is a
/// terminal, and only once the run has lasted more than a moment, so that quick runs and CI logs
/// stay clean.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    started: std::time::Instant,
}

impl Progress {
    /// How long a run goes before the bar appears.
    const AFTER: std::time::Duration = std::time::Duration::from_millis(700);

    pub fn new(files: usize, quiet: bool) -> Self {
        use std::io::IsTerminal;
        let bar = (!quiet && std::io::stderr().is_terminal() && files > 1).then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(files as u64),
                indicatif::ProgressDrawTarget::hidden(),
            );
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} scanning {pos}/{len} files {wide_msg}",
                )
                .expect("the template is valid"),
            );
            bar
        });
        Progress {
            bar,
            started: std::time::Instant::now(),
        }
    }

    pub fn file_done(&self, name: &str) {
        if let Some(bar) = &self.bar {
            if bar.is_hidden() && self.started.elapsed() > Self::AFTER {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
            bar.set_message(crate::report::escape::terminal(name).into_owned());
            bar.inc(1);
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
