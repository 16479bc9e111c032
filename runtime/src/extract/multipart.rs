//! Reading a `multipart/form-data` body as it streams in (on actix-multipart):
//! text fields into memory, files into memory or temporary files, each within
//! [`FormLimits`] and the whole body within its limit.

use std::{
    fs::File,
    io::{self, Write as _},
    pin::Pin,
    task::{Context, Poll},
};

use actix_multipart::{Field, Multipart, MultipartError};
use actix_web::{
    HttpRequest,
    dev::Payload,
    error::PayloadError,
    http::header::{CONTENT_LENGTH, CONTENT_TYPE},
    web::{Bytes, BytesMut},
};
use futures_util::{Stream, StreamExt as _};

use super::{
    BodyLimit,
    header::latin1,
    upload::{FormLimits, UploadFile},
};
use crate::{
    HttpException,
    validation::{
        outline::{FileKind, Outline},
        tree::{FilePart, Part},
    },
};

/// A multipart form, read.
pub(crate) struct Received {
    /// Each field in the order it came: text, or a file (by its index in
    /// `files`). A file input a browser left empty (no name, no bytes) is
    /// not sent, as in FastAPI.
    pub(crate) parts: Vec<(String, Part<String>)>,
    pub(crate) files: Vec<UploadFile>,
    /// The text fields, URL-encoded: the body a handler that echoes it sees.
    pub(crate) text: Bytes,
}

/// Reads the form. `outline` says (when a file arrives) which fields want a
/// file's bytes in memory ([`FileBytes`](super::FileBytes)).
pub(crate) async fn read<'o>(
    req: &HttpRequest,
    payload: &mut Payload,
    outline: impl Fn() -> &'o Outline,
) -> Result<Received, HttpException> {
    let limits = FormLimits::of(req);
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limits.max_body_size as u64) {
        return Err(HttpException::content_too_large());
    }
    let stream = Bounded {
        payload: payload.take(),
        left: limits.max_body_size,
    };
    let mut multipart = Multipart::new(req.headers(), stream);
    let mut form = Form {
        limits,
        text_left: BodyLimit::of(req),
        memory_left: limits.spool_size,
        fields: 0,
        received: Received {
            parts: Vec::new(),
            files: Vec::new(),
            text: Bytes::new(),
        },
        encoded: form_urlencoded::Serializer::new(String::new()),
    };
    while let Some(field) = multipart.next().await {
        let field = match field {
            Ok(field) => field,
            Err(error) => {
                Form::stopped(error)?;
                break;
            }
        };
        let name = field.name().unwrap_or_default().to_owned();
        let filename = field
            .content_disposition()
            .and_then(|disposition| disposition.get_filename())
            .map(str::to_owned);
        let read = match filename {
            Some(filename) => {
                let in_memory = outline()
                    .field(&name)
                    .is_some_and(|field| field.file == Some(FileKind::Bytes));
                form.file(name, filename, field, in_memory).await
            }
            None => form.text(name, field).await,
        };
        match read {
            Ok(()) => {}
            Err(Stop::Answer(answer)) => return Err(answer),
            Err(Stop::Malformed(error)) => {
                Form::stopped(error)?;
                break;
            }
        }
    }
    let mut received = form.received;
    received.text = Bytes::from(form.encoded.finish());
    Ok(received)
}

/// Why a part was not read to its end.
enum Stop {
    /// A limit was passed: the answer.
    Answer(HttpException),
    /// The body stopped being valid multipart.
    Malformed(MultipartError),
}

impl From<HttpException> for Stop {
    fn from(answer: HttpException) -> Self {
        Self::Answer(answer)
    }
}

struct Form {
    limits: FormLimits,
    /// Bytes of text fields still allowed.
    text_left: usize,
    /// Bytes of files still kept in memory.
    memory_left: usize,
    fields: usize,
    received: Received,
    encoded: form_urlencoded::Serializer<'static, String>,
}

impl Form {
    /// The body stopped being valid multipart: as Starlette (python-multipart)
    /// does, the form ends there; a limit passed or a missing boundary is
    /// answered.
    fn stopped(error: MultipartError) -> Result<(), HttpException> {
        match error {
            MultipartError::BoundaryMissing => {
                Err(HttpException::new(400, "Missing boundary in multipart."))
            }
            MultipartError::ContentDispositionNameMissing => Err(HttpException::new(
                400,
                "The Content-Disposition header field \"name\" must be provided.",
            )),
            MultipartError::Payload(PayloadError::Overflow) => {
                Err(HttpException::content_too_large())
            }
            MultipartError::Payload(PayloadError::Io(_) | PayloadError::Incomplete(_)) => {
                tracing::debug!(%error, "the multipart body could not be read");
                Err(HttpException::unreadable_body())
            }
            error => {
                tracing::debug!(%error, "the multipart body ends in error");
                Ok(())
            }
        }
    }

