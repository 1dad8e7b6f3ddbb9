//! `motebok serve` on a free loopback port, and plain HTTP requests to it.

use super::Site;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running preview, stopped when dropped.
pub struct Preview {
    child: Child,
    pub addr: String,
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An answer: status, `Content-Type`, body.
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

/// Starts `motebok serve` on the site as of 2026-01-01; returns when it listens.
pub fn start(site: &Site) -> Preview {
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

pub fn get(addr: &str, path: &str) -> Answer {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let (head, body) = out.split_once("\r\n\r\n").unwrap_or((&out, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
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
        body: body.to_string(),
    }
}

/// Polls until `pred` holds, for at most 10 s: a bound on waiting, not a timing test.
pub fn wait_for(addr: &str, path: &str, pred: impl Fn(&Answer) -> bool) -> Answer {
    let end = Instant::now() + Duration::from_secs(10);
    loop {
        let a = get(addr, path);
        if pred(&a) || Instant::now() > end {
            return a;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
