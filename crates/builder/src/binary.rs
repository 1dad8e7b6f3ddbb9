//! The identity of this binary, which outputs and snapshots are bound to.

use std::path::Path;

/// This binary: its version and a hash of its own bytes, so a new build of motebok (even under
/// the same version number) never takes over the output or snapshot an older one left. Read
/// once per process (about 5 ms for 14 MB); the version alone if the file cannot be read.
pub fn binary_id() -> &'static str {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(|| {
        let version = env!("CARGO_PKG_VERSION");
        match std::env::current_exe().and_then(|exe| hash_file(&exe)) {
            Ok(hash) => format!("{version} {hash:016x}"),
            Err(_) => version.to_string(),
        }
    })
}

/// A hash of the file at `path`, read a megabyte at a time (a debug binary is 170 MB: not
/// worth holding, nor the page faults of holding it, in every run).
fn hash_file(path: &Path) -> std::io::Result<u64> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut h = crate::digest::Hash64::new();
    let mut buf = vec![0; 1 << 20];
    loop {
        // Whole chunks (a short read is topped up), so the hash never depends on how reads
        // happen to be cut.
        let mut n = 0;
        while n < buf.len() {
            match file.read(&mut buf[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        if n == 0 {
            return Ok(h.finish());
        }
        h.write(&buf[..n]);
    }
}
