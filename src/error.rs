//! The one error type of textwash's fallible APIs.

use std::path::PathBuf;

/// What went wrong, and where.
///
/// Every variant that comes from input data names the position (byte offset, and
/// line number where lines are meaningful) so that a caller can point at it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input was supposed to be UTF-8 and is not.
    #[error("invalid UTF-8 at byte offset {offset} (line {line})")]
    InvalidUtf8 {
        /// Byte offset of the first byte that is not valid UTF-8.
        offset: usize,
        /// 1-based line number of that byte.
        line: usize,
    },
    /// Strict decoding met a byte sequence that is malformed in the chosen encoding.
    #[error("malformed {encoding} at byte offset {offset} (line {line})")]
    Malformed {
        /// The encoding the bytes were decoded as.
        encoding: &'static str,
        /// Byte offset of the first malformed byte.
        offset: usize,
        /// 1-based line number of that byte.
        line: usize,
    },
    /// An encoding label that neither WHATWG nor textwash knows.
    #[error("unknown encoding label {0:?}")]
    UnknownEncoding(String),
    /// Reading a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file that could not be read or written.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// An [`Error::InvalidUtf8`] for `bytes`, computing the line of `offset`.
    pub(crate) fn invalid_utf8(bytes: &[u8], offset: usize) -> Self {
        Error::InvalidUtf8 {
            offset,
            line: line_of(bytes, offset),
        }
    }
}

/// 1-based line number of byte `offset` in `bytes`.
pub(crate) fn line_of(bytes: &[u8], offset: usize) -> usize {
    let end = offset.min(bytes.len());
    memchr::memchr_iter(b'\n', &bytes[..end]).count() + 1
}

/// Checks that `bytes` are UTF-8, with an error that says where they are not.
///
/// ```
/// let err = textwash::from_utf8(b"ok\n\xff").unwrap_err();
/// assert_eq!(err.to_string(), "invalid UTF-8 at byte offset 3 (line 2)");
/// ```
pub fn from_utf8(bytes: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(bytes).map_err(|e| Error::invalid_utf8(bytes, e.valid_up_to()))
}
