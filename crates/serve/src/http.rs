//! A minimal HTTP/1.1 server for the preview: GET and HEAD, loopback only.
//!
//! Each connection gets a thread, up to `MAX_CONNECTIONS` at once; more are answered 503 at
//! once. A request head must arrive within `HEAD_TIME` and within the limits of `request`,
//! and must name this server in `Host` (see `request` for why).

use super::request::{self, Refused, Request, Until};
use super::state::State;
use motebok_site::escape::markup as escape_html;
use std::io::{BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const RELOAD_PATH: &str = "/__motebok/reload";
/// Connections served at once; each open preview tab holds one for its reload poll.
pub(super) const MAX_CONNECTIONS: usize = 64;
/// Time a client has to send its request head.
const HEAD_TIME: Duration = Duration::from_secs(10);
/// Time a client has to take an answer.
const WRITE_TIME: Duration = Duration::from_secs(30);

/// Long-polls the server and reloads the page when a new build is ready.
fn reload_script(version: u64) -> String {
    format!(
        "<script>(function(){{var v={version};function poll(){{fetch('{RELOAD_PATH}?v='+v,{{cache:'no-store'}})\
         .then(function(r){{return r.text()}}).then(function(t){{if(t!==String(v)){{location.reload()}}else{{poll()}}}})\
         .catch(function(){{setTimeout(poll,1000)}})}}poll()}})();</script>"
    )
}

/// The page shown for every path while the content has errors. Styled on its own, in the
/// default theme's colours and fonts: the theme's style sheet may be missing or the error.
fn error_page(err: &str, version: u64) -> String {
    const STYLE: &str = "body{margin:0;color:#1e2b3c;background:#fff;\
        font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif;\
        font-size:1.0625rem;line-height:1.6}\
        main{max-width:60rem;margin:0 auto;padding:1.5rem 1rem}\
        h1{font-size:2rem;line-height:1.25;margin:0.5em 0;color:#a0201b}\
        pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#fff4d6;\
        border-left:6px solid #8a5a00;padding:1rem;font-size:0.95rem;line-height:1.5}";
    format!(
        "<!DOCTYPE html><html lang=\"nb\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Feil i innholdet</title><style>{STYLE}</style></head>\
         <body><main><h1>Feil i innholdet</h1><p>Forhåndsvisningen oppdateres når feilene er rettet.</p>\
         <pre>{}</pre></main>{}</body></html>",
        escape_html(err),
        reload_script(version)
    )
}

/// A connection being served: counted until it is dropped, whatever way its thread ends.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

pub(super) fn serve(listener: TcpListener, state: Arc<State>) -> std::io::Result<()> {
    let port = listener.local_addr()?.port();
    let live = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        if live.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            live.fetch_sub(1, Ordering::SeqCst);
            busy(stream);
            continue;
        }
        let slot = Slot(live.clone());
        let state = state.clone();
        // If no thread can be made, the closure and its slot are dropped with the connection.
        let _ = std::thread::Builder::new()
            .name("motebok-http".into())
            .spawn(move || {
                let _slot = slot;
                let _ = handle(stream, &state, port);
            });
    }
    Ok(())
}

/// Turns a connection away without a thread; the answer fits in an empty send buffer.
fn busy(mut stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_millis(100)));
    let _ = stream.write_all(
        b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nRetry-After: 1\r\nConnection: close\r\n\r\n",
    );
}

