//! Writing a report where it goes, whole or not at all.

use std::io::Write;
use std::path::{Path, PathBuf};

/// One output, rendered into a temporary file and checked, waiting to be put in place: a run
/// that fails while writing (a full disk, a log over GitHub's limit, a crash) never leaves a
/// half-written report where the next step of a pipeline would upload it, several formats are
/// put in place only once every one is whole, and memory holds no copy of the text.
///
/// A regular file (or nothing) at the destination is replaced by a rename from the same folder;
/// so is a symbolic link, which is never followed (a link planted in a checkout must not make a
/// report overwrite what it points to). A destination that is not a regular file (standard
/// output, `/dev/null`, a pipe) gets the text copied into it once it is whole.
pub struct Rendered {
    file: tempfile::NamedTempFile,
    destination: Destination,
}

enum Destination {
    Renamed(PathBuf),
    /// Opened when the output is rendered, so that a destination that cannot be written stops
    /// the run before any output is put in place.
    Copied(PathBuf, std::fs::File),
    Stdout,
}

impl Rendered {
    pub fn new(
        path: Option<&Path>,
        render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
        check: impl FnOnce(&mut std::fs::File) -> Result<(), String>,
    ) -> Result<Rendered, String> {
        let cannot = cannot_write(path);
        let destination = match path {
            Some(path) => match std::fs::symlink_metadata(path) {
                Ok(m) if m.is_file() || m.file_type().is_symlink() => {
                    Destination::Renamed(path.to_path_buf())
                }
                Ok(_) => {
                    let file = std::fs::OpenOptions::new()
                        .write(true)
                        .open(path)
                        .map_err(&cannot)?;
                    Destination::Copied(path.to_path_buf(), file)
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    Destination::Renamed(path.to_path_buf())
                }
                Err(e) => return Err(cannot(e)),
            },
            None => Destination::Stdout,
        };
        let mut file = match &destination {
            Destination::Renamed(target) => {
                let dir = match target.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p,
                    _ => Path::new("."),
                };
                let mut builder = tempfile::Builder::new();
                builder.prefix(".catscan-").suffix(".partial");
                // A report is read by the steps after this one, as a file written by `>` would be.
                #[cfg(unix)]
                builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
                builder.tempfile_in(dir).map_err(&cannot)?
            }
            _ => tempfile::NamedTempFile::new().map_err(&cannot)?,
        };
        {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, file.as_file_mut());
            render(&mut out).map_err(&cannot)?;
            out.flush().map_err(&cannot)?;
        }
        check(file.as_file_mut())?;
        Ok(Rendered { file, destination })
    }

    /// Puts the output in place.
    pub fn commit(self) -> Result<(), String> {
        let Rendered { file, destination } = self;
        match destination {
            Destination::Renamed(target) => {
                let cannot = cannot_write(Some(&target));
                file.persist(&target).map_err(|e| cannot(e.error))?;
            }
            Destination::Copied(path, mut out) => {
                let cannot = cannot_write(Some(&path));
                let mut whole = file.reopen().map_err(&cannot)?;
                std::io::copy(&mut whole, &mut out).map_err(&cannot)?;
                out.flush().map_err(&cannot)?;
            }
            Destination::Stdout => {
                let cannot = cannot_write(None);
                let mut whole = file.reopen().map_err(&cannot)?;
                let mut stdout = std::io::stdout().lock();
                std::io::copy(&mut whole, &mut stdout).map_err(&cannot)?;
                stdout.flush().map_err(&cannot)?;
            }
        }
        Ok(())
    }
}

fn cannot_write(path: Option<&Path>) -> impl Fn(std::io::Error) -> String {
    let name = path.map_or("(standard output)".to_string(), |p| p.display().to_string());
    move |e| format!("cannot write the output {name}: {e}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(
        path: Option<&Path>,
        render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
        check: impl FnOnce(&mut std::fs::File) -> Result<(), String>,
    ) -> Result<(), String> {
        Rendered::new(path, render, check)?.commit()
    }

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("catscan-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_report_replaces_the_file_only_once_whole() {
        let dir = scratch("whole");
        let out = dir.join("catscan.sarif");
        std::fs::write(&out, "the previous report").unwrap();
        // Rendering fails half-way: the previous report stays, and nothing else is left behind.
        let failed = write(
            Some(&out),
            |w| {
                w.write_all(b"{ half")?;
                Err(std::io::Error::other("disk full"))
            },
            |_| Ok(()),
        );
        let error = failed.unwrap_err();
        assert_eq!(
            error,
            format!("cannot write the output {}: disk full", out.display())
        );
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "the previous report"
        );
        assert_eq!(entries(&dir), ["catscan.sarif"]);
        // The check refuses the whole text: the same.
        let refused = write(
            Some(&out),
            |w| w.write_all(b"{}"),
            |_| Err("over the limit".to_string()),
        );
        assert_eq!(refused.unwrap_err(), "over the limit");
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            "the previous report"
        );
        assert_eq!(entries(&dir), ["catscan.sarif"]);
        // A good run replaces it.
        write(Some(&out), |w| w.write_all(b"{}\n"), |_| Ok(())).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "{}\n");
        assert_eq!(entries(&dir), ["catscan.sarif"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&out).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644);
        }
    }

    #[test]
    fn the_check_reads_back_what_was_written() {
        let dir = scratch("check");
        let out = dir.join("report.json");
        write(
            Some(&out),
            |w| w.write_all(&vec![b'x'; 200_000]),
            |file| {
                use std::io::{Read, Seek};
                file.seek(std::io::SeekFrom::Start(0)).unwrap();
                let mut text = Vec::new();
                file.read_to_end(&mut text).unwrap();
                assert_eq!(text.len(), 200_000);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(std::fs::metadata(&out).unwrap().len(), 200_000);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_replaced_not_followed_and_a_device_is_written_into() {
        let dir = scratch("link");
        let target = dir.join("real.sarif");
        std::fs::write(&target, "old").unwrap();
        let link = dir.join("link.sarif");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write(Some(&link), |w| w.write_all(b"new"), |_| Ok(())).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().is_file());
        assert_eq!(std::fs::read_to_string(&link).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(entries(&dir), ["link.sarif", "real.sarif"]);
        // `/dev/null` stays the device it is.
        write(
            Some(Path::new("/dev/null")),
            |w| w.write_all(b"gone"),
            |_| Ok(()),
        )
        .unwrap();
        use std::os::unix::fs::FileTypeExt;
        let null = std::fs::metadata("/dev/null").unwrap();
        assert!(null.file_type().is_char_device());
    }

    #[test]
    fn a_missing_folder_is_named() {
        let dir = scratch("missing");
        let out = dir.join("no/such/folder/catscan.sarif");
        let error = write(Some(&out), |w| w.write_all(b"{}"), |_| Ok(())).unwrap_err();
        assert!(
            error.starts_with(&format!("cannot write the output {}: ", out.display())),
            "{error}"
        );
        assert!(!dir.join("no").exists());
    }
}
