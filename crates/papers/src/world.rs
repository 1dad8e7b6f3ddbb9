//! A typst `World` of our own: the template, the paper as JSON, its images and the fonts
//! embedded in the binary. No file system, no clock, no network, no system fonts.

use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The template that lays out every paper; it reads the paper from [`PAPER_PATH`].
const TEMPLATE: &str = include_str!("paper.typ");
/// Where the template finds the paper (see `wire`).
pub(crate) const PAPER_PATH: &str = "/paper.json";

/// The faces we ship (SIL OFL 1.1, see `fonts/OFL.txt`): Noto Sans for text, Noto Sans Mono
/// for code. Parsed once per process.
const FONT_FILES: [&[u8]; 5] = [
    include_bytes!("../fonts/NotoSans-Regular.ttf"),
    include_bytes!("../fonts/NotoSans-Italic.ttf"),
    include_bytes!("../fonts/NotoSans-Bold.ttf"),
    include_bytes!("../fonts/NotoSans-BoldItalic.ttf"),
    include_bytes!("../fonts/NotoSansMono-Regular.ttf"),
];

/// What every paper shares, built once per process: typst's standard library, the fonts and
/// the parsed template.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: Source,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = FONT_FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        Shared {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            main: Source::new(file_id("/main.typ"), TEMPLATE.to_owned()),
        }
    })
}

/// The id of a file in the (virtual) project root.
pub(crate) fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a valid virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// One paper's world: the shared parts plus this paper's JSON and images.
pub(crate) struct PaperWorld {
    shared: &'static Shared,
    paper: FileId,
    json: Bytes,
    images: Vec<(FileId, Bytes)>,
}

impl PaperWorld {
    /// A world whose `/paper.json` is `json` and whose images are at the given paths.
    pub(crate) fn new(json: Vec<u8>, images: Vec<(String, Vec<u8>)>) -> Self {
        PaperWorld {
            shared: shared(),
            paper: file_id(PAPER_PATH),
            json: Bytes::new(json),
            images: images
                .into_iter()
                .map(|(path, data)| (file_id(&path), Bytes::new(data)))
                .collect(),
        }
    }
}

impl World for PaperWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.shared.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.shared.main.id() {
            Ok(self.shared.main.clone())
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.paper {
            return Ok(self.json.clone());
        }
        self.images
            .iter()
            .find(|(image, _)| *image == id)
            .map(|(_, data)| data.clone())
            .ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    /// No clock: a paper's dates come from the builder, never from "today".
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_with_slash().into())
}
