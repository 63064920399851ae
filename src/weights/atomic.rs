//! Saving without losing anything: write a temporary file next to the target, flush and sync
//! it, then rename it over the target. A rename within one folder is atomic, so a reader (or a
//! crash) sees the old file or the new one, never half of either.
//!
//! Saving through a symbolic link saves to the file it names (beside that file, so the rename
//! stays in one folder) and keeps the link. A save killed before its rename leaves its
//! temporary file behind; the next save in that folder removes such leftovers, and only
//! those: files named exactly as [`temp_path`] names them whose process has ended.

use std::{
    fs::{self, File, OpenOptions},
    io::{self, Write as _},
    path::{Path, PathBuf},
    sync::atomic::{AtomicU64, Ordering},
};

/// Distinguishes temporary files of one process that save at the same time.
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// How many links [`resolve_links`] follows before giving up (as the OS's `ELOOP`).
const MAX_LINKS: usize = 40;

/// The marker between the target's name and the process id in a temporary name.
const TEMP_MARK: &str = ".tmp-";

/// The file a save to `path` must replace: `path` itself, or the file its chain of symbolic
/// links ends at (which need not exist yet).
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_owned();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        "too many levels of symbolic links",
    ))
}

/// Whether `name` is a temporary file of ours (`.NAME.tmp-PID-N`) whose process has ended.
fn is_stale_temp(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('.') else {
        return false;
    };
    let Some((target, numbers)) = rest.rsplit_once(TEMP_MARK) else {
        return false;
    };
    let Some((pid, n)) = numbers.split_once('-') else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if target.is_empty() || !digits(pid) || !digits(n) {
        return false;
    }
    let Ok(pid) = pid.parse::<u32>() else {
        return false;
    };
    pid != std::process::id() && !process_alive(pid)
}

/// Whether process `pid` is running. Where that cannot be told, it is taken to be, so nothing
/// another save may still rename is removed.
fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        true
    }
}

/// Removes temporary files left in `folder` by saves that were killed before their rename.
/// Touches only regular files named as ours whose process has ended.
fn remove_stale_temps(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let is_ours = name.to_str().is_some_and(is_stale_temp);
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_ours && is_file {
            // Best effort: a leftover that cannot be removed harms nothing.
            fs::remove_file(entry.path()).ok();
        }
    }
}

/// The folder holding `path` ("." for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A temporary file name next to `path`: `.name.tmp-PID-N`, hidden on Unix.
fn temp_path(path: &Path) -> io::Result<PathBuf> {
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidInput, "the path does not name a file")
    })?;
    let mut temp = std::ffi::OsString::from(".");
    temp.push(name);
    temp.push(format!(
        "{TEMP_MARK}{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    Ok(path.with_file_name(temp))
}

/// Writes `bytes` to `path` atomically. On any error the target is untouched and the
/// temporary file is removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// Like [`write_atomic`], with the content written by `fill` (so tests can make it fail).
pub(crate) fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let resolved = resolve_links(path)?;
    let path = resolved.as_path();
    let temp = temp_path(path)?;
    remove_stale_temps(folder_of(path));
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)?;
    let written = fill(&mut file)
        .and_then(|()| file.flush())
        .and_then(|()| file.sync_all())
        .and_then(|()| keep_permissions(path, &temp));
    drop(file);
    let result = written.and_then(|()| fs::rename(&temp, path));
    if result.is_err() {
        // Best effort: the error that matters is the one already in hand.
        fs::remove_file(&temp).ok();
        return result;
    }
    sync_folder(path);
    Ok(())
}

/// Gives the new file the old one's permissions, so saving over a file does not widen or
/// narrow who may read it.
fn keep_permissions(path: &Path, temp: &Path) -> io::Result<()> {
    match fs::metadata(path) {
        Ok(old) => fs::set_permissions(temp, old.permissions()),
        Err(_) => Ok(()),
    }
}

/// Syncs the folder so the rename itself survives a crash. Best effort: not every platform
/// can open a folder, and the data is already safe in the file.
fn sync_folder(path: &Path) {
    if let Ok(dir) = File::open(folder_of(path)) {
        dir.sync_all().ok();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp-"))
            .collect()
    }

    #[test]
    fn replaces_the_target_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.json");
        fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_failed_write_keeps_the_old_file_and_removes_the_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.json");
        fs::write(&path, "old").unwrap();
        let err = write_atomic_with(&path, |f| {
            f.write_all(b"half")?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
        })
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_failed_rename_removes_the_temporary() {
        // Renaming a file over a directory fails even for root, after the data is written.
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("sub");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("keep"), "x").unwrap();
        assert!(write_atomic(&target, b"new").is_err());
        assert_eq!(fs::read_to_string(target.join("keep")).unwrap(), "x");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn saving_through_a_link_replaces_its_target_and_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("data");
        fs::create_dir(&real).unwrap();
        let target = real.join("w.json");
        fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("data/w.json", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        assert!(leftovers(&real).is_empty() && leftovers(dir.path()).is_empty());
        // A dangling link gets its file created; a loop is an error, not a hang.
        let dangling = dir.path().join("dangling.json");
        std::os::unix::fs::symlink("data/new.json", &dangling).unwrap();
        write_atomic(&dangling, b"x").unwrap();
        assert_eq!(fs::read_to_string(real.join("new.json")).unwrap(), "x");
        let a = dir.path().join("a");
        std::os::unix::fs::symlink("b", &a).unwrap();
        std::os::unix::fs::symlink("a", dir.path().join("b")).unwrap();
        assert!(write_atomic(&a, b"x").is_err());
    }

    #[test]
    fn stale_temporaries_of_ours_go_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        // PID 4194304 is above Linux's largest; it never runs.
        let stale = [".w.json.tmp-4194304-0", ".other.npz.tmp-4194304-17"];
        let kept = [
            ".w.json.tmp-4194304-x",
            "w.json.tmp-4194304-0",
            ".w.json.tmp-4194304-0.bak",
            ".tmp-4194304-0",
            "notes.txt",
        ];
        for name in stale.iter().chain(&kept) {
            fs::write(dir.path().join(name), "x").unwrap();
        }
        let live = format!(".w.json.tmp-{}-999", std::process::id());
        fs::write(dir.path().join(&live), "x").unwrap();
        write_atomic(&dir.path().join("w.json"), b"new").unwrap();
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut expected: Vec<String> = kept.iter().map(|s| (*s).to_owned()).collect();
        expected.push(live);
        expected.push("w.json".into());
        expected.sort();
        if cfg!(target_os = "linux") {
            assert_eq!(left, expected);
        }
    }

    #[test]
    fn a_path_without_a_file_name_is_refused() {
        assert!(write_atomic(Path::new("/"), b"x").is_err());
        assert!(write_atomic(Path::new(".."), b"x").is_err());
    }
}
