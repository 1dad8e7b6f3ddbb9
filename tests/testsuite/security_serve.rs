//! `motebok serve` against hostile requests and hostile files: bounded memory and threads,
//! only requests for the loopback host, and a file that would crash the YAML parser reported
//! as an error instead of killing the preview (or `check`).
//!
//! Every loop here is bounded in count and time, and everything stays on 127.0.0.1.

use crate::common::preview::{get, raw, start, wait_for, Answer};
use crate::common::*;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

#[test]
fn a_100_mb_header_line_is_refused_without_reading_it() {
    let site = Site::minimal();
    let p = start(&site);
    assert_eq!(get(&p.addr, "/ssu/").status, 200);
    let before = p.proc_status("VmHWM");

    let mut s = TcpStream::connect(&p.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    // The answer is read as it comes, so that it is seen even if the server then resets.
    let answered = Arc::new(AtomicBool::new(false));
    let reader = {
        let mut r = s.try_clone().unwrap();
        let answered = answered.clone();
        std::thread::spawn(move || {
            let mut out = Vec::new();
            let mut buf = [0u8; 4096];
            while let Ok(n) = r.read(&mut buf) {
                if n == 0 {
                    break;
                }
                out.extend_from_slice(&buf[..n]);
                answered.store(true, Ordering::SeqCst);
            }
            String::from_utf8_lossy(&out).into_owned()
        })
    };
    write!(s, "GET / HTTP/1.1\r\nHost: {}\r\nX-Lang: ", p.addr).unwrap();
    let chunk = vec![b'a'; 64 * 1024];
    let total = 100 * 1024 * 1024;
    let mut sent = 0;
    while sent < total && !answered.load(Ordering::SeqCst) {
        if s.write_all(&chunk).is_err() {
            break;
        }
        sent += chunk.len();
    }
    let _ = s.shutdown(Shutdown::Write);
    let answer = reader.join().unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 431 "),
        "answer after {sent} bytes: {:?}",
        &answer[..answer.len().min(200)]
    );
    assert!(sent < total / 10, "the server read {sent} bytes of it");
    let grown = p.proc_status("VmHWM").saturating_sub(before);
    assert!(grown < 8 * 1024, "peak memory grew by {grown} kB");

    // A request line as long is refused as well, and the server goes on.
    let long = format!(
        "GET /{} HTTP/1.1\r\nHost: {}\r\n\r\n",
        "a".repeat(20_000),
        p.addr
    );
    assert_eq!(raw(&p.addr, &long).0, 414);
    let many: String = (0..200).map(|i| format!("X-{i}: y\r\n")).collect();
    let req = format!("GET / HTTP/1.1\r\nHost: {}\r\n{many}\r\n", p.addr);
    assert_eq!(raw(&p.addr, &req).0, 431);
    let post = format!(
        "POST / HTTP/1.1\r\nHost: {}\r\nContent-Length: 2\r\n\r\nab",
        p.addr
    );
    assert_eq!(raw(&p.addr, &post).0, 405);
    let body = format!(
        "GET / HTTP/1.1\r\nHost: {}\r\nContent-Length: 2\r\n\r\nab",
        p.addr
    );
    assert_eq!(raw(&p.addr, &body).0, 400);
    assert_eq!(get(&p.addr, "/ssu/").status, 200);
}

#[test]
fn only_requests_for_the_loopback_host_are_answered() {
    let site = Site::minimal();
    let p = start(&site);
    let port = p.port().to_string();
    let req = |host: &str, path: &str| {
        raw(
            &p.addr,
            &format!("GET {path} HTTP/1.1\r\n{host}Connection: close\r\n\r\n"),
        )
    };
    for host in [
        "Host: evil.example\r\n".to_string(),
        format!("Host: evil.example:{port}\r\n"),
        format!("Host: 127.0.0.1.evil.example:{port}\r\n"),
        format!("Host: localhost.evil.example:{port}\r\n"),
        // The right name on another port is another server.
        format!(
            "Host: localhost:{}\r\n",
            if port == "1" { "2" } else { "1" }
        ),
        format!("Host: localhost:{port}x\r\n"),
        // No Host, an empty one, or two of them.
        String::new(),
        "Host: \r\n".to_string(),
        format!("Host: localhost:{port}\r\nHost: evil.example\r\n"),
    ] {
        for path in ["/ssu/", "/__motebok/reload?v=0"] {
            let (status, head, body) = req(&host, path);
            assert_eq!(status, 421, "{host:?} {path}: {head}");
            assert!(body.is_empty(), "{host:?}: {body}");
        }
    }
    for host in [
        format!("Host: localhost:{port}\r\n"),
        format!("host: LOCALHOST:{port}\r\n"),
        format!("Host: 127.0.0.1:{port}\r\n"),
        "Host: 127.0.0.1\r\n".to_string(),
        "Host: localhost\r\n".to_string(),
        format!("Host: [::1]:{port}\r\n"),
    ] {
        let (status, head, body) = req(&host, "/ssu/");
        assert_eq!(status, 200, "{host:?}: {head}");
        assert!(body.contains("Strategisk samarbeidsutvalg"), "{host:?}");
    }
}

