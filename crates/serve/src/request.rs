//! Reading one request head within limits, and who may ask.
//!
//! The preview listens on 127.0.0.1 only, but a web page in the editor's browser can still
//! reach it: through DNS rebinding (a name of the attacker's that resolves to 127.0.0.1) it
//! could read the preview's pages, drafts included. Such a request carries the attacker's name
//! in `Host`; only the loopback names are answered. What is read is bounded, line by line and
//! in all, so that memory never grows with what a client sends.

use std::io::{BufRead, Read};

/// Longest request line or header line, with its line end.
pub(super) const MAX_LINE: usize = 8 * 1024;
/// Longest request head (request line and headers).
pub(super) const MAX_HEAD: usize = 64 * 1024;
/// Most header lines.
pub(super) const MAX_HEADERS: usize = 100;

/// What the preview needs of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Request {
    pub method: String,
    pub target: String,
    /// Every `Host` header, as sent.
    pub hosts: Vec<String>,
    /// It says it has a body (`Content-Length` above 0 or `Transfer-Encoding`).
    pub body: bool,
}

/// A request refused before it was read to its end: the status to answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Refused(pub u16);

/// Reads a request head; `None` if the client went away (or sent nothing) before it ended.
pub(super) fn read_head(r: &mut impl BufRead) -> Result<Option<Request>, Refused> {
    let mut read = 0;
    let Some(line) = next_line(r, &mut read, Refused(414))? else {
        return Ok(None);
    };
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Refused(400));
    };
    if method.is_empty() || !version.starts_with("HTTP/1.") {
        return Err(Refused(400));
    }
    let mut req = Request {
        method: method.to_string(),
        target: target.to_string(),
        hosts: Vec::new(),
        body: false,
    };
    for n in 0.. {
        let Some(line) = next_line(r, &mut read, Refused(431))? else {
            return Ok(None);
        };
        if line.is_empty() {
            return Ok(Some(req));
        }
        if n == MAX_HEADERS {
            return Err(Refused(431));
        }
        // No obsolete line folding, and a name before the colon.
        let Some((name, value)) = line.split_once(':') else {
            return Err(Refused(400));
        };
        if name.is_empty() || name.contains(|c: char| c.is_ascii_whitespace()) {
            return Err(Refused(400));
        }
        let value = value.trim();
        if name.eq_ignore_ascii_case("host") {
            req.hosts.push(value.to_string());
        } else if name.eq_ignore_ascii_case("transfer-encoding")
            || (name.eq_ignore_ascii_case("content-length") && value != "0")
        {
            req.body = true;
        }
    }
    unreachable!("the loop returns")
}

/// One line without its line end, reading at most `MAX_LINE` bytes of it and `MAX_HEAD` in all.
fn next_line(
    r: &mut impl BufRead,
    read: &mut usize,
    too_long: Refused,
) -> Result<Option<String>, Refused> {
    let mut buf = Vec::new();
    let limit = MAX_LINE.min(MAX_HEAD.saturating_sub(*read) + 1);
    match r.take(limit as u64).read_until(b'\n', &mut buf) {
        Ok(_) if buf.last() == Some(&b'\n') => {}
        // Cut off at the limit, not at the end of the line.
        Ok(n) if n == limit => {
            return Err(if *read + n > MAX_HEAD {
                Refused(431)
            } else {
                too_long
            })
        }
        Ok(_) => return Ok(None),
        Err(e) if is_timeout(&e) => return Err(Refused(408)),
        Err(_) => return Ok(None),
    }
    *read += buf.len();
    buf.pop();
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    String::from_utf8(buf).map(Some).map_err(|_| Refused(400))
}

pub(super) fn is_timeout(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
    )
}

/// Whether `host` names this server: `127.0.0.1`, `localhost` or `[::1]`, with its port or none.
pub(super) fn is_loopback(host: &str, port: u16) -> bool {
    let host = host.to_ascii_lowercase();
    let (name, rest) = if host.starts_with('[') {
        match host.find(']') {
            Some(i) => host.split_at(i + 1),
            None => return false,
        }
    } else {
        host.split_at(host.find(':').unwrap_or(host.len()))
    };
    matches!(name, "127.0.0.1" | "localhost" | "[::1]")
        && (rest.is_empty() || rest.strip_prefix(':') == Some(port.to_string().as_str()))
}

