//! A minimal HTTP/1.1 server for the preview: GET only, one thread per connection, loopback.

use super::state::State;
use crate::theme::escape_html;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

const RELOAD_PATH: &str = "/__motebok/reload";

/// Long-polls the server and reloads the page when a new build is ready.
fn reload_script(version: u64) -> String {
    format!(
        "<script>(function(){{var v={version};function poll(){{fetch('{RELOAD_PATH}?v='+v,{{cache:'no-store'}})\
         .then(function(r){{return r.text()}}).then(function(t){{if(t!==String(v)){{location.reload()}}else{{poll()}}}})\
         .catch(function(){{setTimeout(poll,1000)}})}}poll()}})();</script>"
    )
}

pub fn serve(listener: TcpListener, state: Arc<State>) -> std::io::Result<()> {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let state = state.clone();
        std::thread::spawn(move || {
            let _ = handle(stream, &state);
        });
    }
    Ok(())
}

fn handle(mut stream: TcpStream, state: &State) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // Drain the headers.
    let mut h = String::new();
    while reader.read_line(&mut h)? > 2 {
        h.clear();
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        return respond(&mut stream, 405, "text/plain; charset=utf-8", b"Bare GET\n");
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path == RELOAD_PATH {
        let seen = query
            .strip_prefix("v=")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let now = state.wait_newer(seen, Duration::from_secs(25));
        return respond(&mut stream, 200, "text/plain", now.to_string().as_bytes());
    }
    let rel = crate::urls::from_iri(path.trim_start_matches('/'));
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
            let page = format!(
                "<!DOCTYPE html><html lang=\"nb\"><head><meta charset=\"utf-8\"><title>Feil i innholdet</title></head>\
                 <body><main><h1>Feil i innholdet</h1><p>Forhåndsvisningen oppdateres når feilene er rettet.</p>\
                 <pre>{}</pre></main>{}</body></html>",
                escape_html(err),
                reload_script(snap.version)
            );
            return (500, "text/html; charset=utf-8", page.into_bytes());
        }
        let lookup = |rel: &str| {
            let key = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() };
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
                let mime = mime_of(&k);
                let mut body = bytes.to_vec();
                if mime.starts_with("text/html") {
                    body = inject(&body, &reload_script(snap.version));
                }
                (200, mime, body)
            }
            None => (404, "text/html; charset=utf-8", snap.files.get("404.html").map(|b| b.to_vec()).unwrap_or_default()),
        }
    });
    if method == "HEAD" {
        return respond(&mut stream, status, mime, b"");
    }
    respond(&mut stream, status, mime, &body)
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
        _ => "Internal Server Error",
    };
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)?;
    stream.flush()
}

fn mime_of(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "svg" => "image/svg+xml",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}