#[test]
fn five_hundred_connections_at_once_do_not_make_five_hundred_threads() {
    let site = Site::minimal();
    let mut p = start(&site);
    assert_eq!(get(&p.addr, "/ssu/").status, 200);
    let base = p.proc_status("Threads");
    let conns: Vec<TcpStream> = (0..500)
        .filter_map(|_| {
            TcpStream::connect_timeout(&p.addr.parse().unwrap(), Duration::from_secs(5)).ok()
        })
        .collect();
    assert!(conns.len() > 400, "{} connected", conns.len());
    // Sampled a few times while they are all open (the server holds an idle one for seconds).
    let mut most = 0;
    for _ in 0..10 {
        most = most.max(p.proc_status("Threads"));
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        most <= base + 80,
        "{most} threads for 500 connections (from {base})"
    );
    // Some were turned away at once, with an answer.
    let mut turned_away = 0;
    for c in conns.iter().rev().take(50) {
        let mut c = c.try_clone().unwrap();
        c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut out = String::new();
        let _ = c.read_to_string(&mut out);
        turned_away += usize::from(out.starts_with("HTTP/1.1 503 "));
    }
    assert!(turned_away > 0, "no connection was answered 503");
    drop(conns);
    assert!(p.alive());
    let Answer {
        status, body: page, ..
    } = wait_for(&p.addr, "/ssu/", |a| a.status == 200);
    assert_eq!(status, 200, "{page}");
}

/// A case whose front matter nests a list 100,000 deep: a stack overflow in a recursive parser.
fn deeply_nested() -> String {
    format!(
        "---\nsaksnr: \"2025.15\"\ntittel: Dyp\nsakstype: [dialog]\nx:\n  {}a\n---\nTekst.\n",
        "- ".repeat(100_000)
    )
}

/// Anchors and aliases that expand to 10^6 nodes from 500 bytes (each level more is 10×).
fn alias_bomb() -> String {
    let mut s = String::from("---\nsaksnr: \"2025.16\"\ntittel: Bombe\nsakstype: [dialog]\n");
    s.push_str("l0: &l0 [a, a, a, a, a, a, a, a, a, a]\n");
    for i in 1..6 {
        let refs = vec![format!("*l{}", i - 1); 10].join(", ");
        s.push_str(&format!("l{i}: &l{i} [{refs}]\n"));
    }
    s.push_str("---\nTekst.\n");
    s
}

#[test]
fn a_hostile_front_matter_is_an_error_in_the_page_not_a_dead_preview() {
    let site = Site::minimal();
    let mut p = start(&site);
    assert_eq!(get(&p.addr, "/ssu/sak/2025.13/").status, 200);

    let hostile = "content/ssu/2025-05-22/2025.15.md";
    site.write(hostile, &deeply_nested());
    let Answer {
        status, body: page, ..
    } = wait_for(&p.addr, "/ssu/sak/2025.13/", |a| a.status == 500);
    assert!(p.alive(), "the preview died");
    assert_eq!(status, 500, "{page}");
    assert!(page.contains(&format!("{hostile}:6")), "{page}");
    assert!(page.contains("nestet for dypt"), "{page}");
    // Other pages are answered (with the errors until fixed), and so is the reload poll.
    let Answer {
        status,
        body: other,
        ..
    } = get(&p.addr, "/ssu/");
    assert_eq!(status, 500);
    assert!(other.contains(hostile), "{other}");

    site.write(hostile, &alias_bomb());
    let Answer {
        status, body: page, ..
    } = wait_for(&p.addr, "/ssu/sak/2025.13/", |a| a.body.contains("alias"));
    assert!(p.alive(), "the preview died");
    assert_eq!(status, 500, "{page}");
    assert!(page.contains(hostile), "{page}");

    site.remove(hostile);
    let Answer {
        status, body: page, ..
    } = wait_for(&p.addr, "/ssu/sak/2025.13/", |a| a.status == 200);
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Godkjenning av innkalling"));
}

#[test]
fn check_reports_hostile_front_matter_and_exits_1() {
    let site = Site::minimal();
    site.write("content/ssu/2025-05-22/2025.15.md", &deeply_nested());
    site.write("content/ssu/2025-05-22/2025.16.md", &alias_bomb());
    site.merge_all("Fiendtlige filer");
    for args in [&["check"][..], &["check", "--worktree"]] {
        let out = site.motebok(args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("content/ssu/2025-05-22/2025.15.md:6"), "{err}");
        assert!(err.contains("nestet for dypt"), "{err}");
        assert!(err.contains("content/ssu/2025-05-22/2025.16.md"), "{err}");
    }
    let out = site.motebok(&["build", "--as-of", "2026-01-01"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn a_huge_content_file_is_an_error_not_a_gigabyte() {
    let site = Site::minimal();
    let para = "Et avsnitt med litt tekst om saken som gjentas mange ganger i filen.\n\n";
    let body = para.repeat(12 * 1024 * 1024 / para.len());
    site.write(
        "content/ssu/2025-05-22/2025.17.md",
        &format!("---\nsaksnr: \"2025.17\"\ntittel: Stor\nsakstype: [dialog]\n---\n{body}"),
    );
    let out = site.motebok(&["check", "--worktree"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("content/ssu/2025-05-22/2025.17.md"), "{err}");
    assert!(err.contains("for stor"), "{err}");
}