    async fn text(&mut self, name: String, mut field: Field) -> Result<(), Stop> {
        self.fields += 1;
        if self.fields > self.limits.max_fields {
            return Err(Stop::Answer(HttpException::new(
                400,
                format!(
                    "Too many fields. Maximum number of fields is {}.",
                    self.limits.max_fields
                ),
            )));
        }
        let mut value = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(Stop::Malformed)?;
            if value.len() + chunk.len() > self.limits.max_part_size {
                return Err(Stop::Answer(HttpException::new(
                    400,
                    format!(
                        "Part exceeded maximum size of {}KB.",
                        self.limits.max_part_size / 1024
                    ),
                )));
            }
            if chunk.len() > self.text_left {
                return Err(Stop::Answer(HttpException::content_too_large()));
            }
            self.text_left -= chunk.len();
            value.extend_from_slice(&chunk);
        }
        let value = String::from_utf8_lossy(&value).into_owned();
        self.encoded.append_pair(&name, &value);
        self.received.parts.push((name, Part::Text(value)));
        Ok(())
    }

    async fn file(
        &mut self,
        name: String,
        filename: String,
        mut field: Field,
        in_memory: bool,
    ) -> Result<(), Stop> {
        if self.received.files.len() >= self.limits.max_files {
            return Err(Stop::Answer(HttpException::new(
                400,
                format!(
                    "Too many files. Maximum number of files is {}.",
                    self.limits.max_files
                ),
            )));
        }
        let mut spool = Spool::default();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(Stop::Malformed)?;
            if spool.size + chunk.len() > self.limits.max_file_size {
                return Err(Stop::Answer(HttpException::new(413, "File too large")));
            }
            let keep = in_memory || (spool.file.is_none() && chunk.len() <= self.memory_left);
            if keep {
                self.memory_left = self.memory_left.saturating_sub(chunk.len());
            }
            spool.write(chunk, keep).await.map_err(|error| {
                tracing::error!(%error, "an uploaded file could not be written to a temporary file");
                Stop::Answer(HttpException::from_status(500))
            })?;
        }
        if filename.is_empty() && spool.size == 0 {
            return Ok(()); // a file input left empty
        }
        let content_type = field.headers().get(CONTENT_TYPE).map(latin1);
        let index = self.received.files.len();
        let size = spool.size as u64;
        let data = spool.finish();
        let bytes = data.as_ref().ok().cloned();
        let file = UploadFile::new(filename, content_type, field.headers().clone(), size, data);
        let summary = file.summary();
        self.received.files.push(file);
        self.received.parts.push((
            name,
            Part::File(FilePart {
                index,
                summary,
                bytes,
            }),
        ));
        Ok(())
    }
}

/// A file's bytes: in memory, until they go to a temporary file.
#[derive(Default)]
struct Spool {
    memory: BytesMut,
    file: Option<File>,
    size: usize,
}

impl Spool {
    /// Adds `chunk`: to memory if `keep` says so and nothing went to disk yet,
    /// else to the temporary file (written on a blocking thread).
    async fn write(&mut self, chunk: Bytes, keep: bool) -> io::Result<()> {
        self.size += chunk.len();
        if keep && self.file.is_none() {
            self.memory.extend_from_slice(&chunk);
            return Ok(());
        }
        let mut file = match self.file.take() {
            Some(file) => file,
            None => tempfile::tempfile()?,
        };
        let memory = std::mem::take(&mut self.memory);
        let file = actix_web::web::block(move || {
            file.write_all(&memory)?;
            file.write_all(&chunk)?;
            Ok::<_, io::Error>(file)
        })
        .await
        .map_err(io::Error::other)??;
        self.file = Some(file);
        Ok(())
    }

    /// The bytes held in memory, or the file holding them.
    fn finish(self) -> Result<Bytes, File> {
        match self.file {
            Some(file) => Err(file),
            None => Ok(self.memory.freeze()),
        }
    }
}

/// The request's body, ending in `Overflow` once it passes `left` bytes.
struct Bounded {
    payload: Payload,
    left: usize,
}

impl Stream for Bounded {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let item = Pin::new(&mut self.payload).poll_next(cx);
        if let Poll::Ready(Some(Ok(chunk))) = &item {
            if chunk.len() > self.left {
                self.left = 0;
                return Poll::Ready(Some(Err(PayloadError::Overflow)));
            }
            self.left -= chunk.len();
        }
        item
    }
}