fn handle(mut stream: TcpStream, state: &State, port: u16) -> std::io::Result<()> {
    stream.set_write_timeout(Some(WRITE_TIME))?;
    let head = {
        let until = Until {
            stream: &stream,
            until: Instant::now() + HEAD_TIME,
        };
        request::read_head(&mut BufReader::with_capacity(request::MAX_LINE, until))
    };
    let req = match head {
        Ok(Some(req)) => req,
        Ok(None) => return Ok(()),
        Err(Refused(status)) => return refuse(&mut stream, status),
    };
    let Request {
        method,
        target,
        hosts,
        body,
    } = req;
    // Exactly one Host, and it names this server: else a web page may be reading us.
    if !matches!(&hosts[..], [h] if request::is_loopback(h, port)) {
        return refuse(&mut stream, 421);
    }
    if method != "GET" && method != "HEAD" {
        return refuse(&mut stream, 405);
    }
    if body || !target.starts_with('/') {
        return refuse(&mut stream, 400);
    }
    let target = target.as_str();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path == RELOAD_PATH {
        let seen = query
            .strip_prefix("v=")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let now = state.wait_newer(seen, Duration::from_secs(25));
        return respond(&mut stream, 200, "text/plain", now.to_string().as_bytes());
    }
    let rel = motebok_site::urls::from_iri(path.trim_start_matches('/'));
    if rel.split('/').any(|p| p == "..") {
        return respond(
            &mut stream,
            400,
            "text/plain; charset=utf-8",
            b"Ugyldig sti\n",
        );
    }
    let (status, mime, body) = state.with(|snap| {
        if let Some(err) = &snap.error {
            return (
                500,
                "text/html; charset=utf-8".into(),
                error_page(err, snap.version).into_bytes(),
            );
        }
        let lookup = |rel: &str| {
            let key = if rel.is_empty() || rel.ends_with('/') {
                format!("{rel}index.html")
            } else {
                rel.to_string()
            };
            snap.files.get(&key).map(|b| (key, b)).or_else(|| {
                let k = format!("{rel}/index.html");
                snap.files.get(&k).map(|b| (k, b))
            })
        };
        // The site as it is published, under its base path, as well as at the root.
        let base = snap.base_path.as_str();
        let under_base = if base.is_empty() {
            None
        } else if rel == base.trim_end_matches('/') {
            Some("")
        } else {
            rel.strip_prefix(base)
        };
        let found = lookup(&rel).or_else(|| under_base.and_then(lookup));
        match found {
            Some((k, bytes)) => {
                let mime = motebok_site::mime::content_type(&k);
                let mut body = bytes.to_vec();
                if mime.starts_with("text/html") {
                    body = inject(&body, &reload_script(snap.version));
                }
                (200, mime, body)
            }
            None => (
                404,
                "text/html; charset=utf-8".into(),
                snap.files
                    .get("404.html")
                    .map(|b| b.to_vec())
                    .unwrap_or_default(),
            ),
        }
    });
    if method == "HEAD" {
        return respond(&mut stream, status, &mime, b"");
    }
    respond(&mut stream, status, &mime, &body)
}

fn inject(html: &[u8], script: &str) -> Vec<u8> {
    let s = String::from_utf8_lossy(html);
    match s.rfind("</body>") {
        Some(i) => format!("{}{}{}", &s[..i], script, &s[i..]).into_bytes(),
        None => format!("{s}{script}").into_bytes(),
    }
}

fn respond(stream: &mut TcpStream, status: u16, mime: &str, body: &[u8]) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        _ => "Internal Server Error",
    };
    let allow = if status == 405 {
        "Allow: GET, HEAD\r\n"
    } else {
        ""
    };
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\n{allow}Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)?;
    stream.flush()
}

/// Answers `status` with no content and closes. The rest of the request is read and thrown
/// away for a moment first (at most `DRAIN` bytes, so memory stays flat): closing on unread
/// bytes resets the connection, and the client could lose the answer.
fn refuse(stream: &mut TcpStream, status: u16) -> std::io::Result<()> {
    const DRAIN: usize = 1024 * 1024;
    respond(stream, status, "text/plain; charset=utf-8", b"")?;
    stream.shutdown(Shutdown::Write)?;
    let mut r = Until {
        stream,
        until: Instant::now() + Duration::from_secs(2),
    };
    let mut buf = [0u8; 8192];
    let mut drained = 0;
    while drained < DRAIN {
        match r.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
    Ok(())
}
