//! `motebok serve` on a free loopback port, and plain HTTP requests to it.

use super::Site;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running preview, stopped when dropped.
pub(crate) struct Preview {
    child: Child,
    pub addr: String,
}

impl Preview {
    pub(crate) fn port(&self) -> &str {
        self.addr.rsplit(':').next().unwrap()
    }

    /// A field of /proc/<pid>/status, in its first unit (kB for memory).
    pub(crate) fn proc_status(&self, field: &str) -> u64 {
        let s = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        s.lines()
            .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or_else(|| panic!("{field} in {s}"))
    }

    /// The process has not exited.
    pub(crate) fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An answer: status, `Content-Type`, body.
pub(crate) struct Answer {
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

/// Starts `motebok serve` on the site as of 2026-01-01; returns when it listens.
pub(crate) fn start(site: &Site) -> Preview {
    let mut child = Command::new(env!("CARGO_BIN_EXE_motebok"))
        .args(["serve", "--port", "0", "--as-of", "2026-01-01", "--root"])
        .arg(site.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .expect(&line)
        .to_string();
    Preview { child, addr }
}

/// Sends `request` as it is and reads the answer to its end: (status, head, body).
pub(crate) fn raw(addr: &str, request: &str) -> (u16, String, String) {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let out = String::from_utf8_lossy(&out).into_owned();
    let status = out
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let (head, body) = out.split_once("\r\n\r\n").unwrap_or((&out, ""));
    (status, head.to_string(), body.to_string())
}

pub(crate) fn get(addr: &str, path: &str) -> Answer {
    let (status, head, body) = raw(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    );
    let content_type = head
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("content-type")
                .then(|| v.trim().to_string())
        })
        .unwrap_or_default();
    Answer {
        status,
        content_type,
        body,
    }
}

/// Polls until `pred` holds, for at most 20 s: a bound on waiting, not a timing test.
pub(crate) fn wait_for(addr: &str, path: &str, pred: impl Fn(&Answer) -> bool) -> Answer {
    let end = Instant::now() + Duration::from_secs(20);
    loop {
        let a = get(addr, path);
        if pred(&a) || Instant::now() > end {
            return a;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