/// Reads from a stream until a fixed moment: a client sending a byte now and then (slowloris)
/// cannot hold its connection longer than that, as a timeout per read would let it.
pub(super) struct Until<'a> {
    pub stream: &'a std::net::TcpStream,
    pub until: std::time::Instant,
}

impl Read for Until<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self
            .until
            .saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        (&mut &*self.stream).read(buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(text: &[u8]) -> Result<Option<Request>, Refused> {
        read_head(&mut std::io::BufReader::new(text))
    }

    #[test]
    fn reads_a_request_head() {
        let r =
            head(b"GET /a?b HTTP/1.1\r\nHost: localhost:8\r\nhost: x\r\nAccept: */*\r\n\r\nrest")
                .unwrap()
                .unwrap();
        assert_eq!(r.method, "GET");
        assert_eq!(r.target, "/a?b");
        assert_eq!(r.hosts, ["localhost:8", "x"]);
        assert!(!r.body);
        let r = head(b"GET / HTTP/1.0\nContent-Length: 3\n\nabc")
            .unwrap()
            .unwrap();
        assert!(r.body && r.hosts.is_empty());
        assert_eq!(head(b"GET / HTTP/1.1\r\nHost: a\r\n"), Ok(None));
        assert_eq!(head(b""), Ok(None));
    }

    #[test]
    fn refuses_what_is_too_long_or_malformed() {
        let long_line = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_LINE));
        assert_eq!(head(long_line.as_bytes()), Err(Refused(414)));
        let long_header = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_LINE));
        assert_eq!(head(long_header.as_bytes()), Err(Refused(431)));
        // Many lines under the line limit, over the head limit.
        let big: String = (0..20)
            .map(|i| format!("X{i}: {}\r\n", "a".repeat(4000)))
            .collect();
        let big = format!("GET / HTTP/1.1\r\n{big}\r\n");
        assert_eq!(head(big.as_bytes()), Err(Refused(431)));
        let many: String = (0..=MAX_HEADERS).map(|i| format!("X{i}: a\r\n")).collect();
        let many = format!("GET / HTTP/1.1\r\n{many}\r\n");
        assert_eq!(head(many.as_bytes()), Err(Refused(431)));
        for bad in [
            &b"GET /\r\n\r\n"[..],
            b"GET / HTTP/1.1 x\r\n\r\n",
            b"GET / SPDY/3\r\n\r\n",
            b"GET / HTTP/1.1\r\nNo colon\r\n\r\n",
            b"GET / HTTP/1.1\r\n folded: x\r\n\r\n",
            b"GET / HTTP/1.1\r\nX: \xff\r\n\r\n",
        ] {
            assert_eq!(
                head(bad),
                Err(Refused(400)),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn only_loopback_names_with_this_port() {
        for ok in [
            "127.0.0.1",
            "127.0.0.1:8080",
            "localhost",
            "LocalHost:8080",
            "[::1]",
            "[::1]:8080",
        ] {
            assert!(is_loopback(ok, 8080), "{ok}");
        }
        for bad in [
            "",
            "evil.example",
            "evil.example:8080",
            "localhost.evil.example",
            "127.0.0.1.nip.io:8080",
            "localhost:8081",
            "localhost:",
            "localhost:8080:8080",
            "[::1]x",
            "[::2]:8080",
            "[::1",
            "0.0.0.0:8080",
            "127.0.0.2:8080",
        ] {
            assert!(!is_loopback(bad, 8080), "{bad}");
        }
    }

    #[test]
    fn a_moment_passed_is_a_timeout() {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let s = std::net::TcpStream::connect(l.local_addr().unwrap()).unwrap();
        let mut r = Until {
            stream: &s,
            until: std::time::Instant::now(),
        };
        let e = r.read(&mut [0; 8]).unwrap_err();
        assert!(is_timeout(&e));
    }
}
