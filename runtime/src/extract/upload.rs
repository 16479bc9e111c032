//! Files of a `multipart/form-data` form: [`UploadFile`] and [`FileBytes`],
//! fields of a [`Form<T>`](super::Form) or [`FormModel<T>`](super::FormModel),
//! and the limits a form is read within ([`FormLimits`]).

use std::{
    cell::RefCell,
    fmt,
    fs::File,
    io::{self, Cursor, Read, Seek, SeekFrom},
    sync::Arc,
};

use actix_web::{HttpRequest, http::header::HeaderMap, web::Bytes};
use serde::{
    Deserialize, Deserializer,
    de::{self, Visitor},
};

use crate::validation::outline::{FILE_BYTES, PLACEHOLDER, UPLOAD_FILE};

/// A file sent in a `multipart/form-data` form: FastAPI's `UploadFile`.
///
/// A field of a [`Form<T>`](super::Form) (or [`FormModel<T>`](super::FormModel))
/// struct; `Option<UploadFile>` when it may be left out, `Vec<UploadFile>` for
/// several under one name. Small files stay in memory; once the form's files
/// pass [`FormLimits::spool_size`] (1 MiB, FastAPI's), the rest are written to
/// temporary files, deleted when the last `UploadFile` reading them is dropped.
///
/// As FastAPI does: a field left empty by a browser (no file chosen: an empty
/// name and no bytes) is not sent; a text field where a file is expected is
/// `value_error` `Value error, Expected UploadFile, received: <class 'str'>`.
///
/// ```
/// use actix_api_error::extract::{Form, UploadFile};
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct Upload {
///     file: UploadFile,
///     token: String,
/// }
///
/// async fn upload(Form(form): Form<Upload>) -> std::io::Result<String> {
///     let bytes = form.file.read().await?;
///     Ok(format!("{}: {} bytes", form.file.filename(), bytes.len()))
/// }
/// ```
#[derive(Clone)]
pub struct UploadFile {
    filename: String,
    content_type: Option<String>,
    headers: HeaderMap,
    size: u64,
    data: Data,
}

#[derive(Clone)]
enum Data {
    Memory(Bytes),
    /// An unnamed temporary file, gone when the last handle closes.
    Disk(Arc<File>),
}

impl UploadFile {
    pub(crate) fn new(
        filename: String,
        content_type: Option<String>,
        headers: HeaderMap,
        size: u64,
        data: Result<Bytes, File>,
    ) -> Self {
        Self {
            filename,
            content_type,
            headers,
            size,
            data: match data {
                Ok(bytes) => Data::Memory(bytes),
                Err(file) => Data::Disk(Arc::new(file)),
            },
        }
    }

    /// The file's name, as the client gave it (never a path to trust).
    pub fn filename(&self) -> &str {
        &self.filename
    }

    /// Its `Content-Type`, if the client sent one.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// Its size in bytes.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The headers of its part (`content-disposition`, `content-type`, ...).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// Whether it is held in memory (else in a temporary file).
    pub fn in_memory(&self) -> bool {
        matches!(self.data, Data::Memory(_))
    }

    /// Its whole content (read on a blocking thread when it is on disk).
    ///
    /// # Errors
    ///
    /// Reading its temporary file failed.
    pub async fn read(&self) -> io::Result<Bytes> {
        match &self.data {
            Data::Memory(bytes) => Ok(bytes.clone()),
            Data::Disk(file) => {
                let file = Arc::clone(file);
                actix_web::web::block(move || {
                    let mut bytes = Vec::new();
                    let mut file = &*file;
                    file.seek(SeekFrom::Start(0))?;
                    file.read_to_end(&mut bytes)?;
                    Ok(Bytes::from(bytes))
                })
                .await
                .map_err(io::Error::other)?
            }
        }
    }

    /// A reader from its first byte (blocking when it is on disk: read it on
    /// a blocking thread, or use [`read`](Self::read)).
    ///
    /// # Errors
    ///
    /// Seeking its temporary file failed.
    pub fn reader(&self) -> io::Result<impl Read + Seek + '_> {
        Ok(match &self.data {
            Data::Memory(bytes) => Reader::Memory(Cursor::new(bytes.as_ref())),
            Data::Disk(file) => {
                let mut file = &**file;
                file.seek(SeekFrom::Start(0))?;
                Reader::Disk(file)
            }
        })
    }

    /// What a validation error echoes for it: its name, size and part headers
    /// (FastAPI echoes its Python object).
    pub(crate) fn summary(&self) -> serde_json::Value {
        // In name order (actix does not keep the order they came in).
        let mut headers: Vec<(&str, String)> = self
            .headers
            .iter()
            .map(|(name, value)| (name.as_str(), super::header::latin1(value)))
            .collect();
        headers.sort_by(|a, b| a.0.cmp(b.0));
        let headers: serde_json::Map<String, serde_json::Value> = headers
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value.into()))
            .collect();
        serde_json::json!({ "filename": self.filename, "size": self.size, "headers": headers })
    }
}

enum Reader<'a> {
    Memory(Cursor<&'a [u8]>),
    Disk(&'a File),
}

impl Read for Reader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Self::Memory(cursor) => cursor.read(buf),
            Self::Disk(file) => file.read(buf),
        }
    }
}

impl Seek for Reader<'_> {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        match self {
            Self::Memory(cursor) => cursor.seek(pos),
            Self::Disk(file) => file.seek(pos),
        }
    }
}

impl fmt::Debug for UploadFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UploadFile")
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .field("size", &self.size)
            .field("in_memory", &self.in_memory())
            .finish_non_exhaustive()
    }
}

thread_local! {
    /// The files of the form being deserialized, by index; `None` when no
    /// form is.
    static UPLOADS: RefCell<Option<Vec<UploadFile>>> = const { RefCell::new(None) };
}

/// The files of a form, reachable by index while it is deserialized.
pub(crate) struct Uploads;

impl Uploads {
    /// Makes `files` reachable until the guard is dropped.
    pub(crate) fn install(files: Vec<UploadFile>) -> Self {
        UPLOADS.with(|uploads| *uploads.borrow_mut() = Some(files));
        Self
    }

    /// File `index` of the form being deserialized; for [`PLACEHOLDER`], an
    /// empty file (standing in for one that failed, while the rest of the form
    /// is checked).
    fn get(index: usize) -> Option<UploadFile> {
        UPLOADS.with(|uploads| {
            let uploads = uploads.borrow();
            let files = uploads.as_ref()?;
            if index == PLACEHOLDER {
                return Some(UploadFile::new(
                    String::new(),
                    None,
                    HeaderMap::new(),
                    0,
                    Ok(Bytes::new()),
                ));
            }
            files.get(index).cloned()
        })
    }
}

impl Drop for Uploads {
    fn drop(&mut self) {
        UPLOADS.with(|uploads| uploads.borrow_mut().take());
    }
}

impl<'de> Deserialize<'de> for UploadFile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct File;

        impl<'de> Visitor<'de> for File {
            type Value = UploadFile;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a file of a multipart form")
            }

            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<UploadFile, D::Error> {
                let index = usize::deserialize(deserializer)?;
                Uploads::get(index)
                    .ok_or_else(|| de::Error::custom("a file is read from a multipart form"))
            }
        }

        deserializer.deserialize_newtype_struct(UPLOAD_FILE, File)
    }
}

/// A file's bytes, or a text field's: FastAPI's `bytes = File()`. Held in
/// memory (at most [`FormLimits::max_file_size`]); for large files use
/// [`UploadFile`].
///
/// ```
/// use actix_api_error::extract::{FileBytes, Form};
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct Upload {
///     file: FileBytes,
/// }
///
/// async fn upload(Form(form): Form<Upload>) -> String {
///     format!("{} bytes", form.file.len())
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileBytes(pub Bytes);

impl FileBytes {
    /// The bytes.
    pub fn into_inner(self) -> Bytes {
        self.0
    }
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl<'de> Deserialize<'de> for FileBytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Content;

        impl<'de> Visitor<'de> for Content {
            type Value = FileBytes;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a file or a text field")
            }

            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<FileBytes, D::Error> {
                deserializer.deserialize_byte_buf(self)
            }

            fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<FileBytes, E> {
                Ok(FileBytes(Bytes::copy_from_slice(bytes)))
            }

            fn visit_byte_buf<E: de::Error>(self, bytes: Vec<u8>) -> Result<FileBytes, E> {
                Ok(FileBytes(Bytes::from(bytes)))
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<FileBytes, E> {
                self.visit_bytes(text.as_bytes())
            }
        }

        deserializer.deserialize_newtype_struct(FILE_BYTES, Content)
    }
}

/// A file in OpenAPI, as FastAPI documents one: a string of
/// `application/octet-stream`.
#[cfg(feature = "openapi")]
fn binary() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    ObjectBuilder::new()
        .schema_type(Type::String)
        .content_media_type("application/octet-stream")
        .into()
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for UploadFile {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        binary()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for UploadFile {}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for FileBytes {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        binary()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for FileBytes {}

/// The limits a `multipart/form-data` form is read within, as FastAPI's
/// `form_limits` (and `max_body_size`) set them, with bounds FastAPI leaves
/// open. Set it for an app, a scope or a resource as app data:
///
/// ```
/// use actix_api_error::extract::FormLimits;
/// use actix_web::App;
///
/// // Photos up to 50 MiB, at most 4 of them.
/// let app = App::new().app_data(FormLimits {
///     max_file_size: 50 * 1024 * 1024,
///     max_body_size: 200 * 1024 * 1024,
///     max_files: 4,
///     ..FormLimits::DEFAULT
/// });
/// ```
///
/// Text fields together are also bounded by [`BodyLimit`](super::BodyLimit),
/// as a URL-encoded form is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormLimits {
    /// Text fields: past it, 400 "Too many fields. Maximum number of fields is 1000."
    pub max_fields: usize,
    /// Files: past it, 400 "Too many files. Maximum number of files is 1000."
    pub max_files: usize,
    /// Bytes of one text field: past it, 400 "Part exceeded maximum size of 1024KB."
    pub max_part_size: usize,
    /// Bytes of one file: past it, 413 `{"detail":"File too large"}`.
    pub max_file_size: usize,
    /// Bytes of the whole body, files included: past it, 413
    /// `{"detail":"Content Too Large"}` — as soon as `Content-Length` says so,
    /// or as soon as the stream goes over.
    pub max_body_size: usize,
    /// Bytes of files kept in memory; the files after them are written to
    /// temporary files.
    pub spool_size: usize,
}

impl FormLimits {
    /// Starlette's counts and part size (1000, 1000, 1 MiB), files up to 10
    /// MiB, bodies up to 20 MiB, 1 MiB of files in memory.
    pub const DEFAULT: Self = Self {
        max_fields: 1000,
        max_files: 1000,
        max_part_size: 1024 * 1024,
        max_file_size: 10 * 1024 * 1024,
        max_body_size: 20 * 1024 * 1024,
        spool_size: 1024 * 1024,
    };

    pub(crate) fn of(req: &HttpRequest) -> Self {
        req.app_data::<Self>().copied().unwrap_or_default()
    }
}

impl Default for FormLimits {
    fn default() -> Self {
        Self::DEFAULT
    }
}
